import { Redis, type RedisOptions } from "ioredis";
import type { Logger } from "../observability/logger";

/** host:port of a Redis URL, for logs and /readyz: never its password. */
export function redisAddress(url: URL): string {
  return `${url.hostname}:${url.port || 6379}`;
}

/**
 * One warning when Redis stops answering and one line when it answers again, however many lookups
 * fail in between: a dead Redis costs every request a miss, and must not cost a log line each.
 */
export class RedisOutage {
  private down = false;
  private everConnected = false;

  constructor(
    private readonly logger: Pick<Logger, "warn" | "info">,
    private readonly address: string,
  ) {}

  failed(error: unknown): void {
    if (this.down) return;
    this.down = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn("Redis unavailable: answers are cached in this process only until it returns", {
      redis: this.address,
      reason,
    });
  }

  recovered(): void {
    if (this.everConnected && !this.down) return;
    this.logger.info(
      this.everConnected ? "Redis reachable again: answers are shared" : "Redis connected: answers are shared",
      { redis: this.address },
    );
    this.everConnected = true;
    this.down = false;
  }
}

/**
 * A client that fails fast rather than waits for Redis: while disconnected a command fails at
 * once (no offline queue) and is never retried, and on a Redis that hangs it gives up after half
 * a second. The client keeps reconnecting by itself, at most a second apart.
 */
export function connectRedis(url: URL, outage: RedisOutage, name: string, extra: RedisOptions = {}): Redis {
  const client = new Redis(url.toString(), {
    connectionName: name,
    connectTimeout: 1000,
    commandTimeout: 500,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
    ...extra,
  });
  // Without a listener ioredis prints every failed reconnect attempt.
  client.on("error", (error) => outage.failed(error));
  client.on("ready", () => outage.recovered());
  return client;
}
