import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** What is loaded: synthetic demo data or an import, and a version that changes on every load. */
@Entity({ name: "dataset" })
export class Dataset {
  @PrimaryGeneratedColumn({ type: "integer" }) id!: number;
  @Column({ type: "text" }) kind!: "demo" | "imported";
  @Column({ name: "generator_version", type: "text", nullable: true }) generatorVersion!: string | null;
  @Column({ type: "integer", nullable: true }) seed!: number | null;
  @Column({ type: "double precision", nullable: true }) scale!: number | null;
  @Column({ type: "text", nullable: true }) checksum!: string | null;
  @Column({ name: "initiative_count", type: "bigint" }) initiativeCount!: string;
  @Column({ name: "loaded_at", type: "timestamptz" }) loadedAt!: Date;
  @Column({ name: "data_version", type: "bigint" }) dataVersion!: string;
  @Column({ name: "is_current", type: "boolean" }) isCurrent!: boolean;
}
