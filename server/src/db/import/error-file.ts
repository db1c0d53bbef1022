import fs from "node:fs/promises";
import path from "node:path";
import { CSV_BOM, csvLine } from "../../common/csv";
import type { RowError } from "./import-report";

const HEADER = ["Dòng / Line", "Mã sáng kiến / Portal code", "Cột / Column", "Giá trị / Value", "Lý do / Reason"];
const HIDDEN = "(ẩn: dữ liệu cá nhân / hidden: personal data)";

/** "export.csv" → "export.errors.csv", next to the input. */
export function defaultErrorFile(input: string): string {
  const parsed = path.parse(input);
  return path.join(parsed.dir, `${parsed.ext.toLowerCase() === ".csv" ? parsed.name : parsed.base}.errors.csv`);
}

/**
 * Writes the bad cells as CSV that Excel opens as it should (UTF-8 with BOM, CRLF, RFC 4180
 * quoting). Cells come from an untrusted file, so one that a spreadsheet would run as a formula
 * gets a leading apostrophe. Written whole to a temporary name and renamed: a reader never sees half a file.
 */
export async function writeErrorFile(file: string, errors: readonly RowError[]): Promise<void> {
  const lines = [csvLine(HEADER)];
  for (const e of errors)
    lines.push(csvLine([e.line, e.portalCode, e.column, e.personal ? HIDDEN : e.value, e.reason]));
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, CSV_BOM + lines.join(""), "utf8");
  await fs.rename(temporary, file);
}

/** Checks before a long import that the error file could be written, so a typo fails in a second, not after a minute. */
export async function assertWritable(file: string): Promise<void> {
  await fs.access(path.dirname(path.resolve(file)), fs.constants.W_OK);
}
