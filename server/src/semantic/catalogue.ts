import type { DataSource, EntityManager } from "typeorm";

export interface Member {
  /** The value stored in the data (an id or a code). */
  key: number | string;
  /** The stable code clients use in filters and read in answers. */
  code: string;
  labelVi: string;
  labelEn: string;
}

export type CatalogueName =
  | "phase"
  | "workerCategory"
  | "solutionType"
  | "field"
  | "status"
  | "province"
  | "province2025"
  | "region"
  | "topUnit"
  | "topUnitKind"
  | "emulationCluster";

/** Members of every dimension but the unit tree (130,000 units are looked up one at a time). */
export type Catalogue = Record<CatalogueName, Member[]>;

const KIND_LABELS: Member[] = [
  {
    key: "PROVINCIAL_FEDERATION",
    code: "PROVINCIAL_FEDERATION",
    labelVi: "LĐLĐ tỉnh, thành phố",
    labelEn: "Provincial labour federation",
  },
  {
    key: "CENTRAL_SECTOR_UNION",
    code: "CENTRAL_SECTOR_UNION",
    labelVi: "Công đoàn ngành Trung ương",
    labelEn: "Central sector union",
  },
  {
    key: "CORPORATION_UNION",
    code: "CORPORATION_UNION",
    labelVi: "Công đoàn tập đoàn, tổng công ty",
    labelEn: "Corporation union",
  },
];

/** Reads the members of each dimension from the reference tables (once per data version). */
export async function loadCatalogue(db: Pick<DataSource | EntityManager, "query">): Promise<Catalogue> {
  const rows = async (sql: string) =>
    (await db.query(sql)) as Array<{ key: number | string; code: string; label_vi: string; label_en: string }>;
  const toMembers = (list: Awaited<ReturnType<typeof rows>>): Member[] =>
    list.map((r) => ({ key: r.key, code: String(r.code), labelVi: r.label_vi, labelEn: r.label_en }));
  const codeTable = (table: string) =>
    rows(`SELECT id AS key, code, name_vi AS label_vi, name_en AS label_en FROM ${table} ORDER BY id`).then(toMembers);
  return {
    phase: toMembers(
      await rows(`SELECT id AS key, id::text AS code, name_vi AS label_vi, name_en AS label_en FROM phase ORDER BY id`),
    ),
    workerCategory: await codeTable("worker_category"),
    solutionType: await codeTable("solution_type"),
    field: await codeTable("initiative_field"),
    status: await codeTable("initiative_status"),
    province: toMembers(
      await rows(`SELECT code AS key, code, name AS label_vi, name_en AS label_en FROM province ORDER BY code`),
    ),
    province2025: toMembers(
      await rows(`SELECT code AS key, code, name AS label_vi, name_en AS label_en FROM province_2025 ORDER BY code`),
    ),
    region: toMembers(
      await rows(`SELECT code AS key, code, name_vi AS label_vi, name_en AS label_en FROM region ORDER BY sort_order`),
    ),
    topUnit: toMembers(
      await rows(`SELECT id AS key, code, name AS label_vi, name AS label_en FROM unit WHERE tier = 1 ORDER BY id`),
    ),
    topUnitKind: KIND_LABELS,
    emulationCluster: toMembers(
      await rows(
        `SELECT code AS key, code, name_vi AS label_vi, name_en AS label_en FROM emulation_cluster ORDER BY code`,
      ),
    ),
  };
}
