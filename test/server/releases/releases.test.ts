import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../../server/src/auth/token.service";
import { applyDemoCorrection } from "../../../server/src/db/releases/demo-correction";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";
import { goodRow, portalCsv } from "../db/import/portal-csv";

/** Published releases: figures cited from one stay exactly the same after later loads (docs/releases.md). */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;
let admin: string;
let leadership: string;

const FIGURES = `query Figures($release: ID, $rollups: Boolean) {
  analytics(query: { measures: [submissions, valid, benefitVnd, validRate], dimensions: [province], release: $release, useRollups: $rollups }) {
    dataVersion asOfDate release { id kind dataVersion } source
    totals { measure value } rows { dimensions { code } values { measure value } }
  }
  overview(release: $release) { dataVersion release { id } kpis { measure value } phases { valid submissions } }
  ranking(measure: valid, by: topUnit, limit: 100, release: $release) { release { id } rows { code value } }
}`;
const PUBLISH = `mutation($title: String!, $kind: ReleaseKind!, $note: String) {
  publishRelease(title: $title, kind: $kind, note: $note) { id kind dataVersion dataEnd revises }
}`;

const bearer = (token?: string): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
const figures = async (release?: string, token?: string, rollups = true) => {
  const answer = await server.graphql(FIGURES, { release, rollups }, bearer(token));
  expect(answer.errors).toBeUndefined();
  return answer.data;
};
const publish = async (kind: string, title: string, note?: string, token = admin) =>
  server.graphql(PUBLISH, { title, kind, note }, bearer(token));
const EXPORT_QUESTION = encodeURIComponent(
  JSON.stringify({ measures: ["submissions", "valid"], dimensions: ["topUnit"] }),
);
const csv = async (release?: string) =>
  (await fetch(`${server.base}/export.csv?query=${EXPORT_QUESTION}${release ? `&release=${release}` : ""}`)).text();
type Value = { measure: string; value: number | null };
type Result = { totals: Value[]; rows: Array<{ dimensions: Array<{ code: string }>; values: Value[] }> };
type RevisionRow = { scope: string; key: string | null; measure: string; previousValue: number; value: number };
const withoutRelease = (data: { analytics: object }) =>
  JSON.stringify({ ...data.analytics, release: undefined, source: undefined });

beforeAll(async () => {
  db = await createTestDatabase("releases");
  await seedDemoData(db.url, 5, 0.002, new Progress(process.stderr, true));
  server = await startTestServer(db.dataSource, 30_000, { suppressionThreshold: 5 });
  admin = (await createToken(db.dataSource, "admin", "Quản trị")).token;
  leadership = (await createToken(db.dataSource, "leadership", "Lãnh đạo")).token;
}, 120_000);

afterAll(async () => {
  await server?.close();
  await db?.drop();
});

