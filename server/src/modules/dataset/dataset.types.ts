import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType({
  description:
    "What the figures are computed from. Demo data is synthetic and must be labelled so wherever it is shown.",
})
export class DatasetInfo {
  @Field(() => String, {
    description: "demo (synthetic, calibrated to published figures) or imported (portal exports)",
  })
  kind!: string;

  @Field(() => Boolean, { description: "True when the data is synthetic demo data, not real submissions" })
  synthetic!: boolean;

  @Field(() => String, { description: "Changes on every load; use it to cache answers" })
  dataVersion!: string;

  @Field(() => Date, { description: "When the data was loaded" })
  loadedAt!: Date;

  @Field(() => Int, { description: "Number of initiatives loaded" })
  initiativeCount!: number;

  @Field(() => String, { nullable: true, description: "Version of the demo generator" })
  generatorVersion!: string | null;

  @Field(() => Int, { nullable: true, description: "Seed of the demo generator" })
  seed!: number | null;

  @Field(() => Float, { nullable: true, description: "Scale of the demo dataset (1 = the whole programme)" })
  scale!: number | null;

  @Field(() => String, {
    nullable: true,
    description: "SHA-256 of the loaded rows, to check that two loads are identical",
  })
  checksum!: string | null;
}
