import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { CALIBRATION, exactAnchors } from "../../../../server/src/db/seed/calibration";
import { Progress } from "../../../../server/src/db/seed/progress";
import { publishedInstants } from "../../../../server/src/db/seed/redecision.assigner";
import { seedDemoData } from "../../../../server/src/db/seed/seed.service";
import { createTestDatabase } from "../../../setup/test-database";

/** At 5% scale the anchors are the published figures scaled, and the programme keeps its shape. */
const SCALE = 0.05;
const anchors = exactAnchors(SCALE);
const VN = (date: string) => `'${date} 00:00:00+07'::timestamptz`;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let sql: DataSource["query"];
const num = async (query: string): Promise<number> => Number(Object.values((await sql(query))[0])[0]);
/** Mean submissions per day over [from, before), Vietnam days. */
const dailyMean = async (from: string, before: string, extra = "true") =>
  num(`
  SELECT avg(coalesce(n, 0)) FROM generate_series(${VN(from)}, ${VN(before)} - interval '1 day', interval '1 day') AS d(day)
  LEFT JOIN (SELECT date_trunc('day', submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh') AS day, count(*) AS n
             FROM initiative GROUP BY 1) c ON c.day = d.day AT TIME ZONE 'Asia/Ho_Chi_Minh'
  WHERE ${extra}`);

beforeAll(async () => {
  db = await createTestDatabase("shape");
  sql = db.dataSource.query.bind(db.dataSource);
  await seedDemoData(db.url, CALIBRATION.defaultSeed, SCALE, new Progress(process.stderr, true));
});

afterAll(async () => db?.drop());

describe(`exact figures scaled to ${SCALE}`, () => {
  it("phase 1 total and its split by worker category", async () => {
    expect(await num(`SELECT count(*) FROM initiative WHERE submitted_at < ${VN("2022-06-01")}`)).toBe(anchors.phase1);
    for (const [code, n] of Object.entries(anchors.phase1ByCategory)) {
      expect(
        await num(`SELECT count(*) FROM initiative i JOIN worker_category c ON c.id = i.worker_category_id
        WHERE c.code = '${code}' AND i.submitted_at < ${VN("2022-06-01")}`),
        code,
      ).toBe(n);
    }
  });

  it("Thanh Hóa and Hà Nội anchors, and the millionth-equivalent submission's minute", async () => {
    const th = anchors.thanhHoa;
    expect(
      await num(`SELECT count(*) FROM initiative i JOIN unit t ON t.id = i.top_unit_id
      WHERE t.code = '${th.unit}' AND i.submitted_at < ${VN(th.finalBefore)}`),
    ).toBe(th.final);
    expect(
      await num(`SELECT count(DISTINCT i.lead_author_id) FROM initiative i JOIN unit t ON t.id = i.top_unit_id
      WHERE t.code = '${anchors.haNoi.unit}' AND i.submitted_at < ${VN(anchors.haNoi.augustBefore)}`),
    ).toBe(anchors.haNoi.augustSubmitters);
    const minute = (
      await sql(`SELECT to_char(submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI') AS m
      FROM initiative ORDER BY submitted_at, id OFFSET ${anchors.millionth.ordinal - 1} LIMIT 1`)
    )[0].m;
    expect(minute).toBe(anchors.millionth.minute);
  });
});

