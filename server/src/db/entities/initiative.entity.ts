import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * One submission on the portal. `top_unit_id` and `province_code` repeat what the grassroots
 * unit says, so that aggregation needs no join; the loader sets them and a test checks they agree.
 */
@Entity({ name: "initiative" })
export class Initiative {
  /** Ids follow submission order, so "ordered by instant, ties by id" is simply id order. */
  @PrimaryColumn({ type: "bigint" }) id!: string;
  @Column({ name: "submitted_at", type: "timestamptz" }) submittedAt!: Date;
  /** Derived in the database from submitted_at: phase 1 before 2022-06-01 00:00 Vietnam time. */
  @Column({
    name: "phase_id",
    type: "smallint",
    generatedType: "STORED",
    asExpression: "CASE WHEN submitted_at < '2022-06-01 00:00:00+07'::timestamptz THEN 1 ELSE 2 END",
    insert: false,
    update: false,
  })
  phaseId!: number;
  @Column({ name: "grassroots_unit_id", type: "integer" }) grassrootsUnitId!: number;
  @Column({ name: "top_unit_id", type: "integer" }) topUnitId!: number;
  @Column({ name: "province_code", type: "text" }) provinceCode!: string;
  @Column({ name: "worker_category_id", type: "smallint" }) workerCategoryId!: number;
  @Column({ name: "solution_type_id", type: "smallint" }) solutionTypeId!: number;
  @Column({ name: "field_id", type: "smallint" }) fieldId!: number;
  /** The latest decision; the full history is in initiative_status_change. */
  @Column({ name: "status_id", type: "smallint" }) statusId!: number;
  @Column({ name: "decided_at", type: "timestamptz", nullable: true }) decidedAt!: Date | null;
  /** Monetised benefit per year in VND; null when the initiative has no monetary figure. */
  @Column({ name: "benefit_vnd", type: "bigint", nullable: true }) benefitVnd!: string | null;
  @Column({ name: "co_authors", type: "smallint", default: 0 }) coAuthors!: number;
  @Column({ name: "lead_author_id", type: "integer" }) leadAuthorId!: number;
  /** The portal's code ("Mã sáng kiến") of an imported initiative: the key a re-import matches on. Null for demo rows. */
  @Column({ name: "portal_code", type: "text", nullable: true }) portalCode!: string | null;
}
