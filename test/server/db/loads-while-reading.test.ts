import { Readable } from "node:stream";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../../server/src/auth/token.service";
import { LOCK_WAIT_MS } from "../../../server/src/db/aggregates/swap-lock";
import { importCsv } from "../../../server/src/db/import/import.service";
import { applyDemoCorrection } from "../../../server/src/db/releases/demo-correction";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";
import { goodRow, portalCsv } from "./import/portal-csv";

/**
 * Loads on the live database while readers ask (issue 21: keep serving; a load never shows half a
 * version). Each question below reads many rollups in one transaction (the overview's phases and
 * their pace, the targets, a weekly cumulative series by top unit, a drilldown): the shape that
 * deadlocked with a load swapping rollups in one table at a time, or waited for the whole load.
 */
const QUESTION = `query Q($asOf: AsOf!) {
  overview(asOf: $asOf) { dataVersion kpis { measure value previous }
    phases { phase submissions valid progress pace { current target rate7 rate28 projected status } } }
  targetAttainment(asOf: $asOf) { code phase target valid attainment pace { current rate28 } }
  analytics(query: { measures: [submissions, valid, benefitVnd], dimensions: [topUnit], asOf: $asOf,
                     timeDimension: { granularity: WEEK, cumulative: true } }) {
    dataVersion totals { measure value } rows { time dimensions { code } values { measure value } } }
  unitDrilldown(unit: "TLĐ", asOf: $asOf) {
    children { dataVersion totals { measure value } rows { dimensions { code } values { measure value } } } }
}`;
type Answer = Record<"overview" | "targetAttainment" | "analytics" | "unitDrilldown", unknown>;
/** Enough dates that few questions repeat while a load runs (the overview keeps its own answers). */
const DATES = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2022, 1, 1 + i * 47)).toISOString().slice(0, 10));
const READERS = 4;
/**
 * The longest a reader's statement may wait on a lock: a load's swap waits LOCK_WAIT_MS at most
 * before letting go, and once it holds its locks it only renames tables and commits (milliseconds).
 * A second more for a machine shared with other work; a load that locked readers out while it
 * rebuilt, or a deadlock (broken after deadlock_timeout, 1 s), would exceed it.
 */
const LONGEST_LOCK_WAIT_MS = LOCK_WAIT_MS + 1000;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
/** The server under test: no answer cache, so that each question reads the database. */
let server: TestServer;
/** Another engine over the same database, asked only while nothing loads: each version's figures. */
let quiet: TestServer;
let admin: string;
let leadership: string;

beforeAll(async () => {
  db = await createTestDatabase("loads_while_reading");
  await seedDemoData(db.url, 17, 0.002, new Progress(process.stderr, true));
  server = await startTestServer(db.dataSource, 5000, { answersKept: 0, responseCache: off });
  quiet = await startTestServer(db.dataSource, 30_000, { responseCache: off });
  admin = (await createToken(db.dataSource, "admin", "Quản trị")).token;
  leadership = (await createToken(db.dataSource, "leadership", "Lãnh đạo")).token;
}, 120_000);

afterAll(async () => {
  await server?.close();
  await quiet?.close();
  await db?.drop();
});

const off = { entries: 0, megabytes: 1, ttlSeconds: 1 };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Every date's answer as leadership reads it (the live data, unperturbed). */
async function figuresByDate(): Promise<Map<string, Answer>> {
  const byDate = new Map<string, Answer>();
  for (const asOf of DATES) {
    const answer = await quiet.graphql<Answer>(QUESTION, { asOf }, bearer(leadership));
    expect(answer.errors).toBeUndefined();
    byDate.set(asOf, answer.data);
  }
  return byDate;
}

/**
 * The parts that are each one answer: a pace is a question of its own (resolved beside its row, see
 * modules/pace), so it is checked on its own, against the version before or after.
 */
function split(answer: Answer): Record<string, unknown> {
  const parts: Record<string, unknown> = {};
  const withoutPace = (rows: Array<{ pace?: unknown }>, name: string) =>
    rows.map(({ pace, ...row }, i) => {
      parts[`${name} ${i} pace`] = pace;
      return row;
    });
  const overview = answer.overview as { phases: Array<{ pace?: unknown }> };
  parts.overview = { ...overview, phases: withoutPace(overview.phases, "phase") };
  parts.targetAttainment = withoutPace(answer.targetAttainment as Array<{ pace?: unknown }>, "target");
  parts.analytics = answer.analytics;
  parts.unitDrilldown = answer.unitDrilldown;
  return parts;
}

const versionOf = (answer: Answer) => (answer.overview as { dataVersion: string }).dataVersion;

