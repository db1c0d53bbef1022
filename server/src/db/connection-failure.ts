/**
 * Why a query never got an answer from PostgreSQL: every pooled connection stayed busy for the
 * whole wait ("busy"), or the database could not be reached or went away ("unavailable").
 */
export type ConnectionFailure = "busy" | "unavailable";

/** pg-pool's words when no connection was freed within connectionTimeoutMillis (DB_POOL_WAIT_MS). */
const POOL_WAIT_EXPIRED = "timeout exceeded when trying to connect";
/** A socket to PostgreSQL that could not be opened or broke. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
]);
/** SQLSTATE class 08 (connection exception), and 57P01–57P03: shut down by an operator, after a crash, still starting. */
const SERVER_GONE = /^(08[0-9A-Z]{3}|57P0[1-3])$/;
/** pg's messages when the server closes the socket under it, or refuses sessions while it starts or stops. */
const CLOSED =
  /Connection terminated|terminating connection|the database system is (shutting down|starting up|in recovery mode|not yet accepting connections)/;

/**
 * The connection failure behind an error, or undefined when the query reached PostgreSQL and
 * failed there (a bug, a timeout). Looks through the wrappers on the way: GraphQL's
 * originalError, TypeORM's driverError, `cause`, and AggregateError's list (a host name that
 * resolves to several addresses, each refused).
 */
export function connectionFailureOf(error: unknown): ConnectionFailure | undefined {
  const pending: unknown[] = [error];
  const seen = new Set<unknown>();
  while (pending.length) {
    const current = pending.shift();
    if (!current || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const { message, code, originalError, driverError, cause, errors } = current as Record<string, unknown>;
    if (message === POOL_WAIT_EXPIRED) return "busy";
    if (NETWORK_CODES.has(String(code)) || SERVER_GONE.test(String(code)) || CLOSED.test(String(message ?? "")))
      return "unavailable";
    pending.push(originalError, driverError, cause, ...(Array.isArray(errors) ? errors : []));
  }
  return undefined;
}
