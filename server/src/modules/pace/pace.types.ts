import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";

export enum PaceStatus {
  REACHED = "REACHED",
  ON_PACE = "ON_PACE",
  AT_RISK = "AT_RISK",
  NO_TARGET = "NO_TARGET",
  ENDED = "ENDED",
}

registerEnumType(PaceStatus, {
  name: "PaceStatus",
  description: "Where a unit stands against its phase target (the rule: docs/projection.md)",
  valuesConfig: {
    REACHED: { description: "The figure has reached the target" },
    ON_PACE: { description: "Not yet reached; the projected end-of-phase total reaches the target" },
    AT_RISK: { description: "Not yet reached; the projected end-of-phase total falls short of the target" },
    NO_TARGET: { description: "The unit registered no target for the phase" },
    ENDED: { description: "The phase's deadline has passed and the target was not reached" },
  },
});

@ObjectType({
  description:
    "A unit's pace against its phase target as of a date: the rate needed, the rates achieved, and a projected end-of-phase total with its 80 % interval (docs/projection.md)",
})
export class Pace {
  @Field(() => Int) phase!: number;
  @Field(() => Float, { nullable: true, description: "The registered target for the phase; null without one" })
  target!: number | null;
  @Field(() => Float, { description: "The measure's figure for the phase as of the date" }) current!: number;
  @Field(() => String, { description: 'The measure targets are counted in: "valid", as targetAttainment' })
  measure!: string;
  @Field(() => String, { description: 'The phase\'s last day, Vietnam date ("2022-05-31")' }) deadline!: string;
  @Field(() => Int, { description: "Whole days from the as-of date to the deadline's 24h (0 on or after it)" })
  daysLeft!: number;
  @Field(() => Float, {
    nullable: true,
    description: "(target − current) / daysLeft; 0 once reached; null without a target or with no day left",
  })
  requiredDailyRate!: number | null;
  @Field(() => Float, { description: "Average per day over the 7 days to the as-of date" }) rate7!: number;
  @Field(() => Float, { description: "Average per day over the 28 days to the as-of date" }) rate28!: number;
  @Field(() => Float, { nullable: true, description: "Projected figure at the deadline's 24h; null once it is past" })
  projected!: number | null;
  @Field(() => Float, { nullable: true, description: "Lower end of the projection's 80 % interval" })
  projectedLow!: number | null;
  @Field(() => Float, { nullable: true, description: "Upper end of the projection's 80 % interval" })
  projectedHigh!: number | null;
  @Field(() => PaceStatus) status!: PaceStatus;
}

@ObjectType({ description: "One day of a projection: the projected cumulative figure with its 80 % interval" })
export class ProjectionPoint {
  @Field(() => String, { description: "Vietnam date; the figure is as of its 24h" }) date!: string;
  @Field(() => Float) projected!: number;
  @Field(() => Float) low!: number;
  @Field(() => Float) high!: number;
}
