import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema, type ContainerType } from "type-graphql";
import type { DataSource } from "typeorm";
import { AnalyticsResolver } from "../modules/analytics/analytics.resolver";
import { AnalyticsService } from "../modules/analytics/analytics.service";
import { DashboardResolver } from "../modules/dashboard/dashboard.resolver";
import { DashboardService } from "../modules/dashboard/dashboard.service";
import { MetaResolver } from "../modules/meta/meta.resolver";
import { MilestonesResolver } from "../modules/milestones/milestones.resolver";
import { MilestonesService } from "../modules/milestones/milestones.service";
import { DatasetResolver } from "../modules/dataset/dataset.resolver";
import { ReferenceResolver } from "../modules/reference/reference.resolver";
import { DataStateCache } from "../semantic/data-state";
import type { BaseQueryGate } from "../semantic/execution/base-query-gate";
import { REGISTRY } from "../semantic/registry/registry";

export const RESOLVERS = [
  DatasetResolver, ReferenceResolver, AnalyticsResolver, MilestonesResolver, MetaResolver, DashboardResolver,
] as const;

export interface SchemaServices {
  state: DataStateCache;
  analytics: AnalyticsService;
  milestones: MilestonesService;
  dashboard: DashboardService;
}

/**
 * The services resolvers receive, built once per process around one data source.
 * `dataVersionRecheckMs`: how long the known data version is trusted before asking the database again.
 */
export function createServices(
  dataSource: DataSource, statementTimeoutMs: number, cacheSize = 1000, suppressionThreshold = 5, dataVersionRecheckMs = 1000, baseQueries?: BaseQueryGate,
): SchemaServices {
  const state = new DataStateCache(dataSource, dataVersionRecheckMs);
  const analytics = new AnalyticsService(REGISTRY, state, statementTimeoutMs, cacheSize, suppressionThreshold, baseQueries);
  return { state, analytics, milestones: new MilestonesService(state), dashboard: new DashboardService(analytics, state) };
}

/** Resolvers get their services by constructor; the rest are created plainly. */
function containerOf(services: SchemaServices | undefined): ContainerType {
  const instances = new Map<unknown, unknown>();
  return {
    get(someClass: any) {
      if (!instances.has(someClass)) instances.set(someClass, create(someClass, services));
      return instances.get(someClass);
    },
  };
}

function create(someClass: any, services: SchemaServices | undefined): unknown {
  const needs = [AnalyticsResolver, MilestonesResolver, MetaResolver, DashboardResolver];
  if (!needs.includes(someClass)) return new someClass();
  if (!services) throw new Error("this schema was built without services (printing only)");
  if (someClass === AnalyticsResolver) return new AnalyticsResolver(services.analytics);
  if (someClass === MilestonesResolver) return new MilestonesResolver(services.milestones);
  if (someClass === DashboardResolver) return new DashboardResolver(services.dashboard, services.analytics);
  return new MetaResolver(services.state);
}

export function buildAppSchema(services?: SchemaServices): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: false, container: containerOf(services) });
}

/** The contract as committed in schema/schema.graphql: printed from the code, sorted so diffs stay readable. */
export function printContract(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + "\n";
}
