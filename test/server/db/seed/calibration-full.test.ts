import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { CALIBRATION } from "../../../../server/src/db/seed/calibration";
import { Progress } from "../../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../../server/src/db/seed/seed.service";
import { createTestDatabase } from "../../../setup/test-database";
import { startTestServer, type TestServer } from "../../../setup/test-server";

/**
 * The whole programme at scale 1, checked against the published figures by plain SQL on the
 * rows in PostgreSQL (not through the generator's own counters). Figures come from the one
 * calibration file the generator also reads.
 */
const exact = CALIBRATION.published.exact;
const approx = CALIBRATION.published.approximate;
const VN = (date: string) => `'${date} 00:00:00+07'::timestamptz`;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let api: TestServer;
let sql: DataSource["query"];
const one = async (query: string): Promise<Record<string, string>> => (await sql(query))[0];
const num = async (query: string): Promise<number> => Number(Object.values(await one(query))[0]);
const within = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual - expected) / expected, `${actual} vs ${expected} ±${tolerance * 100}%`).toBeLessThanOrEqual(
    tolerance,
  );

beforeAll(async () => {
  db = await createTestDatabase("calibration_full");
  sql = db.dataSource.query.bind(db.dataSource);
  await seedDemoData(db.url, CALIBRATION.defaultSeed, 1, new Progress(process.stderr, true));
  api = await startTestServer(db.dataSource);
}, 600_000);

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe("exact published figures at scale 1", () => {
  it("phase 1: 696,948 submissions before 24h on 31/5/2022, split by worker category", async () => {
    expect(await num(`SELECT count(*) FROM initiative WHERE submitted_at < ${VN(exact.phase1.before)}`)).toBe(
      exact.phase1.submissions,
    );
    const rows = await sql(`
      SELECT c.code, count(*)::int AS n FROM initiative i JOIN worker_category c ON c.id = i.worker_category_id
      WHERE i.submitted_at < ${VN(exact.phase1ByWorkerCategory.before)} GROUP BY c.code`);
    const byCode = Object.fromEntries(rows.map((r: { code: string; n: number }) => [r.code, r.n]));
    expect(byCode).toEqual({
      PUBLIC_SERVICE: exact.phase1ByWorkerCategory.PUBLIC_SERVICE,
      ENTERPRISE: exact.phase1ByWorkerCategory.ENTERPRISE,
      UNION_CADRE: exact.phase1ByWorkerCategory.UNION_CADRE,
      PARTY_STATE: exact.phase1ByWorkerCategory.PARTY_STATE,
    });
  });

  it("23 submissions on 8/1/2022, the first portal day, and none before it", async () => {
    const day = exact.firstPortalDay.date;
    expect(
      await num(`SELECT count(*) FROM initiative
      WHERE submitted_at >= ${VN(day)} AND submitted_at < ${VN(day)} + interval '1 day'`),
    ).toBe(exact.firstPortalDay.submissions);
    expect(await num(`SELECT count(*) FROM initiative WHERE submitted_at < ${VN(day)}`)).toBe(0);
  });

  it("the 1,000,000th submission (by instant, ties by id) falls in the minute 15:34 of 3/10/2022", async () => {
    const row = await one(`
      SELECT to_char(submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI') AS minute
      FROM initiative ORDER BY submitted_at, id OFFSET ${exact.millionth.ordinal - 1} LIMIT 1`);
    expect(row.minute).toBe(exact.millionth.minute);
  });

  it("LĐLĐ Thanh Hóa: submissions, valid at 1/9/2023, participating unions and their members", async () => {
    const th = exact.thanhHoa;
    const row = await one(`
      SELECT count(*) FILTER (WHERE i.submitted_at < ${VN(th.phase1.before)}) AS phase1,
             count(*) FILTER (WHERE i.submitted_at < ${VN(th.final.before)}) AS final,
             count(*) FILTER (WHERE i.submitted_at < ${VN(th.final.before)} AND (
               SELECT s.status_id FROM initiative_status_change s WHERE s.initiative_id = i.id
                  AND s.changed_at < ${VN(th.final.before)} ORDER BY s.changed_at DESC, s.status_id DESC LIMIT 1) = 2) AS valid
      FROM initiative i JOIN unit u ON u.path LIKE (SELECT path FROM unit WHERE code = '${th.unit}') || '%' AND u.id = i.grassroots_unit_id`);
    expect(Number(row.phase1)).toBe(th.phase1.submissions);
    expect(Number(row.final)).toBe(th.final.submissions);
    expect(Number(row.valid)).toBe(th.final.validAtThatInstant);
    const unions = await one(`
      SELECT count(*) AS unions, sum(members) AS members FROM unit g
      WHERE g.id IN (SELECT i.grassroots_unit_id FROM initiative i JOIN unit t ON t.id = i.top_unit_id
                     WHERE t.code = '${th.unit}' AND i.submitted_at < ${VN(th.participatingGrassroots.before)})`);
    expect(Number(unions.unions)).toBe(th.participatingGrassroots.unions);
    expect(Number(unions.members)).toBe(th.participatingGrassroots.members);
  });

  it("LĐLĐ Hà Nội: submissions and distinct submitters", async () => {
    const hn = exact.haNoi;
    const row = await one(`
      SELECT count(*) FILTER (WHERE i.submitted_at < ${VN(hn.phase1.before)}) AS phase1,
             count(*) FILTER (WHERE i.submitted_at < ${VN(hn.august2023.before)}) AS august,
             count(DISTINCT i.lead_author_id) FILTER (WHERE i.submitted_at < ${VN(hn.august2023.before)}) AS submitters
      FROM initiative i JOIN unit t ON t.id = i.top_unit_id WHERE t.code = '${hn.unit}'`);
    expect(Number(row.phase1)).toBe(hn.phase1.submissions);
    expect(Number(row.august)).toBe(hn.august2023.submissions);
    expect(Number(row.submitters)).toBe(hn.august2023.distinctSubmitters);
  });

  it("targets: national 300,000 and 1,000,000; the published unit targets", async () => {
    const target = async (code: string, phase: number) =>
      num(
        `SELECT t.target FROM target t JOIN unit u ON u.id = t.unit_id WHERE u.code = '${code}' AND t.phase_id = ${phase}`,
      );
    expect(await target("TLĐ", 1)).toBe(exact.targets.national.phase1);
    expect((await target("TLĐ", 1)) + (await target("TLĐ", 2))).toBe(exact.targets.national.programme);
    for (const [code, [p1, p2]] of Object.entries(exact.targets.units)) {
      expect([await target(code, 1), await target(code, 2)], code).toEqual([p1, p2]);
    }
  });
});

