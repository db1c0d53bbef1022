import { Field, ObjectType } from "type-graphql";

@ObjectType()
export class MemberMeta {
  @Field(() => String, { description: "Code to use in filters" }) code!: string;
  @Field(() => String) labelVi!: string;
  @Field(() => String) labelEn!: string;
}

@ObjectType()
export class MeasureMeta {
  @Field(() => String) name!: string;
  @Field(() => String) labelVi!: string;
  @Field(() => String) labelEn!: string;
  @Field(() => String) descriptionVi!: string;
  @Field(() => String) descriptionEn!: string;
  @Field(() => String, { description: "count, vnd, percent or ratio" }) unit!: string;
  @Field(() => String, { description: "additive, distinct, derived or attribute" }) additivity!: string;
}

@ObjectType()
export class DimensionMeta {
  @Field(() => String) name!: string;
  @Field(() => String) labelVi!: string;
  @Field(() => String) labelEn!: string;
  @Field(() => String) descriptionVi!: string;
  @Field(() => String) descriptionEn!: string;
  @Field(() => [MemberMeta], { description: "Its members; empty for `unit` (about 130,000: drill down instead)" })
  members!: MemberMeta[];
}

@ObjectType()
export class RollupMeta {
  @Field(() => String) name!: string;
  @Field(() => String, { description: "day or month" }) grain!: string;
  @Field(() => [String]) columns!: string[];
}

@ObjectType({ description: "The catalogue of the semantic layer, for the dashboard and for analysts" })
export class Meta {
  @Field(() => [MeasureMeta]) measures!: MeasureMeta[];
  @Field(() => [DimensionMeta]) dimensions!: DimensionMeta[];
  @Field(() => [RollupMeta]) rollups!: RollupMeta[];
  @Field(() => String) dataVersion!: string;
  @Field(() => Boolean) synthetic!: boolean;
  @Field(() => String, { description: "First day with data (Vietnam date)" }) firstDate!: string;
  @Field(() => String, { description: "Last day with data: the default as-of is 24h of this day" }) lastDate!: string;
}
