import { LRUCache } from "lru-cache";

/** Budgets of a cache: entries at most, and optionally bytes at most and a time to live. */
export interface LruOptions<V> {
  /** Entries kept at most; 0 keeps nothing (a cache turned off). */
  maxEntries: number;
  /** With `sizeOf`: the total size kept at most; an entry above `maxEntryBytes` is not kept. */
  maxBytes?: number;
  maxEntryBytes?: number;
  sizeOf?: (value: V, key: string) => number;
  /** An entry older than this is dropped when next asked for. */
  ttlMs?: number;
  /** The clock, for tests. */
  now?: () => number;
}

/**
 * The one cache primitive of the server: least recently used out first, backed by lru-cache.
 * Every cache in the process is one of these (the table in docs/architecture.md lists them).
 */
export class Lru<V extends NonNullable<unknown>> {
  private readonly entries: LRUCache<string, V> | undefined;

  constructor(options: LruOptions<V>) {
    if (options.maxEntries <= 0) return;
    this.entries = new LRUCache<string, V>({
      max: options.maxEntries,
      ...(options.maxBytes
        ? { maxSize: options.maxBytes, maxEntrySize: options.maxEntryBytes ?? options.maxBytes }
        : {}),
      ...(options.sizeOf
        ? { sizeCalculation: (value: V, key: string) => Math.max(1, options.sizeOf!(value, key)) }
        : {}),
      ...(options.ttlMs ? { ttl: options.ttlMs } : {}),
      // lru-cache reuses its reading of the clock for a millisecond; a test's clock moves by hand.
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
  }

  get(key: string): V | undefined {
    return this.entries?.get(key);
  }

  set(key: string, value: V): void {
    this.entries?.set(key, value);
  }

  delete(key: string): void {
    this.entries?.delete(key);
  }

  clear(): void {
    this.entries?.clear();
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }

  get usedBytes(): number {
    return this.entries?.calculatedSize ?? 0;
  }
}

/**
 * Computations kept by key in an Lru: a key asked again while its value is being computed waits for
 * the same promise (identical concurrent questions run once); a failed computation is forgotten,
 * so the next ask tries again.
 */
export class SharedComputations<V> {
  private readonly cache: Lru<Promise<V>>;

  constructor(maxEntries: number) {
    this.cache = new Lru<Promise<V>>({ maxEntries });
  }

  get(key: string, compute: () => Promise<V>): Promise<V> {
    const known = this.cache.get(key);
    if (known) return known;
    const value = compute();
    this.cache.set(key, value);
    value.catch(() => {
      if (this.cache.get(key) === value) this.cache.delete(key);
    });
    return value;
  }

  clear(): void {
    this.cache.clear();
  }
}
