import { Lru } from "./lru";

export interface MemoryStoreOptions {
  /** Answers kept at most (0: none). */
  maxEntries: number;
  /** Their size at most, counted as JavaScript holds strings (two bytes a character). */
  maxBytes: number;
  /** An answer older than this is dropped when next asked for. */
  ttlMs: number;
  /** The clock, for tests. */
  now?: () => number;
}

/**
 * Answers in this process: the least recently used goes first when either budget is full, and
 * each expires after the TTL. An answer above a sixteenth of the byte budget is not kept: one
 * export-sized answer would push out many dashboard ones.
 */
export class MemoryStore {
  private readonly entries: Lru<string>;

  constructor(options: MemoryStoreOptions) {
    this.entries = new Lru<string>({
      maxEntries: options.maxEntries,
      maxBytes: options.maxBytes,
      maxEntryBytes: options.maxBytes / 16,
      sizeOf: (value, key) => 2 * (key.length + value.length),
      ttlMs: options.ttlMs,
      now: options.now,
    });
  }

  get(key: string): string | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: string): void {
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }

  get usedBytes(): number {
    return this.entries.usedBytes;
  }
}
