import { Column, Entity, PrimaryColumn } from "typeorm";

/** A cụm/khối thi đua: VGCL recognised the best unit of each cluster every quarter. */
@Entity({ name: "emulation_cluster" })
export class EmulationCluster {
  @PrimaryColumn({ type: "text" }) code!: string;
  @Column({ name: "name_vi", type: "text" }) nameVi!: string;
  @Column({ name: "name_en", type: "text" }) nameEn!: string;
  /** False where the grouping is inferred rather than found in a source. */
  @Column({ type: "boolean" }) confirmed!: boolean;
}
