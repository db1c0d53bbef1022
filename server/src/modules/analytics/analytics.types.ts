import { Field, Int, Float, ObjectType } from "type-graphql";
import { Release } from "../releases/releases.types";
import { Dimension, Measure } from "./analytics.enums";

@ObjectType()
export class DimensionValue {
  @Field(() => Dimension) dimension!: string;
  @Field(() => String, { description: "Member code, usable in filters" }) code!: string;
  @Field(() => String) label!: string;
}

@ObjectType()
export class MeasureValue {
  @Field(() => Measure) measure!: string;
  @Field(() => Float, { nullable: true, description: "Null when a ratio has nothing to divide by" }) value!:
    number | null;
  @Field(() => Float, { nullable: true, description: "Share of the total (0–1), when asked in `share`" }) share!:
    number | null;
}

@ObjectType()
export class AnalyticsRow {
  @Field(() => String, { nullable: true, description: "Start date of the time bucket (Vietnam calendar)" }) time!:
    string | null;
  @Field(() => [DimensionValue]) dimensions!: DimensionValue[];
  @Field(() => [MeasureValue]) values!: MeasureValue[];
  @Field(() => String, {
    nullable: true,
    description:
      "Why this row's figures are withheld from the public: SMALL_CELL (a grassroots cell counting fewer initiatives than suppressionThreshold) or COMPLEMENTARY (withheld so the other cannot be recovered by subtraction)",
  })
  suppressed?: string | null;
  @Field(() => Boolean, {
    description:
      "True when this row's figures are perturbed for the public: a grassroots cell (or below) gets small consistent noise from its cell key (docs/privacy.md); false for leadership and admin",
  })
  perturbed!: boolean;
}

@ObjectType({ description: "What a column holds and how to show it" })
export class ColumnInfo {
  @Field(() => String) name!: string;
  @Field(() => String, { description: "time, dimension or measure" }) kind!: string;
  @Field(() => String) label!: string;
  @Field(() => String, { nullable: true, description: "count, vnd, percent or ratio" }) unit!: string | null;
  @Field(() => String, { nullable: true, description: "integer, vnd, percent or decimal" }) format!: string | null;
}

@ObjectType()
export class RejectedRollup {
  @Field(() => String) rollup!: string;
  @Field(() => String) reason!: string;
}

@ObjectType({ description: "How the answer was computed" })
export class Explain {
  @Field(() => String, { description: "The rollup that answered, or `initiative` for the base table" }) source!: string;
  @Field(() => [RejectedRollup]) rejected!: RejectedRollup[];
  @Field(() => [String], { description: "The SQL statements run, with $n parameters" }) sql!: string[];
  @Field(() => [String], { description: "Their parameters, as JSON" }) parameters!: string[];
}

@ObjectType()
export class AnalyticsResult {
  @Field(() => [AnalyticsRow]) rows!: AnalyticsRow[];
  @Field(() => [MeasureValue], { description: "Over all rows of the query (before limit and offset)" })
  totals!: MeasureValue[];
  @Field(() => [ColumnInfo]) columns!: ColumnInfo[];
  @Field(() => Date, { description: "The instant the figures are as of (exclusive)" }) asOf!: Date;
  @Field(() => String, { description: "The Vietnam date whose 24h the figures are as of, when asOf is a midnight" })
  asOfDate!: string;
  @Field(() => String) dataVersion!: string;
  @Field(() => Boolean, { description: "True when the data is synthetic demo data" }) synthetic!: boolean;
  @Field(() => String, { description: "Which rollup or the base table answered" }) source!: string;
  @Field(() => Explain) explain!: Explain;
  @Field(() => String, {
    nullable: true,
    description: "Why the totals are withheld from the public, if they are (see AnalyticsRow.suppressed)",
  })
  totalsSuppressed?: string | null;
  @Field(() => Boolean, {
    description: "True when the totals are perturbed for the public (see AnalyticsRow.perturbed)",
  })
  totalsPerturbed!: boolean;
  @Field(() => Int, {
    nullable: true,
    description:
      "For public callers: grassroots cells counting fewer initiatives than this are withheld; null for leadership and admin",
  })
  suppressionThreshold?: number | null;
  @Field(() => Release, { nullable: true, description: "The published release that answered; null for the live data" })
  release?: Release | null;
}