describe("shape of the programme", () => {
  it("dips over Tết: early February 2022 and late January 2023", async () => {
    expect(await dailyMean("2022-01-29", "2022-02-07")).toBeLessThan(
      0.5 * (await dailyMean("2022-02-14", "2022-02-28")),
    );
    expect(await dailyMean("2023-01-20", "2023-01-27")).toBeLessThan(
      0.5 * (await dailyMean("2023-01-06", "2023-01-20")),
    );
  });

  it("rushes before each phase deadline", async () => {
    // Published: 300,000 reached 20 days before the end of phase 1, 696,948 at the end.
    const last20 = await num(
      `SELECT count(*) FROM initiative WHERE submitted_at >= ${VN("2022-05-12")} AND submitted_at < ${VN("2022-06-01")}`,
    );
    expect(last20 / anchors.phase1).toBeGreaterThan(0.5);
    expect(await dailyMean("2023-08-04", "2023-09-01")).toBeGreaterThan(
      2 * (await dailyMean("2023-07-01", "2023-08-01")),
    );
  });

  it("has a weekday/weekend rhythm", async () => {
    const dow = "extract(isodow FROM d.day AT TIME ZONE 'Asia/Ho_Chi_Minh')";
    const weekday = `${dow} BETWEEN 1 AND 5`;
    const sunday = `${dow} = 7`;
    expect(await dailyMean("2022-10-10", "2023-01-10", weekday)).toBeGreaterThan(
      2 * (await dailyMean("2022-10-10", "2023-01-10", sunday)),
    );
  });

  it("has a heavy-tailed benefit: most initiatives small or unpriced", async () => {
    const row = (
      await sql(`SELECT avg((benefit_vnd IS NULL)::int) AS unpriced,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY benefit_vnd) AS median, avg(benefit_vnd) AS mean,
        max(benefit_vnd) AS max FROM initiative`)
    )[0];
    expect(Number(row.unpriced)).toBeGreaterThan(0.4);
    expect(Number(row.mean)).toBeGreaterThan(3 * Number(row.median));
    expect(Number(row.max)).toBeGreaterThan(1000 * Number(row.median));
  });

  it("reviews take days to weeks", async () => {
    const row = (
      await sql(`SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - submitted_at)) / 86400 AS median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - submitted_at)) / 86400 AS p90
      FROM initiative WHERE decided_at IS NOT NULL`)
    )[0];
    expect(Number(row.median)).toBeGreaterThan(2);
    expect(Number(row.median)).toBeLessThan(21);
    expect(Number(row.p90)).toBeLessThan(60);
  });

  it("unit sizes are skewed: Thanh Hóa alone a quarter or more, the top five over half", async () => {
    const shares = (
      await sql(`SELECT count(*)::float / sum(count(*)) OVER () AS share FROM initiative
      GROUP BY top_unit_id ORDER BY 1 DESC`)
    ).map((r: { share: number }) => Number(r.share));
    expect(shares[0]).toBeGreaterThan(0.25);
    expect(shares[0]).toBeLessThan(0.3);
    expect(shares.slice(0, 5).reduce((a: number, b: number) => a + b, 0)).toBeGreaterThan(0.5);
    expect(shares.at(-1)).toBeLessThan(0.002);
  });

  it("about 130,000 grassroots unions with about 11 million members at full scale", async () => {
    const row = (await sql(`SELECT count(*) AS unions, sum(members) AS members FROM unit WHERE tier = 3`))[0];
    expect(Number(row.unions) / SCALE).toBeGreaterThan(115_000);
    expect(Number(row.unions) / SCALE).toBeLessThan(145_000);
    expect(Number(row.members) / SCALE).toBeGreaterThan(10_500_000);
    expect(Number(row.members) / SCALE).toBeLessThan(12_500_000);
  });
});

describe("consistency of the rows", () => {
  it("each initiative's top unit and province are those of its grassroots union", async () => {
    expect(
      await num(`SELECT count(*) FROM initiative i JOIN unit g ON g.id = i.grassroots_unit_id
      WHERE g.tier <> 3 OR g.top_unit_id <> i.top_unit_id OR g.province_code <> i.province_code`),
    ).toBe(0);
  });

  it("the materialised path answers 'everything under a unit' like the parent links do", async () => {
    const broken = await num(`SELECT count(*) FROM unit c JOIN unit p ON p.id = c.parent_id
      WHERE c.path <> p.path || c.id || '/' OR c.depth <> p.depth + 1`);
    expect(broken).toBe(0);
    const byPath = await num(`SELECT count(*) FROM initiative i JOIN unit g ON g.id = i.grassroots_unit_id
      WHERE g.path LIKE (SELECT path FROM unit WHERE code = 'LDLD-01') || '%'`);
    const byTop = await num(
      `SELECT count(*) FROM initiative i JOIN unit t ON t.id = i.top_unit_id WHERE t.code = 'LDLD-01'`,
    );
    expect(byPath).toBe(byTop);
  });

  it("every initiative's status history starts pending at submission and ends in its current status", async () => {
    expect(
      await num(`SELECT count(*) FROM initiative i WHERE NOT EXISTS (
      SELECT 1 FROM initiative_status_change s WHERE s.initiative_id = i.id AND s.status_id = 1 AND s.changed_at = i.submitted_at)`),
    ).toBe(0);
    expect(
      await num(`SELECT count(*) FROM initiative i WHERE i.status_id <> (
      SELECT s.status_id FROM initiative_status_change s WHERE s.initiative_id = i.id ORDER BY s.changed_at DESC, s.status_id DESC LIMIT 1)`),
    ).toBe(0);
  });

  it("phase follows the submission instant in Vietnam time", async () => {
    expect(
      await num(
        `SELECT count(*) FROM initiative WHERE phase_id <> CASE WHEN submitted_at < ${VN("2022-06-01")} THEN 1 ELSE 2 END`,
      ),
    ).toBe(0);
    expect(await num(`SELECT count(*) FROM initiative WHERE phase_id = 1`)).toBe(anchors.phase1);
  });

  it("records the dataset as synthetic demo data with its seed, scale and a data version", async () => {
    const row = (
      await sql(`SELECT kind, seed, scale, initiative_count, data_version FROM dataset WHERE is_current`)
    )[0];
    expect(row.kind).toBe("demo");
    expect(Number(row.seed)).toBe(CALIBRATION.defaultSeed);
    expect(Number(row.scale)).toBe(SCALE);
    expect(Number(row.initiative_count)).toBe(await num(`SELECT count(*) FROM initiative`));
  });
});

