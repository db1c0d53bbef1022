import "reflect-metadata";
import { DataSource } from "typeorm";
import { DEFAULT_DB_POOL_WAIT_MS } from "../config/config";
import { ENTITIES } from "./entities";
import { limitConnectionsPerRequest } from "./request-connections";
import { InitialSchema1700000000000 } from "./migrations/1700000000000-initial-schema";
import { UnitTierIndex1700000000001 } from "./migrations/1700000000001-unit-tier-index";
import { ApiTokens1700000000002 } from "./migrations/1700000000002-api-tokens";
import { InitiativePortalCode1700000000003 } from "./migrations/1700000000003-initiative-portal-code";
import { TopUnitDecidedIndex1700000000004 } from "./migrations/1700000000004-top-unit-decided-index";
import { CellKeySecret1700000000010 } from "./migrations/1700000000010-cell-key-secret";
import { StatusCorrection1700000000017 } from "./migrations/1700000000017-status-correction";
import { Releases1700000000020 } from "./migrations/1700000000020-releases";
import { StatusCorrectionUnitIndex1700000000021 } from "./migrations/1700000000021-status-correction-unit-index";

export const MIGRATIONS = [
  InitialSchema1700000000000,
  UnitTierIndex1700000000001,
  ApiTokens1700000000002,
  InitiativePortalCode1700000000003,
  TopUnitDecidedIndex1700000000004,
  CellKeySecret1700000000010,
  StatusCorrection1700000000017,
  Releases1700000000020,
  StatusCorrectionUnitIndex1700000000021,
];

export interface PoolOptions {
  /** Connections the pool opens at most (DB_POOL_SIZE). */
  size: number;
  /**
   * How long a caller waits for a free connection, or for a new one to open, before it fails
   * (DB_POOL_WAIT_MS): pg's connectionTimeoutMillis bounds both.
   */
  waitMs: number;
  /**
   * An idle connection failed (PostgreSQL stopped, crashed or closed it). pg has already dropped it
   * and opens a new one on the next query; without a listener such an error would end the process.
   */
  onIdleError?: (error: Error) => void;
}

export type PoolLimits = Pick<PoolOptions, "size" | "waitMs">;

/** The one way the app, the CLIs and the tests reach PostgreSQL. Never synchronize: migrations own the schema. */
export function createDataSource(url: URL, pool: Partial<PoolOptions> = {}): DataSource {
  const dataSource = new DataSource({
    type: "postgres",
    url: url.toString(),
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: "each",
    synchronize: false,
    logging: false,
    ...(pool.onIdleError ? { poolErrorHandler: pool.onIdleError } : {}),
    extra: {
      max: pool.size ?? 10,
      connectionTimeoutMillis: pool.waitMs ?? DEFAULT_DB_POOL_WAIT_MS,
      application_name: "sang-kien-analytics",
    },
  });
  limitConnectionsPerRequest(dataSource);
  return dataSource;
}

/** The size and wait of a data source's pool, as createDataSource set them: for messages that name them. */
export function poolLimitsOf(dataSource: DataSource): PoolLimits {
  const extra = (dataSource.options as { extra?: { max?: number; connectionTimeoutMillis?: number } }).extra ?? {};
  return { size: extra.max ?? 10, waitMs: extra.connectionTimeoutMillis ?? DEFAULT_DB_POOL_WAIT_MS };
}
