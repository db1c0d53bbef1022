import { Field, Float, ObjectType } from "type-graphql";

@ObjectType({
  description: "The instant the national cumulative count of submissions reached a round number or a target",
})
export class Milestone {
  @Field(() => Float, { description: "The count reached, e.g. 1000000" }) count!: number;
  @Field(() => String, { description: "EVERY_100000, MILLION or PHASE1_TARGET" }) kind!: string;
  @Field(() => String) label!: string;
  @Field(() => Date, { description: "Instant of the submission that reached it (ordered by instant, ties by id)" })
  reachedAt!: Date;
  @Field(() => String, { description: 'The same in Vietnam time, to the minute: "2022-10-03 15:34"' })
  reachedAtVietnam!: string;
}
