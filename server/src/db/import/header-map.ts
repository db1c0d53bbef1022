import { showControlCharacters } from "./control-characters";
import { ImportFileError } from "./import-error";
import { labelKey } from "./value-parsers";

/** The columns an import understands. Documented in docs/import.md; keep the two in step. */
export type ColumnKey =
  | "portalCode"
  | "title"
  | "field"
  | "unit"
  | "submittedAt"
  | "status"
  | "decidedAt"
  | "benefit"
  | "workerCategory"
  | "solutionType"
  | "authorName"
  | "memberCode"
  | "coAuthors";

export interface ColumnDefinition {
  key: ColumnKey;
  /** The header the portal writes: also how the column is named in docs. */
  header: string;
  /** Other headers accepted, in Vietnamese or English; matched without case, diacritics or punctuation. */
  aliases: string[];
  required: boolean;
  /** Personal data: its value is never echoed in logs, output or the error file. */
  personal: boolean;
}

export const COLUMNS: readonly ColumnDefinition[] = [
  {
    key: "portalCode",
    header: "Mã sáng kiến",
    aliases: ["Mã số sáng kiến", "Mã", "Portal code", "Initiative code", "Code"],
    required: true,
    personal: false,
  },
  {
    key: "title",
    header: "Tên sáng kiến",
    aliases: ["Tên giải pháp", "Tên", "Title", "Initiative title", "Name"],
    required: true,
    personal: false,
  },
  { key: "field", header: "Lĩnh vực", aliases: ["Field", "Domain"], required: true, personal: false },
  {
    key: "unit",
    header: "Đơn vị",
    aliases: ["Mã đơn vị", "Công đoàn cơ sở", "CĐCS", "Unit", "Unit code", "Grassroots union"],
    required: true,
    personal: false,
  },
  {
    key: "submittedAt",
    header: "Ngày nộp",
    aliases: ["Thời gian nộp", "Ngày gửi", "Submitted", "Submitted at", "Submission date"],
    required: true,
    personal: false,
  },
  { key: "status", header: "Trạng thái", aliases: ["Status"], required: true, personal: false },
  {
    key: "decidedAt",
    header: "Ngày duyệt",
    aliases: ["Ngày xét duyệt", "Ngày quyết định", "Decided at", "Decision date"],
    required: false,
    personal: false,
  },
  {
    key: "benefit",
    header: "Giá trị làm lợi (đồng)",
    aliases: ["Giá trị làm lợi", "Số tiền làm lợi", "Benefit", "Benefit VND"],
    required: false,
    personal: false,
  },
  {
    key: "workerCategory",
    header: "Khối",
    aliases: ["Khối đối tượng", "Worker category", "Category"],
    required: true,
    personal: false,
  },
  {
    key: "solutionType",
    header: "Loại giải pháp",
    aliases: ["Solution type", "Type"],
    required: true,
    personal: false,
  },
  {
    key: "authorName",
    header: "Tác giả",
    aliases: ["Họ tên tác giả", "Tên tác giả", "Tác giả chính", "Author", "Lead author", "Author name"],
    required: true,
    personal: true,
  },
  {
    key: "memberCode",
    header: "Mã tác giả",
    aliases: ["Mã đoàn viên", "Member code", "Author code"],
    required: false,
    personal: true,
  },
  {
    key: "coAuthors",
    header: "Đồng tác giả",
    aliases: ["Số đồng tác giả", "Co-authors", "Co authors", "Coauthors"],
    required: false,
    personal: false,
  },
];

const BY_KEY = new Map<string, ColumnDefinition>();
for (const column of COLUMNS) {
  for (const name of [column.header, ...column.aliases]) {
    const key = labelKey(name);
    if (BY_KEY.has(key) && BY_KEY.get(key) !== column)
      throw new Error(`import columns: "${name}" is claimed by two columns`);
    BY_KEY.set(key, column);
  }
}

/** Where each known column sits in the file, and what the file calls it. */
export interface HeaderMap {
  index: Record<ColumnKey, number>;
  /** The header as written in the file (for messages), by column; the documented name when absent. */
  name: Record<ColumnKey, string>;
  /** Headers the import does not use: reported, not an error. */
  ignored: string[];
  width: number;
}

/** Maps the header row to the known columns; a missing required column or one named twice stops the import. */
export function mapHeader(headers: string[]): HeaderMap {
  const index = {} as Record<ColumnKey, number>;
  const name = {} as Record<ColumnKey, string>;
  const ignored: string[] = [];
  headers.forEach((raw, i) => {
    const header = raw.trim();
    const column = BY_KEY.get(labelKey(header));
    if (!column) {
      if (header !== "") ignored.push(showControlCharacters(header));
      return;
    }
    if (index[column.key] !== undefined) {
      throw new ImportFileError(
        `columns "${name[column.key]}" and "${header}" both mean "${column.header}"`,
        "keep one of them",
      );
    }
    index[column.key] = i;
    name[column.key] = showControlCharacters(header);
  });
  const missing = COLUMNS.filter((c) => c.required && index[c.key] === undefined);
  if (missing.length > 0) {
    throw new ImportFileError(
      `thiếu cột / missing column${missing.length > 1 ? "s" : ""}: ${missing.map((c) => `"${c.header}"`).join(", ")}`,
      "the first line must name the columns; see docs/import.md",
    );
  }
  for (const c of COLUMNS) {
    if (index[c.key] === undefined) index[c.key] = -1;
    name[c.key] ??= c.header;
  }
  return { index, name, ignored, width: headers.length };
}

export function columnDefinition(key: ColumnKey): ColumnDefinition {
  return COLUMNS.find((c) => c.key === key)!;
}
