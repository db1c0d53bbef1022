import type { DataSource } from "typeorm";
import type { AppConfig } from "../../config/config";
import { createDataSource, type PoolOptions } from "../data-source";
import { ReplicaSet, type ReplicaSetOptions } from "./replica-set";
import { routedReads } from "./routed-reads";

export interface ReadAccess {
  /** Where the API's reads go: `primary` itself without replicas, else routedReads over them. */
  reads: DataSource;
  /** The replicas behind `reads`, when DATABASE_READ_URL names any (stopped by close()). */
  replicas?: ReplicaSet;
  close(): Promise<void>;
}

/**
 * The read side of the API (DATABASE_READ_URL): one pool per replica, of DB_POOL_SIZE each,
 * checked at once and then every REPLICA_CHECK_MS. Without replicas, reads share the primary.
 */
export async function openReadAccess(
  config: Pick<
    AppConfig,
    "databaseReadUrls" | "replicaMaxLagMs" | "replicaCheckMs" | "databasePoolSize" | "databasePoolWaitMs"
  >,
  primary: DataSource,
  log: ReplicaSetOptions["log"],
  onIdleError?: PoolOptions["onIdleError"],
): Promise<ReadAccess> {
  if (!config.databaseReadUrls.length) return { reads: primary, close: async () => {} };
  const replicas = new ReplicaSet(
    primary,
    config.databaseReadUrls.map((url) => ({
      name: `${url.hostname}:${url.port || 5432}${url.pathname}`,
      dataSource: createDataSource(url, {
        size: config.databasePoolSize,
        waitMs: config.databasePoolWaitMs,
        onIdleError,
      }),
    })),
    { maxLagMs: config.replicaMaxLagMs, checkMs: config.replicaCheckMs, log },
  );
  await replicas.start();
  return { reads: routedReads(replicas), replicas, close: () => replicas.close() };
}
