import { Field, ID, InputType, Int } from "type-graphql";
import { releaseArg } from "../releases/release.arg";
import { AsOf } from "../../semantic";
import { AsOfScalar } from "../../graphql/scalars/as-of.scalar";
import { Dimension, FilterOperator, Granularity, Measure, SortDirection } from "./analytics.enums";

@InputType({ description: "Keep rows whose dimension is (or is not) one of the given member codes" })
export class FilterInput {
  @Field(() => Dimension) dimension!: string;
  @Field(() => FilterOperator, { defaultValue: FilterOperator.IN }) operator!: FilterOperator;
  @Field(() => [String], {
    description: "Member codes, as listed by `meta` (a unit code for `unit`: its whole subtree)",
  })
  values!: string[];
}

@InputType({ description: "Events from `from` to `to`, both inclusive Vietnam dates (or instants with an offset)" })
export class DateRangeInput {
  @Field(() => String, { nullable: true }) from?: string;
  @Field(() => String, { nullable: true }) to?: string;
}

@InputType()
export class TimeDimensionInput {
  @Field(() => Granularity) granularity!: Granularity;
  @Field(() => Boolean, { defaultValue: false, description: "Running totals from the start of the programme" })
  cumulative!: boolean;
}

@InputType()
export class OrderInput {
  @Field(() => String, { description: "A measure or dimension of the query, or `time`" }) by!: string;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction!: SortDirection;
}

@InputType({ description: "A question to the semantic layer" })
export class AnalyticsQueryInput {
  @Field(() => [Measure]) measures!: string[];
  @Field(() => [Dimension], { nullable: true }) dimensions?: string[];
  @Field(() => String, {
    nullable: true,
    description: "For the `unit` dimension: whose children to list (a unit code; default the confederation)",
  })
  parentUnit?: string;
  @Field(() => [FilterInput], { nullable: true }) filters?: FilterInput[];
  @Field(() => DateRangeInput, { nullable: true }) dateRange?: DateRangeInput;
  @Field(() => TimeDimensionInput, { nullable: true }) timeDimension?: TimeDimensionInput;
  @Field(() => AsOfScalar, {
    nullable: true,
    description:
      'A date means 24h of that day, Vietnam time ("2022-05-31" = before 2022-06-01 00:00+07); default: the end of the data',
  })
  asOf?: AsOf;
  @Field(() => [OrderInput], { nullable: true, description: "Ties are broken by time, then dimension keys, ascending" })
  order?: OrderInput[];
  @Field(() => Int, { nullable: true, description: "At most 10,000 rows (default 1,000)" }) limit?: number;
  @Field(() => Int, { nullable: true }) offset?: number;
  @Field(() => [Measure], {
    nullable: true,
    description: "Measures for which each row also gets its share of the total",
  })
  share?: string[];
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description: "False answers from the base table: to compare with a rollup",
  })
  useRollups?: boolean;
  @Field(() => ID, releaseArg) release?: string;
}
