import type { Redis } from "ioredis";
import type { Logger } from "../observability/logger";
import type { ReadinessCheck } from "../observability/readiness";
import { DataVersionChannel } from "./data-version-channel";
import { connectRedis, redisAddress, RedisOutage } from "./redis-connection";
import { RedisStore } from "./redis-store";

/** What REDIS_URL adds: answers shared by every instance, and loads announced to all of them. */
export interface SharedCache {
  store: RedisStore;
  channel: DataVersionChannel;
  /** The commands connection, for the other counters every instance shares (the rate limits). */
  redis: Redis;
  /** For /readyz, as a check that never makes the instance unready: without Redis it still serves. */
  status(): ReadinessCheck;
  close(): Promise<void>;
}

/** Connects in the background: the server starts (and serves) whether or not Redis is up. */
export function openSharedCache(url: URL, ttlSeconds: number, logger: Pick<Logger, "warn" | "info">): SharedCache {
  const address = redisAddress(url);
  const outage = new RedisOutage(logger, address);
  const commands = connectRedis(url, outage, "sangkien-answers");
  // A subscribed connection can do nothing else, hence a second one; DataVersionChannel subscribes it on every connection.
  const subscriber = connectRedis(url, outage, "sangkien-data-version", { autoResubscribe: false });
  const channel = new DataVersionChannel(commands, subscriber, outage);
  return {
    store: new RedisStore(commands, outage, ttlSeconds),
    channel,
    redis: commands,
    status() {
      const ok = commands.status === "ready" && channel.isSubscribed;
      return {
        ok,
        detail: ok ? `connected to ${address}` : `unavailable at ${address}: answers are cached in this process only`,
      };
    },
    async close() {
      // disconnect(), not quit(): quit waits for an answer a dead Redis never gives.
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}
