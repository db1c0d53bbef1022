import { Entity, PrimaryColumn } from "typeorm";

/** Each change of an initiative's status, with its instant: pending at submission, then valid or invalid. */
@Entity({ name: "initiative_status_change" })
export class InitiativeStatusChange {
  @PrimaryColumn({ name: "initiative_id", type: "bigint" }) initiativeId!: string;
  @PrimaryColumn({ name: "changed_at", type: "timestamptz" }) changedAt!: Date;
  @PrimaryColumn({ name: "status_id", type: "smallint" }) statusId!: number;
}