/** Re-decided initiatives: more than their submission and one decision in their history. */
const REDECIDED = `(SELECT initiative_id FROM initiative_status_change GROUP BY 1 HAVING count(*) > 2)`;
/** Each initiative's status as of `before` by its history: the latest change before it. */
const statusAsOf = (before: string) => `(SELECT h.status_id FROM initiative_status_change h
  WHERE h.initiative_id = i.id AND h.changed_at < ${before} ORDER BY h.changed_at DESC, h.status_id DESC LIMIT 1)`;

describe("re-decisions (README, Where the data comes from)", () => {
  it("about 0.5 % of decided initiatives are re-decided: mostly valid → invalid on review, some invalid → valid on appeal, a few twice", async () => {
    const decided = await num(`SELECT count(*) FROM initiative WHERE status_id <> 1`);
    const redecided = await num(`SELECT count(*) FROM ${REDECIDED} r`);
    expect(redecided / decided).toBeGreaterThan(0.004);
    expect(redecided / decided).toBeLessThan(0.007);
    const kinds = await sql(`
      SELECT string_agg(h.status_id::text, '' ORDER BY h.changed_at, h.status_id) AS path
        FROM initiative_status_change h WHERE h.initiative_id IN ${REDECIDED} GROUP BY h.initiative_id`);
    const count = (path: string) => kinds.filter((k: { path: string }) => k.path === path).length;
    expect(count("123") + count("132") + count("1232")).toBe(redecided);
    expect(count("123")).toBeGreaterThan(count("132"));
    expect(count("132")).toBeGreaterThan(count("1232"));
    expect(count("1232")).toBeGreaterThan(0);
    // The corrections the engine adds to the rows' events cover exactly these initiatives.
    expect(await num(`SELECT count(DISTINCT id) FROM status_correction`)).toBe(redecided);
  });

  it("every change comes after the one before it, and the row keeps the last decision", async () => {
    expect(
      await num(`SELECT count(*) FROM (SELECT changed_at, lag(changed_at) OVER w AS before, status_id, lag(status_id) OVER w AS was
        FROM initiative_status_change WINDOW w AS (PARTITION BY initiative_id ORDER BY changed_at, status_id)) c
        WHERE c.changed_at <= c.before OR c.status_id = c.was`),
    ).toBe(0);
    expect(
      await num(`SELECT count(*) FROM initiative i WHERE i.id IN ${REDECIDED} AND i.decided_at <> (
        SELECT max(changed_at) FROM initiative_status_change h WHERE h.initiative_id = i.id)`),
    ).toBe(0);
  });

  it("no re-decision spans an instant a figure is published for: Thanh Hóa's valid count at 1/9/2023 holds by the history", async () => {
    for (const instant of new Set(publishedInstants())) {
      const at = `'${new Date(instant).toISOString()}'::timestamptz`;
      expect(
        await num(`SELECT count(*) FROM initiative i WHERE i.id IN ${REDECIDED} AND i.decided_at >= ${at}
          AND (SELECT min(changed_at) FROM initiative_status_change h WHERE h.initiative_id = i.id AND h.status_id <> 1) < ${at}`),
        new Date(instant).toISOString(),
      ).toBe(0);
    }
    const th = anchors.thanhHoa;
    expect(
      await num(`SELECT count(*) FROM initiative i JOIN unit t ON t.id = i.top_unit_id
        WHERE t.code = '${th.unit}' AND i.submitted_at < ${VN(th.finalBefore)} AND ${statusAsOf(VN(th.finalBefore))} = 2`),
    ).toBe(th.validAtFinal);
    // Some Thanh Hóa initiatives were re-decided before that instant: the history rule, not "ever valid", is what holds.
    expect(
      await num(`SELECT count(*) FROM initiative i JOIN unit t ON t.id = i.top_unit_id
        WHERE t.code = '${th.unit}' AND i.id IN ${REDECIDED} AND i.decided_at < ${VN(th.finalBefore)}`),
    ).toBeGreaterThan(0);
  });
});
