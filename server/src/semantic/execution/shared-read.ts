import type { DataSource } from "typeorm";
import { readInOneTransaction, type ReadRequest } from "./read-transaction";

/**
 * The rollup reads of one composed answer (a comparison's two halves) in one transaction: one BEGIN, one
 * set of locks, one version check and one COMMIT instead of one each, and one snapshot, so both
 * halves are of one data version by construction. Each round trip costs as much CPU as a rollup
 * query (read-transaction.ts), so a comparison asked this way costs well under twice its question
 * (docs/benchmarks.md, "Comparisons").
 *
 * The reads are gathered until `expected` have arrived or the event loop turns once (a half answered
 * from the cache, or waiting for I/O, never arrives in time); reads that cannot share a transaction
 * (other settings, another release's schema or data version) run in their own, as do reads that come
 * after the gathering (the privacy step's follow-up questions).
 */
export class SharedRead {
  private waiting: Array<{ request: ReadRequest; done: (error?: unknown) => void }> = [];
  private gathering = true;

  constructor(
    private readonly db: DataSource,
    private readonly timeoutMs: number,
    private readonly expected: number,
  ) {}

  read(request: ReadRequest): Promise<void> {
    if (!this.gathering) return readInOneTransaction(this.db, this.timeoutMs, request);
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ request, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (this.waiting.length >= this.expected) this.flush();
      else if (this.waiting.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    if (!this.gathering) return;
    this.gathering = false;
    for (const group of groupsOfOneTransaction(this.waiting.map((w) => w.request))) {
      const members = this.waiting.filter((w) => group.includes(w.request));
      const together: ReadRequest = {
        ...group[0]!,
        texts: group.flatMap((r) => r.texts),
        work: async (runner) => {
          for (const r of group) await r.work(runner);
        },
      };
      readInOneTransaction(this.db, this.timeoutMs, together).then(
        () => members.forEach((m) => m.done()),
        (error: unknown) => members.forEach((m) => m.done(error ?? new Error("read failed"))),
      );
    }
    this.waiting = [];
  }
}

/** Reads grouped by what their transaction must be: the same settings, schema and data version. */
function groupsOfOneTransaction(requests: ReadRequest[]): ReadRequest[][] {
  const groups = new Map<string, ReadRequest[]>();
  for (const r of requests) {
    const key = JSON.stringify([r.settings, r.searchPath ?? null, r.dataVersion ?? null]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()];
}
