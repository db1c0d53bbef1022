import { Column, Entity, PrimaryColumn } from "typeorm";

/** Text of an imported initiative, kept out of the fact table so aggregate scans stay narrow. Demo rows have none. */
@Entity({ name: "initiative_detail" })
export class InitiativeDetail {
  @PrimaryColumn({ name: "initiative_id", type: "bigint" }) initiativeId!: string;
  @Column({ type: "text" }) title!: string;
}
