import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from "typeorm";
import { Province2025 } from "./province-2025.entity";
import { Region } from "./region.entity";

/** One of the 63 provinces in force 2021–2023, keyed by its GSO code. */
@Entity({ name: "province" })
export class Province {
  @PrimaryColumn({ type: "text" }) code!: string;
  @Column({ type: "text" }) name!: string;
  @Column({ name: "full_name", type: "text" }) fullName!: string;
  @Column({ name: "name_en", type: "text" }) nameEn!: string;
  @Column({ type: "text" }) type!: "province" | "municipality";
  @Column({ name: "region_code", type: "text" }) regionCode!: string;
  @Column({ name: "iso_code", type: "text" }) isoCode!: string;
  @Column({ name: "population_2019", type: "integer" }) population2019!: number;
  @Column({ name: "successor_2025_code", type: "text" }) successor2025Code!: string;

  @ManyToOne(() => Region)
  @JoinColumn({ name: "region_code" })
  region?: Relation<Region>;

  @ManyToOne(() => Province2025)
  @JoinColumn({ name: "successor_2025_code" })
  successor2025?: Relation<Province2025>;
}
