import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../../server/src/auth/token.service";
import { rollupTables } from "../../../server/src/db/aggregates/rollup-builder";
import { applyDemoCorrection } from "../../../server/src/db/releases/demo-correction";
import { refreshKeptRollups } from "../../../server/src/db/releases/kept-rollups";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";

/**
 * An upgrade that changes the rollups rebuilds the live ones at start; a release's kept version must
 * not be left answering from its base table (exact, but hundreds of milliseconds a question), and
 * its rebuild must touch nothing live.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;
let schema: string;

const QUESTION = `query($release: ID) { analytics(query: { measures: [submissions, valid], dimensions: [field], release: $release }) {
  source dataVersion totals { measure value } rows { dimensions { code } values { measure value } } } }`;

beforeAll(async () => {
  db = await createTestDatabase("kept_rollups");
  await seedDemoData(db.url, 11, 0.002, new Progress(process.stderr, true));
  server = await startTestServer(db.dataSource, 30_000);
  const admin = (await createToken(db.dataSource, "admin", "Quản trị")).token;
  const published = await server.graphql(
    `mutation { publishRelease(title: "Số liệu đầu", kind: FIRST) { id } }`,
    {},
    {
      authorization: `Bearer ${admin}`,
    },
  );
  expect(published.errors).toBeUndefined();
  await applyDemoCorrection(db.url);
  [{ schema_name: schema }] = (await db.dataSource.query(`SELECT schema_name FROM kept_version`)) as Array<{
    schema_name: string;
  }>;
}, 120_000);

afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const liveState = () =>
  db.dataSource.query(
    `SELECT c.relname, obj_description(c.oid, 'pg_class') AS stamp, c.reltuples
       FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1) ORDER BY 1`,
    [rollupTables()],
  );

describe("a kept version's rollups after an upgrade", () => {
  it("are rebuilt in the kept schema, and nothing live is touched", async () => {
    const release = (
      (await server.graphql(`{ releases { id dataVersion } }`)).data as { releases: Array<{ id: string }> }
    ).releases.at(-1)!.id;
    const ask = async () => {
      const answer = await server.graphql(QUESTION, { release });
      expect(answer.errors).toBeUndefined();
      return (answer.data as { analytics: { source: string } }).analytics;
    };
    const before = await ask();
    expect(before.source).not.toBe("initiative");

    // What an upgrade leaves: rollups stamped by another build, and a rollup the old build did not have.
    await db.dataSource.query(`COMMENT ON TABLE ${schema}.rollup_category_daily IS 'sang-kien rollup build old'`);
    await db.dataSource.query(`DROP TABLE ${schema}.rollup_field_daily`);
    const live = await liveState();
    const fresh = await startTestServer(db.dataSource, 30_000);
    try {
      const stale = await fresh.graphql(QUESTION, { release });
      expect((stale.data as { analytics: { source: string } }).analytics.source).toBe("initiative");
      expect(JSON.stringify({ ...(stale.data as { analytics: object }).analytics, source: 0 })).toBe(
        JSON.stringify({ ...before, source: 0 }),
      );
    } finally {
      await fresh.close();
    }

    const failures: string[] = [];
    const failed = (kept: string) => void failures.push(kept);
    expect(await refreshKeptRollups(db.dataSource, failed)).toEqual([schema]);
    expect(await refreshKeptRollups(db.dataSource, failed)).toEqual([]);
    expect(failures).toEqual([]);
    expect(await liveState()).toEqual(live);
    const restarted = await startTestServer(db.dataSource, 30_000);
    try {
      const after = await restarted.graphql(QUESTION, { release });
      const figures = (after.data as { analytics: { source: string } }).analytics;
      expect(figures.source).not.toBe("initiative");
      expect({ ...figures, source: 0 }).toEqual({ ...before, source: 0 });
    } finally {
      await restarted.close();
    }
  }, 120_000);
});

describe("a kept version whose rollups cannot be rebuilt", () => {
  it("is reported and skipped, and the others are still refreshed: the server starts", async () => {
    await db.dataSource.query(`COMMENT ON TABLE ${schema}.rollup_category_daily IS 'sang-kien rollup build old'`);
    await db.dataSource.query(`ALTER TABLE ${schema}.initiative RENAME TO initiative_gone`);
    try {
      const failures: string[] = [];
      expect(await refreshKeptRollups(db.dataSource, (kept) => void failures.push(kept))).toEqual([]);
      expect(failures).toEqual([schema]);
    } finally {
      await db.dataSource.query(`ALTER TABLE ${schema}.initiative_gone RENAME TO initiative`);
    }
  }, 60_000);
});
