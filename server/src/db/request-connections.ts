import { AsyncLocalStorage } from "node:async_hooks";
import type { DataSource } from "typeorm";
import type { PostgresDriver } from "typeorm/driver/postgres/PostgresDriver.js";
import { userError } from "../common/errors";
import { ConcurrencyLimit, WaitExceededError } from "../common/concurrency-limit";

/**
 * Connections one request may hold at once. Fields of a request (450 aliases of one field, or a
 * filter of many unit codes, each looked up) used to take a connection each, at once, and so the
 * whole pool: every other user waited. Beyond this, a request's own queries wait their turn in order.
 */
export const CONNECTIONS_PER_REQUEST = 2;
/** How long a request's query may wait behind its own others before the request is refused as too big. */
export const REQUEST_CONNECTION_WAIT_MS = 20_000;

const requestSlots = new AsyncLocalStorage<ConcurrencyLimit>();

/**
 * Runs `work` (a request's handling, and everything it awaits) so that every connection it takes
 * from the pool counts against its own small limit. Outside such a scope (start-up, imports,
 * CLIs) connections are taken as before.
 */
export function withRequestConnections<T>(
  work: () => T,
  limit = CONNECTIONS_PER_REQUEST,
  waitMs = REQUEST_CONNECTION_WAIT_MS,
): T {
  return requestSlots.run(new ConcurrencyLimit(limit, waitMs), work);
}

type Release = (error?: unknown) => void;

/**
 * Makes the data source's pool honour withRequestConnections. TypeORM takes every connection
 * through the driver's obtainMasterConnection (a plain `query` as well as a query runner), so the
 * slot is taken there and given back when TypeORM releases the connection.
 */
export function limitConnectionsPerRequest(dataSource: DataSource): void {
  const driver = dataSource.driver as PostgresDriver;
  const obtain = driver.obtainMasterConnection.bind(driver);
  driver.obtainMasterConnection = async () => {
    const slots = requestSlots.getStore();
    if (!slots) return obtain();
    const freeSlot = await slots.hold().catch((error: unknown) => {
      if (!(error instanceof WaitExceededError)) throw error;
      throw userError(
        "QUERY_TOO_COMPLEX",
        `This request's fields waited more than ${error.waitedMs / 1000} s for each other (a request reads the database ${error.limit} queries at a time): split it into smaller requests.`,
      );
    });
    try {
      const [connection, release] = (await obtain()) as [unknown, Release];
      const releaseBoth: Release = (error) => {
        freeSlot();
        release(error);
      };
      return [connection, releaseBoth];
    } catch (error) {
      freeSlot();
      throw error;
    }
  };
}
