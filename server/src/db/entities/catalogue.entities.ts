import { Column, Entity, PrimaryColumn } from "typeorm";

/** Shared shape of the small code tables the fact table points into. */
abstract class CatalogueRow {
  @PrimaryColumn({ type: "smallint" }) id!: number;
  @Column({ type: "text" }) code!: string;
  @Column({ name: "name_vi", type: "text" }) nameVi!: string;
  @Column({ name: "name_en", type: "text" }) nameEn!: string;
}

@Entity({ name: "worker_category" })
export class WorkerCategory extends CatalogueRow {}

@Entity({ name: "solution_type" })
export class SolutionType extends CatalogueRow {}

@Entity({ name: "initiative_field" })
export class InitiativeField extends CatalogueRow {}

@Entity({ name: "initiative_status" })
export class InitiativeStatus extends CatalogueRow {}
