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

interface Entry {
  value: string;
  bytes: number;
  expiresAt: number;
}

/**
 * Answers in this process: the least recently used goes first when either budget is full, and
 * each expires after the TTL. An answer above a sixteenth of the byte budget is not kept: one
 * export-sized answer would push out many dashboard ones.
 */
export class MemoryStore {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly now: () => number;

  constructor(private readonly options: MemoryStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  get(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.remove(key, entry);
      return undefined;
    }
    // A Map keeps insertion order: re-inserting makes this the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: string): void {
    const bytes = 2 * (key.length + value.length);
    if (this.options.maxEntries === 0 || bytes > this.options.maxBytes / 16) return;
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    this.entries.set(key, { value, bytes, expiresAt: this.now() + this.options.ttlMs });
    this.bytes += bytes;
    while (this.entries.size > this.options.maxEntries || this.bytes > this.options.maxBytes) {
      const [oldestKey, oldest] = this.entries.entries().next().value!;
      this.remove(oldestKey, oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get usedBytes(): number {
    return this.bytes;
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}
