import { Field, InputType } from "type-graphql";

@InputType({ description: "Events from `from` to `to`, both inclusive Vietnam dates (or instants with an offset)" })
export class DateRangeInput {
  @Field(() => String, { nullable: true }) from?: string;
  @Field(() => String, { nullable: true }) to?: string;
}
