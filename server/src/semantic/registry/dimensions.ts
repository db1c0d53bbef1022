import type { CatalogueName } from "../catalogue";
import { unitAtDepthSql } from "../../db/unit-path.sql";
import type { AttributeRows } from "./measures";
import { isCorrectedSql, statusFromHistorySql } from "../../db/aggregates/status-corrections.sql";

/**
 * Dimensions of the semantic layer. Each says how to compute its key on the event rows
 * (aliases: e = event row, t = its top unit, p = its province, g = its grassroots union), which
 * rollup column carries it, and how the rows of attribute measures (unions, targets) are grouped by it.
 */
export type Join = "t" | "p" | "g";
export type KeyType = "int" | "text";

export interface DimensionDefinition {
  name: string;
  labelVi: string;
  labelEn: string;
  descriptionVi: string;
  descriptionEn: string;
  keyType: KeyType;
  /**
   * Key expression on event rows (base table or rollup), and the joins it needs; a function of
   * the as-of instant (as SQL, a parameter) for a key that depends on it.
   */
  sql: string | ((asOf: string) => string);
  joins: Join[];
  /** The rollup column the key needs; absent when no rollup can carry it. */
  rollupColumn?: string;
  /**
   * Key expressions over the rows attribute measures sum (see AttributeDefinition): grassroots
   * unions (alias g, with t and p joined), and target rows (alias tg, its unit tu, tp = tu's province).
   */
  attributeSql?: Partial<Record<AttributeRows, string>>;
  /** The catalogue its members come from (codes and labels). */
  catalogue: CatalogueName | "unit";
}

/** The drill-down dimension: children of a given unit. Its SQL depends on that unit, see unitChildSql. */
export const UNIT_DIMENSION = "unit";

