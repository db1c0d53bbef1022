import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { AnalyticsResolver } from "../modules/analytics/analytics.resolver";
import { DashboardResolver } from "../modules/dashboard/dashboard.resolver";
import { MetaResolver } from "../modules/meta/meta.resolver";
import { MilestonesResolver } from "../modules/milestones/milestones.resolver";
import { DatasetResolver } from "../modules/dataset/dataset.resolver";
import { ReferenceResolver } from "../modules/reference/reference.resolver";
import { ReleasesResolver } from "../modules/releases/releases.resolver";
import { containerOf, type SchemaServices } from "./container";

export type { SchemaServices } from "./container";

export const RESOLVERS = [
  DatasetResolver,
  ReferenceResolver,
  AnalyticsResolver,
  MilestonesResolver,
  MetaResolver,
  DashboardResolver,
  ReleasesResolver,
] as const;

export function buildAppSchema(services?: SchemaServices): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: false, container: containerOf(services) });
}

/** The contract as committed in schema/schema.graphql: printed from the code, sorted so diffs stay readable. */
export function printContract(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + "\n";
}
