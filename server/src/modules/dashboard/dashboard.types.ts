import { Field, Float, Int, ObjectType } from "type-graphql";
import type { AnalyticsQuery, AsOf } from "../../semantic";
import { Measure } from "../analytics/analytics.enums";
import { AnalyticsResult, ComparedPoint } from "../analytics/analytics.types";
import { Release } from "../releases/releases.types";

@ObjectType({ description: "A headline figure with its change since the compared point (default: 7 days earlier)" })
export class Kpi {
  @Field(() => Measure) measure!: string;
  @Field(() => String) label!: string;
  @Field(() => String, { description: "count, vnd, percent or ratio" }) unit!: string;
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "The same figure at the compared point (Overview.compared; default 7 days earlier)",
  })
  previous!: number | null;
  @Field(() => Float, { nullable: true, description: "value − previous" }) change!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "(value − previous) / previous, a fraction (0.12 = +12 %); null when previous is 0 or null",
  })
  percentChange!: number | null;
}

@ObjectType()
export class PhaseProgress {
  @Field(() => Int) phase!: number;
  @Field(() => String) label!: string;
  @Field(() => Float, { nullable: true, description: "Null when withheld from the public (see suppressed)" })
  submissions!: number | null;
  @Field(() => Float, { nullable: true, description: "Null when withheld from the public (see suppressed)" }) valid!:
    number | null;
  @Field(() => String, {
    nullable: true,
    description: "Why the phase's figures are withheld from the public (SMALL_CELL, COMPLEMENTARY), if they are",
  })
  suppressed!: string | null;
  @Field(() => Boolean, { description: "Whether the figures are perturbed for the public (docs/privacy.md)" })
  perturbed!: boolean;
  @Field(() => Float, {
    nullable: true,
    description:
      "The programme's target for the phase (300,000 and 700,000), for all submissions: null under a category or field filter",
  })
  target!: number | null;
  @Field(() => Float, { nullable: true, description: "submissions / target × 100, as the programme reported it" })
  progress!: number | null;
  /** Not in the schema: what the `pace` field (modules/pace) is asked beside these figures. */
  paceQuestion!: PaceQuestion;
}

@ObjectType({ description: "The figures leadership reads every week, as of a date" })
export class Overview {
  @Field(() => Date) asOf!: Date;
  @Field(() => String) asOfDate!: string;
  @Field(() => String) dataVersion!: string;
  @Field(() => Boolean) synthetic!: boolean;
  @Field(() => [Kpi]) kpis!: Kpi[];
  @Field(() => ComparedPoint, { description: "What the KPIs' previous figures are as of" }) compared!: ComparedPoint;
  @Field(() => Float, { description: "The programme target: 1,000,000" }) programmeTarget!: number;
  @Field(() => Float, { description: "submissions / programme target × 100" }) programmeProgress!: number;
  @Field(() => [PhaseProgress]) phases!: PhaseProgress[];
  @Field(() => Release, { nullable: true, description: "The published release that answered; null for the live data" })
  release!: Release | null;
}

@ObjectType()
export class RankedRow {
  @Field(() => Int, { description: "1 for the highest value; equal values share a rank (1, 2, 2, 4)" }) rank!: number;
  @Field(() => String) code!: string;
  @Field(() => String) label!: string;
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => Float, { nullable: true, description: "Share of the total, for counts and sums" }) share!: number | null;
  @Field(() => String, {
    nullable: true,
    description: "Why the value is withheld from the public (SMALL_CELL, COMPLEMENTARY), if it is",
  })
  suppressed!: string | null;
  @Field(() => Boolean, { description: "Whether the value is perturbed for the public (docs/privacy.md)" })
  perturbed!: boolean;
}

@ObjectType({ description: "A ranking; ties are listed by code, ascending" })
export class Ranking {
  @Field(() => Measure) measure!: string;
  @Field(() => [RankedRow]) rows!: RankedRow[];
  @Field(() => Int, { description: 'How many there are in all (for "show all")' }) count!: number;
  @Field(() => String) asOfDate!: string;
  @Field(() => String) source!: string;
  @Field(() => Release, { nullable: true, description: "The published release that answered; null for the live data" })
  release!: Release | null;
}

@ObjectType()
export class UnitRef {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String) kind!: string;
  @Field(() => Int, { description: "0 confederation, 1 top-level, 2 intermediate, 3 grassroots" }) tier!: number;
}

@ObjectType({ description: "A unit, the way up to the confederation, and its children with their figures" })
export class UnitDrilldown {
  @Field(() => UnitRef) unit!: UnitRef;
  @Field(() => [UnitRef], { description: "From the confederation down to the unit's parent" }) ancestors!: UnitRef[];
  @Field(() => AnalyticsResult, { description: "The unit's own figures (totals) and its children (rows)" })
  children!: AnalyticsResult;
}

@ObjectType()
export class TargetRow {
  @Field(() => String) code!: string;
  @Field(() => String) label!: string;
  @Field(() => String) kind!: string;
  @Field(() => String, { nullable: true }) cluster!: string | null;
  @Field(() => Int) phase!: number;
  @Field(() => Float, { nullable: true }) target!: number | null;
  @Field(() => Float, { nullable: true, description: "Null when withheld from the public (see suppressed)" }) valid!:
    number | null;
  @Field(() => Float, { nullable: true, description: "valid / target × 100" }) attainment!: number | null;
  @Field(() => String, {
    nullable: true,
    description: "Why the row's figures are withheld from the public (SMALL_CELL, COMPLEMENTARY), if they are",
  })
  suppressed!: string | null;
  @Field(() => Boolean, { description: "Whether the figures are perturbed for the public (docs/privacy.md)" })
  perturbed!: boolean;
  /** Not in the schema: what the `pace` field (modules/pace) is asked beside these figures. */
  paceQuestion!: PaceQuestion;
}

/** The unit, moment and filters a row's figures were asked with: what its `pace` is computed for. */
export interface PaceQuestion {
  unit: string;
  asOf: AsOf | undefined;
  filters: AnalyticsQuery["filters"];
  /** The release the row was asked of (absent: the caller's default). */
  release?: string;
}
