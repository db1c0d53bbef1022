import { Redis } from "ioredis";
import { DATA_VERSION_CHANNEL } from "./data-version-channel";
import { redisAddress } from "./redis-connection";

/**
 * For loads from the command line (seed, import), which run beside the servers: tells every
 * running instance the new data version over Redis when REDIS_URL is set. Best effort: the servers
 * see the change at their next recheck anyway, so an unreachable Redis gets a note, not a failure.
 */
export async function announceLoad(url: URL | undefined, dataVersion: string): Promise<void> {
  if (!url) return;
  const client = new Redis(url.toString(), {
    lazyConnect: true,
    connectTimeout: 1000,
    commandTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // Reported below, once; without a listener ioredis would print it too. It says why ("connect
  // ECONNREFUSED …") where the rejected connect() only says "Connection is closed".
  let connectionError: Error | undefined;
  client.on("error", (error: Error) => (connectionError = error));
  try {
    await client.connect();
    await client.publish(DATA_VERSION_CHANNEL, dataVersion);
  } catch (error) {
    const reason = (connectionError ?? (error instanceof Error ? error : new Error(String(error)))).message;
    console.error(
      `Redis at ${redisAddress(url)} did not take the news (${reason}): running servers see the new data within DATA_VERSION_RECHECK_MS.`,
    );
  } finally {
    client.disconnect();
  }
}
