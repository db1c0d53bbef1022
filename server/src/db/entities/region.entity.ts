import { Column, Entity, PrimaryColumn } from "typeorm";

/** One of the six socio-economic regions of Resolution 81/2023/QH15. */
@Entity({ name: "region" })
export class Region {
  @PrimaryColumn({ type: "text" }) code!: string;
  @Column({ name: "name_vi", type: "text" }) nameVi!: string;
  @Column({ name: "name_en", type: "text" }) nameEn!: string;
  @Column({ name: "sort_order", type: "smallint" }) sortOrder!: number;
}