describe("releases", () => {
  let first: { id: string; dataVersion: string; dataEnd: string };
  let cited: { answer: { analytics: Result & Record<string, unknown> }; csv: string };

  it("before the first release, everyone reads the live data", async () => {
    expect((await figures()).analytics.release).toBeNull();
    expect((await server.graphql(`{ releases { id } }`)).data.releases).toEqual([]);
  });

  it("publishing needs an admin token", async () => {
    expect((await publish("FIRST", "Lần đầu", undefined, "")).errors?.[0]?.extensions.code).toBe("FORBIDDEN");
    expect((await publish("FIRST", "Lần đầu", undefined, leadership)).errors?.[0]?.extensions.code).toBe("FORBIDDEN");
    const published = await publish("FIRST", "Số liệu mẫu", "Bản đầu tiên");
    expect(published.errors).toBeUndefined();
    first = published.data.publishRelease;
    expect(first).toMatchObject({ kind: "FIRST", revises: null });
    expect(first.id).toMatch(/^\d{4}-\d{2}-\d{2}\.1$/);
    expect(first.id.startsWith(first.dataEnd)).toBe(true);
  });

  it("the public reads the newest release by default, token holders the live data; unknown ids are refused", async () => {
    const publicAnswer = await figures();
    expect(publicAnswer.analytics.release).toMatchObject({ id: first.id, kind: "FIRST" });
    expect(publicAnswer.overview.release.id).toBe(first.id);
    expect((await figures(undefined, leadership)).analytics.release).toBeNull();
    expect((await figures(first.id, leadership)).analytics.release.id).toBe(first.id);
    const unknown = await server.graphql(FIGURES, { release: "1999-01-01.1" });
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(unknown.errors?.[0]?.message).toMatch(/Unknown release "1999-01-01\.1"/);
    cited = { answer: publicAnswer, csv: await csv(first.id) };
    expect(cited.csv).toContain(`bản phát hành ${first.id}`);
    expect(await csv()).toBe(cited.csv);
  });

  let second: { id: string; dataVersion: string };
  it("after a correction load, the release answers exactly as cited while the live figures differ", async () => {
    const correction = await applyDemoCorrection(db.url);
    expect(correction.dataVersion).not.toBe(first.dataVersion);
    const live = await figures("live");
    expect(live.analytics.release).toBeNull();
    expect(live.analytics.dataVersion).toBe(correction.dataVersion);
    expect(withoutRelease(live)).not.toBe(withoutRelease(cited.answer));
    const again = await figures();
    expect(again).toEqual(cited.answer);
    expect(again.analytics.dataVersion).toBe(first.dataVersion);
    expect(await csv(first.id)).toBe(cited.csv);
    expect(await db.dataSource.query(`SELECT data_version::text FROM kept_version`)).toEqual([
      { data_version: first.dataVersion },
    ]);
    // The engine's tables are kept; nothing personal is.
    const kept = (
      await db.dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = $1`, [`data_v${first.dataVersion}`])
    ).map((t: { tablename: string }) => t.tablename);
    expect(kept).toEqual(
      expect.arrayContaining(["initiative", "initiative_status_change", "unit", "rollup_unit_daily"]),
    );
    expect(kept).not.toContain("author");
  });

  it("units are listed and found as the release the caller reads names them", async () => {
    // A later load renames a top unit in the live data: the public, reading the first release, keeps the old name.
    const [unit] = (await db.dataSource.query(
      `SELECT code, name, search_name AS "searchName" FROM unit WHERE tier = 1 ORDER BY id LIMIT 1`,
    )) as Array<{ code: string; name: string; searchName: string }>;
    await db.dataSource.query(
      `UPDATE unit SET name = 'Đơn vị đổi tên', search_name = 'don vi doi ten' WHERE code = $1`,
      [unit!.code],
    );
    try {
      const ASK = `{ topUnits { code name } searchUnits(text: "doi ten") { code name } }`;
      const asPublic = (await server.graphql(ASK)).data;
      expect(asPublic.topUnits.find((u: { code: string }) => u.code === unit!.code).name).toBe(unit!.name);
      expect(asPublic.searchUnits).toEqual([]);
      const asLeadership = (await server.graphql(ASK, {}, bearer(leadership))).data;
      expect(asLeadership.topUnits.find((u: { code: string }) => u.code === unit!.code).name).toBe("Đơn vị đổi tên");
      expect(asLeadership.searchUnits).toEqual([{ code: unit!.code, name: "Đơn vị đổi tên" }]);
    } finally {
      await db.dataSource.query(`UPDATE unit SET name = $2, search_name = $3 WHERE code = $1`, [
        unit!.code,
        unit!.name,
        unit!.searchName,
      ]);
    }
  });

  it("a correction release lists exactly the figures it changed, old → new, with its reason and note", async () => {
    const published = await publish("CORRECTION", "Đính chính", "Xét lại 6 sáng kiến");
    expect(published.errors).toBeUndefined();
    second = published.data.publishRelease;
    expect(second).toMatchObject({ kind: "CORRECTION", revises: first.id });
    // The public's default moves to it at once: its cached answers are keyed by the newest release too.
    const latest = await figures();
    expect(latest.analytics.release.id).toBe(second.id);
    expect(latest.analytics.dataVersion).toBe(second.dataVersion);
    const { revisions } = (
      await server.graphql(
        `{ revisions(release: "${second.id}") { release previousRelease reason note scope key label measure previousValue value } }`,
      )
    ).data;
    // The national valid count lost 4 (found invalid on review) and gained 2 (valid on appeal).
    const national = revisions.filter((r: RevisionRow) => r.scope === "national");
    const valid = national.find((r: RevisionRow) => r.measure === "valid");
    expect(valid).toMatchObject({ reason: "CORRECTION", note: "Xét lại 6 sáng kiến", previousRelease: first.id });
    expect(valid.value - valid.previousValue).toBe(-2);
    expect(revisions.some((r: RevisionRow) => r.measure === "submissions")).toBe(false);
    // Exactly the figures the two releases answer differently, as of the first release's date.
    const expected: string[] = [];
    for (const [scope, dimension] of [
      ["national", null],
      ["topUnit", "topUnit"],
      ["province", "province"],
      ["workerCategory", "workerCategory"],
      ["field", "field"],
    ] as const) {
      const ask = async (release: string) =>
        (
          await server.graphql(
            `query($q: AnalyticsQueryInput!) { analytics(query: $q) { totals { measure value } rows { dimensions { code } values { measure value } } } }`,
            {
              q: {
                measures: ["submissions", "valid", "benefitVnd"],
                dimensions: dimension ? [dimension] : [],
                asOf: first.dataEnd,
                release,
                limit: 10_000,
              },
            },
          )
        ).data.analytics;
      const flat = (a: Result) =>
        new Map<string, number | null>(
          dimension
            ? a.rows.flatMap((r) => r.values.map((v) => [`${r.dimensions[0].code}|${v.measure}`, v.value]))
            : a.totals.map((v) => [`|${v.measure}`, v.value]),
        );
      const [before, after] = [flat(await ask(first.id)), flat(await ask(second.id))];
      for (const key of new Set([...before.keys(), ...after.keys()]))
        if ((before.get(key) ?? null) !== (after.get(key) ?? null)) expected.push(`${scope}|${key}`);
    }
    expect(revisions.map((r: RevisionRow) => `${r.scope}|${r.key ?? ""}|${r.measure}`).sort()).toEqual(expected.sort());
    const file = await (await fetch(`${server.base}/revisions.csv?release=${second.id}`)).text();
    expect(file.trim().split("\r\n")).toHaveLength(revisions.length + 1);
    expect(file).toContain(`${second.id},${first.id},C,Xét lại 6 sáng kiến,national,,Toàn quốc,valid`);
  });

  it("a re-seed and an import change the live data; both releases answer as before, from rollups and the base table alike", async () => {
    const secondCited = await figures(second.id);
    await seedDemoData(db.url, 6, 0.002, new Progress(process.stderr, true));
    // The re-seed's version is pinned by no release: the import that replaces it keeps nothing of it.
    const [unit] = await db.dataSource.query(`SELECT code FROM unit WHERE tier = 3 ORDER BY id LIMIT 1`);
    const upload = await fetch(`${server.base}/admin/import?name=portal.csv`, {
      method: "POST",
      body: portalCsv([goodRow("REL-1", unit.code), goodRow("REL-2", unit.code)]),
      headers: { "content-type": "text/csv", ...bearer(admin) },
    });
    expect(upload.status).toBe(200);
    expect((await figures("live")).analytics.totals).not.toEqual(cited.answer.analytics.totals);
    expect(await figures(first.id)).toEqual(cited.answer);
    expect(await figures(second.id)).toEqual(secondCited);
    expect(await csv(first.id)).toBe(cited.csv);
    const fromBase = await figures(first.id, undefined, false);
    expect(fromBase.analytics.source).toBe("initiative");
    expect(withoutRelease(fromBase)).toBe(withoutRelease(cited.answer));
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM kept_version`))[0].n).toBe(2);
  });
});
