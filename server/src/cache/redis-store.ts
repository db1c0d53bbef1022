import type { Redis } from "ioredis";
import type { RedisOutage } from "./redis-connection";

const KEY_PREFIX = "sangkien:answer:";

/**
 * Answers shared by every instance, each kept for the TTL: keys carry the data version, so after a
 * load the old ones are never asked for again and the TTL is what clears them out. A failure
 * (Redis down, or hanging past the client's timeout) is thrown for the caller to count as a miss.
 */
export class RedisStore {
  constructor(
    private readonly client: Redis,
    private readonly outage: RedisOutage,
    private readonly ttlSeconds: number,
    /** Larger answers are not shared: moving them costs more than recomputing them from the engine's own cache. */
    private readonly maxValueBytes = 4 * 1024 * 1024,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const value = await this.watched(this.client.get(KEY_PREFIX + key));
    return value ?? undefined;
  }

  async set(key: string, value: string): Promise<void> {
    if (Buffer.byteLength(value) > this.maxValueBytes) return;
    await this.watched(this.client.set(KEY_PREFIX + key, value, "EX", this.ttlSeconds));
  }

  private async watched<T>(command: Promise<T>): Promise<T> {
    try {
      const result = await command;
      this.outage.recovered();
      return result;
    } catch (error) {
      // Not connected: the client's own connection error says why, more usefully than "stream isn't writeable".
      if (this.client.status === "ready") this.outage.failed(error);
      throw error;
    }
  }
}