/** A release pins the current version: the next load keeps its tables first (db/releases/keep-version.ts). */
async function publish(kind: "FIRST" | "PLANNED_REVISION"): Promise<void> {
  const published = await server.graphql(
    `mutation($kind: ReleaseKind!) { publishRelease(title: "Trước khi nạp", kind: $kind) { id } }`,
    { kind },
    bearer(admin),
  );
  expect(published.errors).toBeUndefined();
}

interface Read {
  asOf: string;
  started: number;
  errors?: unknown[];
  data: Answer;
}

/**
 * Runs `load` while READERS readers ask QUESTION over and over and a sampler watches their
 * statements for lock waits; then checks that every answer is whole, of the version before or
 * after, and that no reader waited long on a lock.
 */
async function readWhile(load: () => Promise<unknown>): Promise<void> {
  const before = await figuresByDate();
  const reads: Read[] = [];
  let reading = true;
  const readers = Array.from({ length: READERS }, async (_, r) => {
    for (let i = r * 3; reading; i++) {
      const asOf = DATES[i % DATES.length]!;
      const started = performance.now();
      const { errors, data } = await server.graphql<Answer>(QUESTION, { asOf }, bearer(leadership));
      reads.push({ asOf, started, errors, data });
    }
  });
  const sampler = new pg.Client({ connectionString: db.url.toString(), application_name: "lock-sampler" });
  await sampler.connect();
  let longestLockWait = 0;
  const sampling = (async () => {
    while (reading) {
      const { rows } = await sampler.query<{ ms: number }>(
        `SELECT coalesce(max(extract(epoch FROM clock_timestamp() - query_start) * 1000), 0)::float AS ms
           FROM pg_stat_activity WHERE application_name = 'sang-kien-analytics' AND wait_event_type = 'Lock'`,
      );
      longestLockWait = Math.max(longestLockWait, rows[0]!.ms);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const readsBefore = reads.length;
  try {
    await load();
  } finally {
    // Until each reader has asked once more since the load ended.
    const ended = performance.now();
    for (let waited = 0; waited < 30_000 && reads.filter((r) => r.started > ended).length < READERS; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    reading = false;
    await Promise.all([...readers, sampling]);
    await sampler.end();
  }
  const after = await figuresByDate();
  const [old, fresh] = [versionOf(before.get(DATES[0]!)!), versionOf(after.get(DATES[0]!)!)];
  expect(fresh).not.toBe(old);

  expect(reads.length - readsBefore).toBeGreaterThan(READERS);
  expect(reads.filter((r) => r.errors).map((r) => r.errors)).toEqual([]);
  for (const { asOf, data } of reads) {
    const [was, is] = [split(before.get(asOf)!), split(after.get(asOf)!)];
    // Each answer is of one version: the one it says, or (the targets, which say none) either.
    expect([old, fresh]).toContain(versionOf(data));
    for (const [part, figures] of Object.entries(split(data))) {
      const version = JSON.stringify(figures).match(/"dataVersion":"(\d+)"/)?.[1];
      const expected = version ? [version === old ? was[part] : is[part]] : [was[part], is[part]];
      expect(expected, `${part} as of ${asOf}`).toContainEqual(figures);
    }
  }
  expect(new Set(reads.map(({ data }) => versionOf(data)))).toContain(fresh);
  expect(longestLockWait).toBeLessThan(LONGEST_LOCK_WAIT_MS);
}

describe("loads while readers ask", () => {
  it("a correction load that keeps the version a release pins: no error, no long lock wait, whole versions", async () => {
    await publish("FIRST");
    await readWhile(() => applyDemoCorrection(db.url));
  }, 120_000);

  it("a re-import over POST /admin/import: no error, no long lock wait, whole versions", async () => {
    const units = await db.dataSource.query<Array<{ code: string }>>(
      `SELECT code FROM unit WHERE tier = 3 ORDER BY id LIMIT 8`,
    );
    const rows = (n: number, status: string) =>
      Array.from({ length: n }, (_, i) =>
        goodRow(`LOCK-${i}`, units[i % units.length]!.code, i % 3 === 0 ? { "Trạng thái": status } : {}),
      );
    // The first import replaces the demo data (a load of its own, before the readers start).
    const first = await importCsv(db.dataSource, Readable.from([portalCsv(rows(40, "Hợp lệ"))]), { errorFile: null });
    expect(first.changed).toBe(true);
    await publish("PLANNED_REVISION");
    await readWhile(async () => {
      const response = await fetch(`${server.base}/admin/import?name=portal.csv`, {
        method: "POST",
        body: portalCsv(rows(60, "Không hợp lệ")),
        headers: { "content-type": "text/csv", ...bearer(admin) },
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { data: { import: { updated: number } } }).data.import.updated).toBe(14);
    });
  }, 120_000);
});
