import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema, type ContainerType } from "type-graphql";
import type { DataSource } from "typeorm";
import { AnalyticsResolver } from "../modules/analytics/analytics.resolver";
import { AnalyticsService } from "../modules/analytics/analytics.service";
import { DatasetResolver } from "../modules/dataset/dataset.resolver";
import { ReferenceResolver } from "../modules/reference/reference.resolver";
import { DataStateCache } from "../semantic/data-state";
import { REGISTRY } from "../semantic/registry/registry";

export const RESOLVERS = [DatasetResolver, ReferenceResolver, AnalyticsResolver] as const;

export interface SchemaServices {
  analytics: AnalyticsService;
}

/** The services resolvers receive, built once per process around one data source. */
export function createServices(dataSource: DataSource, statementTimeoutMs: number): SchemaServices {
  return { analytics: new AnalyticsService(REGISTRY, new DataStateCache(dataSource), statementTimeoutMs) };
}

/** Resolvers get their services by constructor; the rest are created plainly. */
function containerOf(services: SchemaServices | undefined): ContainerType {
  const instances = new Map<unknown, unknown>();
  return {
    get(someClass: any) {
      if (!instances.has(someClass)) {
        if (someClass === AnalyticsResolver) {
          if (!services) throw new Error("schema built without services cannot resolve analytics");
          instances.set(someClass, new AnalyticsResolver(services.analytics));
        } else instances.set(someClass, new someClass());
      }
      return instances.get(someClass);
    },
  };
}

export function buildAppSchema(services?: SchemaServices): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: false, container: containerOf(services) });
}

/** The contract as committed in schema/schema.graphql: printed from the code, sorted so diffs stay readable. */
export function printContract(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + "\n";
}
