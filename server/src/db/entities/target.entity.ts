import { Column, Entity, PrimaryColumn } from "typeorm";

/** Chỉ tiêu: the number of initiatives a unit undertook to reach in a phase. */
@Entity({ name: "target" })
export class Target {
  @PrimaryColumn({ name: "unit_id", type: "integer" }) unitId!: number;
  @PrimaryColumn({ name: "phase_id", type: "smallint" }) phaseId!: number;
  @Column({ type: "integer" }) target!: number;
}
