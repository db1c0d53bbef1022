import type { ResponseCacheSettings } from "../config/config";
import { countResponseCacheLookup } from "../observability/metrics";
import { MemoryStore } from "./memory-store";
import type { RedisStore } from "./redis-store";

/** None when there is nowhere to keep answers: no entries in memory and no Redis. */
export function createResponseCache(settings: ResponseCacheSettings, shared?: RedisStore): ResponseCache | undefined {
  if (settings.entries === 0 && !shared) return undefined;
  const local = new MemoryStore({
    maxEntries: settings.entries,
    maxBytes: settings.megabytes * 1024 * 1024,
    ttlMs: settings.ttlSeconds * 1000,
  });
  return new ResponseCache(local, shared);
}

/**
 * Answers to public reads: this process's memory first, then Redis when one is configured (an
 * answer found there is kept in memory too). Never throws: Redis failing is counted as an error
 * and treated as a miss, so the question is simply answered again.
 */
export class ResponseCache {
  constructor(
    private readonly local: MemoryStore,
    private readonly shared?: RedisStore,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const local = this.local.get(key);
    countResponseCacheLookup("memory", local === undefined ? "miss" : "hit");
    if (local !== undefined || !this.shared) return local;
    let shared: string | undefined;
    try {
      shared = await this.shared.get(key);
    } catch {
      countResponseCacheLookup("redis", "error");
      return undefined;
    }
    countResponseCacheLookup("redis", shared === undefined ? "miss" : "hit");
    if (shared !== undefined) this.local.set(key, shared);
    return shared;
  }

  set(key: string, value: string): void {
    this.local.set(key, value);
    // Not awaited: a slow or absent Redis must not hold the answer back. Failures are in the outage log.
    this.shared?.set(key, value).catch(() => undefined);
  }
}
