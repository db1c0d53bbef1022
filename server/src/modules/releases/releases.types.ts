import { Field, Float, ID, ObjectType, registerEnumType } from "type-graphql";
import type { Answer } from "../../semantic";

export enum ReleaseKind {
  FIRST = "FIRST",
  PLANNED_REVISION = "PLANNED_REVISION",
  CORRECTION = "CORRECTION",
}
registerEnumType(ReleaseKind, {
  name: "ReleaseKind",
  description: 'FIRST; PLANNED_REVISION ("R": new data as scheduled); CORRECTION ("C": an error put right)',
});

export enum RevisionReason {
  PLANNED = "PLANNED",
  CORRECTION = "CORRECTION",
}
registerEnumType(RevisionReason, {
  name: "RevisionReason",
  description: 'Why a figure changed between two releases: PLANNED ("R") or CORRECTION ("C")',
});

@ObjectType({
  description: "A published release: one data version pinned, whose figures stay reproducible after any later load",
})
export class Release {
  @Field(() => ID, { description: 'Short and readable: the date of the last data, then a number ("2023-10-06.2")' })
  id!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => ReleaseKind) kind!: ReleaseKind;
  @Field(() => Date) publishedAt!: Date;
  @Field(() => String, { description: "The data version it pins" }) dataVersion!: string;
  @Field(() => String, { nullable: true, description: "The Vietnam date of the last data: its default as-of date" })
  dataEnd!: string | null;
  @Field(() => ID, { nullable: true, description: "The release it revises (the one published before it)" })
  revises!: string | null;
}

/** An answer's release as the GraphQL type shows it (null: live data). */
export function toRelease(release: Answer["release"]): Release | null {
  return release ? { ...release, kind: release.kind as ReleaseKind } : null;
}

@ObjectType({ description: "A figure a release changed from the release before it (computed when it was published)" })
export class Revision {
  @Field(() => ID) release!: string;
  @Field(() => ID) previousRelease!: string;
  @Field(() => RevisionReason) reason!: RevisionReason;
  @Field(() => String, { nullable: true, description: "The note the release was published with" }) note!: string | null;
  @Field(() => String, { description: "national, topUnit, province, workerCategory or field" }) scope!: string;
  @Field(() => String, { nullable: true, description: "The member's code (null for national)" }) key!: string | null;
  @Field(() => String) label!: string;
  @Field(() => String, { description: "submissions, valid or benefitVnd" }) measure!: string;
  @Field(() => Float, { nullable: true }) previousValue!: number | null;
  @Field(() => Float, { nullable: true }) value!: number | null;
}
