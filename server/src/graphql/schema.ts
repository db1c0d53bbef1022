import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { DatasetResolver } from "../modules/dataset/dataset.resolver";
import { ReferenceResolver } from "../modules/reference/reference.resolver";

export const RESOLVERS = [DatasetResolver, ReferenceResolver] as const;

export function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: false });
}

/** The contract as committed in schema/schema.graphql: printed from the code, sorted so diffs stay readable. */
export function printContract(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + "\n";
}