export const DIMENSIONS: DimensionDefinition[] = [
  {
    name: "phase",
    labelVi: "Giai đoạn",
    labelEn: "Phase",
    keyType: "int",
    catalogue: "phase",
    descriptionVi: "Giai đoạn theo thời điểm nộp (GĐ1: 08/01–31/5/2022; GĐ2: 01/6/2022–01/9/2023)",
    descriptionEn: "Phase of the submission instant (1: 8 Jan–31 May 2022; 2: 1 Jun 2022–1 Sep 2023)",
    sql: "e.phase_id",
    joins: [],
    rollupColumn: "phase_id",
    attributeSql: { targets: "tg.phase_id" },
  },
  {
    name: "workerCategory",
    labelVi: "Khối",
    labelEn: "Worker category",
    keyType: "int",
    catalogue: "workerCategory",
    descriptionVi: "Đối tượng nộp: đơn vị sự nghiệp, doanh nghiệp, cán bộ công đoàn, cơ quan Đảng – Nhà nước",
    descriptionEn: "Who submitted: public service, enterprise, union officer, Party–State body",
    sql: "e.worker_category_id",
    joins: [],
    rollupColumn: "worker_category_id",
  },
  {
    name: "solutionType",
    labelVi: "Loại giải pháp",
    labelEn: "Solution type",
    keyType: "int",
    catalogue: "solutionType",
    descriptionVi: "Loại giải pháp theo Điều lệ Sáng kiến",
    descriptionEn: "Type of solution (Decree 13/2012)",
    sql: "e.solution_type_id",
    joins: [],
    rollupColumn: "solution_type_id",
  },
  {
    name: "field",
    labelVi: "Lĩnh vực",
    labelEn: "Field",
    keyType: "int",
    catalogue: "field",
    descriptionVi: "Lĩnh vực của sáng kiến",
    descriptionEn: "Field of the initiative",
    sql: "e.field_id",
    joins: [],
    rollupColumn: "field_id",
  },
  {
    name: "status",
    labelVi: "Trạng thái",
    labelEn: "Status",
    keyType: "int",
    catalogue: "status",
    descriptionVi: "Trạng thái tại thời điểm tính",
    descriptionEn: "Status at the as-of instant",
    // Needs each initiative's decision instant, so no rollup carries it. A re-decided initiative's
    // status is read from its history (a few rows); a decision event is keyed by its own kind.
    sql: (asOf) =>
      `CASE WHEN e.event <> 1 THEN e.event WHEN ${isCorrectedSql("e.id")} THEN ${statusFromHistorySql("e.id", asOf)}
            WHEN e.decided_at < ${asOf} THEN e.status_id ELSE 1 END`,
    joins: [],
  },
  {
    name: "province",
    labelVi: "Tỉnh, thành phố",
    labelEn: "Province",
    keyType: "text",
    catalogue: "province",
    descriptionVi: "63 tỉnh, thành phố 2021–2023 (nơi đặt công đoàn cơ sở)",
    descriptionEn: "The 63 provinces of 2021–2023 (where the grassroots union is)",
    sql: "e.province_code",
    joins: [],
    rollupColumn: "province_code",
    attributeSql: { unions: "g.province_code", targets: "tu.province_code" },
  },
  {
    name: "province2025",
    labelVi: "Tỉnh, thành phố (2025)",
    labelEn: "Province (2025)",
    keyType: "text",
    catalogue: "province2025",
    descriptionVi: "34 tỉnh, thành phố từ 1/7/2025",
    descriptionEn: "The 34 provinces since 1 July 2025",
    sql: "p.successor_2025_code",
    joins: ["p"],
    rollupColumn: "province_code",
    attributeSql: { unions: "p.successor_2025_code", targets: "tp.successor_2025_code" },
  },
  {
    name: "region",
    labelVi: "Vùng",
    labelEn: "Region",
    keyType: "text",
    catalogue: "region",
    descriptionVi: "6 vùng kinh tế – xã hội (NQ 81/2023/QH15)",
    descriptionEn: "The six socio-economic regions (Resolution 81/2023)",
    sql: "p.region_code",
    joins: ["p"],
    rollupColumn: "province_code",
    attributeSql: { unions: "p.region_code", targets: "tp.region_code" },
  },
  {
    name: "topUnit",
    labelVi: "Đơn vị trực thuộc",
    labelEn: "Top-level unit",
    keyType: "int",
    catalogue: "topUnit",
    descriptionVi: "83 LĐLĐ tỉnh, thành phố, công đoàn ngành và công đoàn tổng công ty",
    descriptionEn: "The 83 provincial federations, sector and corporation unions",
    sql: "e.top_unit_id",
    joins: [],
    rollupColumn: "top_unit_id",
    attributeSql: { unions: "g.top_unit_id", targets: "tu.id" },
  },
  {
    name: "topUnitKind",
    labelVi: "Loại đơn vị",
    labelEn: "Kind of unit",
    keyType: "text",
    catalogue: "topUnitKind",
    descriptionVi: "LĐLĐ tỉnh, công đoàn ngành Trung ương, công đoàn tập đoàn/tổng công ty",
    descriptionEn: "Provincial federation, central sector union, corporation union",
    sql: "t.kind",
    joins: ["t"],
    rollupColumn: "top_unit_id",
    attributeSql: { unions: "t.kind", targets: "tu.kind" },
  },
  {
    name: "emulationCluster",
    labelVi: "Cụm, khối thi đua",
    labelEn: "Emulation cluster",
    keyType: "text",
    catalogue: "emulationCluster",
    descriptionVi: "Cụm, khối thi đua của Tổng Liên đoàn",
    descriptionEn: "The confederation's emulation clusters",
    sql: "t.cluster_code",
    joins: ["t"],
    rollupColumn: "top_unit_id",
    attributeSql: { unions: "t.cluster_code", targets: "tu.cluster_code" },
  },
  {
    name: UNIT_DIMENSION,
    labelVi: "Đơn vị trực thuộc (cấp dưới)",
    labelEn: "Child unit",
    keyType: "int",
    catalogue: "unit",
    descriptionVi: "Các đơn vị cấp dưới trực tiếp của đơn vị được chọn (parentUnit), ở mọi cấp",
    descriptionEn: "The direct children of the chosen unit (parentUnit), at any depth",
    // Placeholder: the real expression depends on the parent unit (unitChildSql).
    sql: "",
    joins: ["g"],
  },
];

/** Key of the child of `parent` on the way to each row's grassroots union: one path lookup, no recursion. */
export function unitChildSql(alias: string, parentDepth: number): string {
  return unitAtDepthSql(alias, parentDepth + 1);
}
