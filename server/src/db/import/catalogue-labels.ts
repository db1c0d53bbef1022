import { FIELDS, SOLUTION_TYPES, STATUSES, WORKER_CATEGORIES, type CatalogueEntry } from "../reference/catalogues";
import { labelKey, type Parsed } from "./value-parsers";

/** Which catalogue a column's labels come from. */
export type CatalogueName = "field" | "workerCategory" | "solutionType" | "status";

/**
 * Short forms seen in the programme's documents and portal screens, besides each entry's
 * Vietnamese label, English label and code (which are always accepted).
 */
const EXTRA_LABELS: Record<CatalogueName, Record<string, string[]>> = {
  workerCategory: {
    PUBLIC_SERVICE: ["Sự nghiệp", "Khối sự nghiệp", "Đơn vị sự nghiệp công lập"],
    ENTERPRISE: ["Doanh nghiệp", "Khối doanh nghiệp"],
    UNION_CADRE: ["Cán bộ công đoàn chuyên trách", "Khối cán bộ công đoàn"],
    PARTY_STATE: [
      "Cơ quan Đảng, Nhà nước",
      "Khối cơ quan Đảng, Nhà nước, Mặt trận Tổ quốc, đoàn thể",
      "Cơ quan hành chính",
    ],
  },
  solutionType: {},
  field: { OTHER: ["Khác"] },
  status: {
    PENDING: ["Chờ xét duyệt", "Chờ duyệt", "Đang được tổ chức công đoàn xem xét", "Chưa xét"],
    VALID: ["Được công nhận", "Đã công nhận"],
    INVALID: ["Không được công nhận", "Không công nhận"],
  },
};

const ENTRIES: Record<CatalogueName, readonly CatalogueEntry[]> = {
  field: FIELDS,
  workerCategory: WORKER_CATEGORIES,
  solutionType: SOLUTION_TYPES,
  status: STATUSES,
};

/** Turns a cell into a catalogue id. Built once per import; remembers each distinct cell, since a column holds a handful of values a million times. */
export class CatalogueLabels {
  private readonly byKey: Map<string, number>;
  private readonly seen = new Map<string, Parsed<number>>();

  constructor(private readonly catalogue: CatalogueName) {
    this.byKey = new Map();
    for (const entry of ENTRIES[catalogue]) {
      for (const label of [entry.nameVi, entry.nameEn, entry.code, ...(EXTRA_LABELS[catalogue][entry.code] ?? [])]) {
        const key = labelKey(label);
        const other = this.byKey.get(key);
        // A label that named two entries would silently pick one: fail at start instead.
        if (other !== undefined && other !== entry.id)
          throw new Error(`catalogue ${catalogue}: "${label}" names two entries`);
        this.byKey.set(key, entry.id);
      }
    }
  }

  parse(text: string): Parsed<number> {
    let result = this.seen.get(text);
    if (result) return result;
    const id = this.byKey.get(labelKey(text));
    result =
      id !== undefined
        ? { ok: true, value: id }
        : { ok: false, reason: `không có trong danh mục (${this.choices()}) / not in the catalogue` };
    if (this.seen.size < 10_000) this.seen.set(text, result);
    return result;
  }

  private choices(): string {
    return ENTRIES[this.catalogue].map((e) => e.nameVi).join("; ");
  }
}
