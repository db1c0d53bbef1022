import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from "typeorm";

export type UnitKind =
  | "CONFEDERATION"
  | "PROVINCIAL_FEDERATION"
  | "CENTRAL_SECTOR_UNION"
  | "CORPORATION_UNION"
  | "DISTRICT_FEDERATION"
  | "INDUSTRIAL_ZONE_UNION"
  | "PROVINCIAL_SECTOR_UNION"
  | "MEMBER_CORPORATION_UNION"
  | "UPPER_UNION"
  | "GRASSROOTS";

export type GrassrootsKind = "ENTERPRISE" | "SCHOOL" | "HEALTH" | "PUBLIC_SERVICE" | "STATE_AGENCY" | "COMMUNE";

/** Tier of a unit: the confederation, the 83 top-level units, intermediate levels, grassroots unions. */
export const UNIT_TIER = { CONFEDERATION: 0, TOP: 1, INTERMEDIATE: 2, GRASSROOTS: 3 } as const;

/**
 * A union at any level. `path` lists the ids from the root ("/1/39/512/90210/"), so
 * "everything under unit X" is the single indexed predicate `path LIKE X.path || '%'`.
 */
@Entity({ name: "unit" })
export class Unit {
  @PrimaryColumn({ type: "integer" }) id!: number;
  @Column({ name: "parent_id", type: "integer", nullable: true }) parentId!: number | null;
  @Column({ type: "text" }) code!: string;
  @Column({ type: "text" }) name!: string;
  /** Lower case without diacritics, so "thanh hoa" finds "Thanh Hóa". */
  @Column({ name: "search_name", type: "text" }) searchName!: string;
  @Column({ type: "text" }) kind!: UnitKind;
  @Column({ type: "smallint" }) tier!: number;
  @Column({ type: "smallint" }) depth!: number;
  @Column({ type: "text" }) path!: string;
  @Column({ name: "top_unit_id", type: "integer", nullable: true }) topUnitId!: number | null;
  @Column({ name: "province_code", type: "text", nullable: true }) provinceCode!: string | null;
  @Column({ name: "cluster_code", type: "text", nullable: true }) clusterCode!: string | null;
  @Column({ name: "grassroots_kind", type: "text", nullable: true }) grassrootsKind!: GrassrootsKind | null;
  /** Union members of a grassroots union; null above that level (sum the grassroots unions instead). */
  @Column({ type: "integer", nullable: true }) members!: number | null;

  @ManyToOne(() => Unit)
  @JoinColumn({ name: "parent_id" })
  parent?: Relation<Unit>;
}
