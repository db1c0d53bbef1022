import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity({ name: "phase" })
export class Phase {
  @PrimaryColumn({ type: "smallint" }) id!: number;
  @Column({ name: "name_vi", type: "text" }) nameVi!: string;
  @Column({ name: "name_en", type: "text" }) nameEn!: string;
  @Column({ name: "applies_from", type: "date" }) appliesFrom!: string;
  @Column({ name: "applies_until", type: "date" }) appliesUntil!: string;
  @Column({ name: "portal_opens_at", type: "timestamptz" }) portalOpensAt!: Date;
  @Column({ name: "portal_closes_at", type: "timestamptz" }) portalClosesAt!: Date;
}
