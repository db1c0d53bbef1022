import type { DataSource } from "typeorm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DataStateCache } from "../../../server/src/semantic/data-state";

/**
 * A database that answers from a script: the data version it reports, and whether the reads after
 * it (the data's date range, the targets, the catalogue) fail, as when PostgreSQL goes away half-way.
 */
function scriptedDatabase() {
  const script = {
    version: "1",
    failAfterVersion: false,
    versionReads: 0,
    hold: undefined as Promise<void> | undefined,
  };
  const db = {
    async query(sql: string) {
      if (/FROM dataset/.test(sql)) {
        script.versionReads++;
        // The version as the database saw it when asked, delivered once `hold` settles (a slow answer).
        const version = script.version;
        if (script.hold) await script.hold;
        return [{ data_version: version, kind: "demo" }];
      }
      if (script.failAfterVersion)
        throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
      if (/FROM initiative/.test(sql))
        return [{ first: new Date("2022-01-08T02:00:00Z"), last: new Date("2023-08-31T02:00:00Z") }];
      return [];
    },
  };
  return { script, db: db as unknown as DataSource };
}

describe("DataStateCache when the database fails half-way through a refresh", () => {
  afterEach(() => vi.useRealTimers());

  it("does not serve the previous version's state for the new data; the next call refreshes again", async () => {
    const { script, db } = scriptedDatabase();
    vi.useFakeTimers({ toFake: ["Date"] });
    const cache = new DataStateCache(db, 1000);
    expect((await cache.current()).dataVersion).toBe("1");

    // A second later a new version is loaded, and the database fails right after telling us so.
    vi.setSystemTime(Date.now() + 1001);
    script.version = "2";
    script.failAfterVersion = true;
    await expect(cache.current()).rejects.toThrow(/ECONNREFUSED/);

    script.failAfterVersion = false;
    const reads = script.versionReads;
    expect((await cache.current()).dataVersion).toBe("2");
    expect(script.versionReads).toBe(reads + 1);
  });
});

describe("DataStateCache.invalidate", () => {
  it("is not lost when it lands while a read of the version is on its way", async () => {
    const { script, db } = scriptedDatabase();
    const cache = new DataStateCache(db, 60_000);
    expect((await cache.current()).dataVersion).toBe("1");
    cache.invalidate();
    let release!: () => void;
    script.hold = new Promise<void>((resolve) => (release = resolve));
    const inFlight = cache.current();
    // Meanwhile another instance commits a load and announces it.
    script.version = "2";
    cache.invalidate();
    release();
    expect((await inFlight).dataVersion).toBe("1");
    script.hold = undefined;
    expect((await cache.current()).dataVersion).toBe("2");
  });
});
