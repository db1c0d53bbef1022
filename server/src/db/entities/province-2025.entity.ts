import { Column, Entity, PrimaryColumn } from "typeorm";

/** One of the 34 provinces in force since 1/7/2025 (Resolution 202/2025/QH15). */
@Entity({ name: "province_2025" })
export class Province2025 {
  @PrimaryColumn({ type: "text" }) code!: string;
  @Column({ type: "text" }) name!: string;
  @Column({ name: "full_name", type: "text" }) fullName!: string;
  @Column({ name: "name_en", type: "text" }) nameEn!: string;
  @Column({ type: "text" }) type!: "province" | "municipality";
}
