import { container as rootContainer, type DependencyContainer } from "tsyringe";
import type { ContainerType } from "type-graphql";
import { DataSource } from "typeorm";
import { PRIMARY_DATA_SOURCE } from "../common/injection-tokens";
import { SemanticEngine } from "../semantic";

/** What the resolvers' services are built around: the engine, and the data source for reference data. */
export interface SchemaServices {
  engine: SemanticEngine;
  dataSource: DataSource;
  /** The primary, for writes (a release's publication); default `dataSource`. */
  writes?: DataSource;
}

/**
 * One tsyringe container per schema (a test process serves several): the engine and data source
 * as given, every injectable class (resolvers, services) created once within it on first use.
 */
export function containerOf(services: SchemaServices | undefined): ContainerType {
  const child: DependencyContainer = rootContainer.createChildContainer();
  if (services) {
    child.registerInstance(SemanticEngine, services.engine);
    child.registerInstance(DataSource, services.dataSource);
    child.registerInstance(PRIMARY_DATA_SOURCE, services.writes ?? services.dataSource);
  }
  return {
    get(someClass: new (...args: never[]) => unknown) {
      if (!services) throw new Error("this schema was built without services (printing only)");
      if (!child.isRegistered(someClass)) child.registerSingleton(someClass as never);
      return child.resolve(someClass);
    },
  };
}