describe("approximate published figures at scale 1", () => {
  it("total before 1/9/2023 between 2.0 and 2.4 million", async () => {
    const total = await num(`SELECT count(*) FROM initiative WHERE submitted_at < ${VN("2023-09-01")}`);
    expect(total).toBeGreaterThanOrEqual(approx.totalBefore20230901.min);
    expect(total).toBeLessThanOrEqual(approx.totalBefore20230901.max);
  });

  it("valid benefit about 33,000 billion at the end and over 10,000 billion by 31/5/2022", async () => {
    within(
      await num(`SELECT sum(benefit_vnd) FROM initiative WHERE status_id = 2`),
      approx.validBenefitVndEnd.value,
      approx.validBenefitVndEnd.tolerance,
    );
    const early = await num(
      `SELECT sum(benefit_vnd) FROM initiative WHERE status_id = 2 AND decided_at < ${VN("2022-06-01")}`,
    );
    expect(early).toBeGreaterThan(approx.validBenefitVndBy20220531.min);
    within(early, approx.validBenefitVndBy20220531.value, approx.validBenefitVndBy20220531.tolerance);
  });

  it("Thanh Hóa: valid benefit just over 584 billion, programme target about 100,000", async () => {
    const benefit = await num(`SELECT sum(benefit_vnd) FROM initiative i JOIN unit t ON t.id = i.top_unit_id
      WHERE t.code = 'LDLD-38' AND i.status_id = 2`);
    expect(benefit).toBeGreaterThan(approx.thanhHoaValidBenefitVnd.min);
    within(benefit, approx.thanhHoaValidBenefitVnd.value, approx.thanhHoaValidBenefitVnd.tolerance);
    within(
      await num(`SELECT sum(target) FROM target t JOIN unit u ON u.id = t.unit_id WHERE u.code = 'LDLD-38'`),
      approx.thanhHoaProgrammeTarget.value,
      approx.thanhHoaProgrammeTarget.tolerance,
    );
  });

  it("the 83 units' targets sum to just over 1,000,000, their phase-1 targets to about 300,000", async () => {
    const sums = await one(`SELECT sum(target) AS programme, sum(target) FILTER (WHERE phase_id = 1) AS phase1
      FROM target t JOIN unit u ON u.id = t.unit_id WHERE u.tier = 1`);
    expect(Number(sums.programme)).toBeGreaterThan(approx.topUnitProgrammeTargetSum.min);
    within(Number(sums.programme), approx.topUnitProgrammeTargetSum.value, approx.topUnitProgrammeTargetSum.tolerance);
    within(Number(sums.phase1), approx.topUnitPhase1TargetSum.value, approx.topUnitPhase1TargetSum.tolerance);
  });

  it("about 1.3 million lead authors and about 2 million people with co-authors", async () => {
    const row = await one(`SELECT count(DISTINCT lead_author_id) AS leads, sum(co_authors) AS co FROM initiative`);
    within(Number(row.leads), approx.distinctLeadAuthors.value, approx.distinctLeadAuthors.tolerance);
    within(Number(row.leads) + Number(row.co), approx.peopleTakingPart.value, approx.peopleTakingPart.tolerance);
  });

  it("submissions per lead author: Thanh Hóa about 2, Hà Nội about 5 by the end", async () => {
    const ratio = async (code: string) =>
      num(`SELECT count(*)::float / count(DISTINCT lead_author_id)
      FROM initiative i JOIN unit t ON t.id = i.top_unit_id WHERE t.code = '${code}'`);
    within(
      await ratio("LDLD-38"),
      approx.thanhHoaSubmissionsPerLeadAuthor.value,
      approx.thanhHoaSubmissionsPerLeadAuthor.tolerance,
    );
    within(
      await ratio("LDLD-01"),
      approx.haNoiSubmissionsPerLeadAuthorEnd.value,
      approx.haNoiSubmissionsPerLeadAuthorEnd.tolerance,
    );
  });

  it("final ranking of provincial federations: Thanh Hóa 1st, Hà Nội 2nd (~200,000), Bắc Giang 5th (>114,000)", async () => {
    const ranking = await sql(`SELECT t.code, count(*)::int AS n FROM initiative i JOIN unit t ON t.id = i.top_unit_id
      WHERE t.kind = 'PROVINCIAL_FEDERATION' GROUP BY t.code ORDER BY n DESC, t.code`);
    for (const [rank, code] of Object.entries(approx.finalProvincialRanking)) {
      expect(ranking[Number(rank) - 1].code, `rank ${rank}`).toBe(code);
    }
    within(ranking[1].n, approx.haNoiFinal.value, approx.haNoiFinal.tolerance);
    expect(ranking[4].n).toBeGreaterThan(approx.bacGiangFinalMin);
  });

  it("enterprise share about 39% in the first four months of phase 2", async () => {
    const a = approx.enterpriseShareFirstFourMonthsOfPhase2;
    const share = await num(`SELECT avg((worker_category_id = 2)::int) FROM initiative
      WHERE submitted_at >= ${VN(a.from)} AND submitted_at < ${VN(a.before)}`);
    expect(Math.abs(share - a.value)).toBeLessThanOrEqual(a.tolerance);
  });

  it("CĐ Dầu khí: about 7,085 submissions worth over 9,000 billion", async () => {
    const d = approx.dauKhi;
    const row = await one(`SELECT count(*) FILTER (WHERE submitted_at < ${VN(d.before)}) AS n,
        sum(benefit_vnd) FILTER (WHERE status_id = 2) AS benefit
      FROM initiative i JOIN unit t ON t.id = i.top_unit_id WHERE t.code = '${d.unit}'`);
    within(Number(row.n), d.submissions, d.tolerance);
    expect(Number(row.benefit)).toBeGreaterThan(d.validBenefitVndMin);
  });

  it("the phase-1 target of 300,000 was crossed on 11/5/2022", async () => {
    const row = await one(`SELECT to_char(submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day
      FROM initiative ORDER BY submitted_at, id OFFSET ${exact.targets.national.phase1 - 1} LIMIT 1`);
    expect(row.day).toBe(approx.phase1TargetCrossedOn);
  });
});

