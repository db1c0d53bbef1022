import { Column, Entity, PrimaryColumn } from "typeorm";

/** Personal data: never exposed in public answers, logs or exports. Initiatives refer to it by id only. */
@Entity({ name: "author" })
export class Author {
  @PrimaryColumn({ type: "integer" }) id!: number;
  @Column({ name: "full_name", type: "text" }) fullName!: string;
  @Column({ name: "member_code", type: "text" }) memberCode!: string;
  @Column({ name: "grassroots_unit_id", type: "integer" }) grassrootsUnitId!: number;
}
