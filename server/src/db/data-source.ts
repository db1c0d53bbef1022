import "reflect-metadata";
import { DataSource } from "typeorm";
import { ENTITIES } from "./entities";
import { InitialSchema1700000000000 } from "./migrations/1700000000000-initial-schema";
import { UnitTierIndex1700000000001 } from "./migrations/1700000000001-unit-tier-index";
import { ApiTokens1700000000002 } from "./migrations/1700000000002-api-tokens";
import { InitiativePortalCode1700000000003 } from "./migrations/1700000000003-initiative-portal-code";

export const MIGRATIONS = [InitialSchema1700000000000, UnitTierIndex1700000000001, ApiTokens1700000000002, InitiativePortalCode1700000000003];

/** The one way the app, the CLIs and the tests reach PostgreSQL. Never synchronize: migrations own the schema. */
export function createDataSource(url: URL, poolSize = 10): DataSource {
  return new DataSource({
    type: "postgres",
    url: url.toString(),
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: "each",
    synchronize: false,
    logging: false,
    extra: { max: poolSize, connectionTimeoutMillis: 10_000, application_name: "sang-kien-analytics" },
  });
}
