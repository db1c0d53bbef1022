import { Field, Float, InputType, Int, registerEnumType } from "type-graphql";
import type { AsOf } from "../../semantic";
import { AsOfScalar } from "../../graphql/scalars/as-of.scalar";
import { Measure } from "./analytics.enums";
import { DateRangeInput } from "./date-range.input";

export enum CompareTo {
  PREVIOUS_PERIOD = "PREVIOUS_PERIOD",
  PREVIOUS_PHASE_SAME_DAY = "PREVIOUS_PHASE_SAME_DAY",
  AS_OF = "AS_OF",
  DATE_RANGE = "DATE_RANGE",
}
export enum DerivedOp {
  RATIO = "RATIO",
  DIFFERENCE = "DIFFERENCE",
}

registerEnumType(CompareTo, {
  name: "CompareTo",
  description: "What a comparison is with: the whole question moved back in time, or an explicit point",
  valuesConfig: {
    PREVIOUS_PERIOD: {
      description:
        "The same length just before: a dateRange moved back by its own length (its as-of with it); an as-of alone moved back by `days` (default 7)",
    },
    PREVIOUS_PHASE_SAME_DAY: {
      description:
        "The same day-offset into the previous phase (phase 2 opened 2022-06-01, phase 1 on 2022-01-08: 144 days earlier); BAD_USER_INPUT in phase 1",
    },
    AS_OF: { description: "The same question as of `compare.asOf`" },
    DATE_RANGE: { description: "The same question over `compare.dateRange`" },
  },
});
registerEnumType(DerivedOp, {
  name: "DerivedOp",
  description: "RATIO: left ÷ right × scale (null when right is 0 or null); DIFFERENCE: left − right",
});

@InputType({ description: "The same figures at another point: each value gets compared, difference and percentChange" })
export class CompareInput {
  @Field(() => CompareTo) to!: CompareTo;
  @Field(() => AsOfScalar, { nullable: true, description: "For AS_OF" }) asOf?: AsOf;
  @Field(() => DateRangeInput, { nullable: true, description: "For DATE_RANGE" }) dateRange?: DateRangeInput;
  @Field(() => Int, {
    nullable: true,
    description: "For PREVIOUS_PERIOD without a dateRange: how many days earlier (default 7, at most 3650)",
  })
  days?: number;
}

@InputType({
  description:
    "A measure computed in the question from two registry measures (no expressions): its name can be used in `order`",
})
export class DerivedMeasureInput {
  @Field(() => String, {
    description: "Letters, digits and _ (starting with a lower-case letter); not a registry name",
  })
  name!: string;
  @Field(() => DerivedOp) op!: DerivedOp;
  @Field(() => Measure) left!: string;
  @Field(() => Measure) right!: string;
  @Field(() => String, { nullable: true, description: "Column label (Vietnamese; default the name)" }) label?: string;
  @Field(() => String, { nullable: true, description: "Column label in English (default label)" }) labelEn?: string;
  @Field(() => String, {
    nullable: true,
    description: "count, vnd, percent or ratio (default: ratio for RATIO, the left measure's for DIFFERENCE)",
  })
  unit?: string;
  @Field(() => String, { nullable: true, description: "integer, vnd, percent or decimal (default from the unit)" })
  format?: string;
  @Field(() => Float, { nullable: true, description: "RATIO only: multiplies the ratio (100 for a percentage)" })
  scale?: number;
}