describe("the published figures through GraphQL alone", () => {
  const values = (row: { values: Array<{ measure: string; value: number; share: number | null }> }) =>
    Object.fromEntries(row.values.map((v) => [v.measure, v]));

  it("as of 31/5/2022: 696,948 submissions, and the worker categories with their shares", async () => {
    const { data } = await api.graphql(`{
      analytics(query: { measures: [submissions], dimensions: [workerCategory], asOf: "2022-05-31", share: [submissions] }) {
        rows { dimensions { code } values { measure value share } } totals { measure value } source asOfDate } }`);
    const result = data.analytics;
    expect(result.totals[0].value).toBe(exact.phase1.submissions);
    expect(result.asOfDate).toBe("2022-05-31");
    const byCode = Object.fromEntries(result.rows.map((r: any) => [r.dimensions[0].code, values(r).submissions]));
    expect(byCode.PUBLIC_SERVICE.value).toBe(380_656);
    expect(byCode.ENTERPRISE.value).toBe(168_921);
    expect(byCode.UNION_CADRE.value).toBe(110_976);
    expect(byCode.PARTY_STATE.value).toBe(36_395);
    const percent = (code: string) => (byCode[code].share * 100).toFixed(1);
    expect(["PUBLIC_SERVICE", "ENTERPRISE", "UNION_CADRE", "PARTY_STATE"].map(percent)).toEqual([
      "54.6",
      "24.2",
      "15.9",
      "5.2",
    ]);
    expect(result.source).not.toBe("initiative");
  });

  it("Thanh Hóa: 600,175 submissions and 515,451 valid as of 31/8/2023", async () => {
    const { data } = await api.graphql(`{
      analytics(query: { measures: [submissions, valid], filters: [{ dimension: topUnit, operator: EQUALS, values: ["LDLD-38"] }],
                         asOf: "2023-08-31" }) { totals { measure value } } }`);
    expect(data.analytics.totals).toEqual([
      { measure: "submissions", value: exact.thanhHoa.final.submissions },
      { measure: "valid", value: exact.thanhHoa.final.validAtThatInstant },
    ]);
  });

  it("the 1,000,000 milestone at 15:34 on 3/10/2022, and the phase-1 target around 11/5/2022", async () => {
    const { data } = await api.graphql(`{ milestones { count kind reachedAtVietnam } }`);
    const million = data.milestones.find((m: any) => m.count === 1_000_000);
    expect(million).toMatchObject({ kind: "MILLION", reachedAtVietnam: "2022-10-03 15:34" });
    const phase1 = data.milestones.find((m: any) => m.kind === "PHASE1_TARGET");
    expect(phase1.count).toBe(300_000);
    expect(phase1.reachedAtVietnam.slice(0, 10)).toBe(approx.phase1TargetCrossedOn);
  });

  it("Hà Nội's distinct submitters before 4/8/2023, from authors' first days per top unit", async () => {
    const { data } = await api.graphql(`{
      analytics(query: { measures: [submissions, submitters], filters: [{ dimension: topUnit, values: ["LDLD-01"] }],
                         asOf: "2023-08-03" }) { totals { measure value } source } }`);
    expect(data.analytics.totals).toEqual([
      { measure: "submissions", value: exact.haNoi.august2023.submissions },
      { measure: "submitters", value: exact.haNoi.august2023.distinctSubmitters },
    ]);
    expect(data.analytics.source).toContain("rollup_submitters_top_unit");
  });
});
