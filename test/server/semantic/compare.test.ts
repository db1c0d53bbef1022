import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";

/** `compare` and `derived` through the real API: each compared figure is what asking at that point answers. */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let api: TestServer;

beforeAll(async () => {
  db = await createTestDatabase("compare");
  await seedDemoData(db.url, 7, 0.01, new Progress(process.stderr, true));
  api = await startTestServer(db.dataSource, 30_000);
}, 300_000);

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const SELECTION = `rows { time dimensions { code } values { measure value compared difference percentChange } }
  totals { measure value compared difference percentChange } compared { asOf asOfDate dateRange { from to } }
  columns { name label unit format } source`;
const ask = async (q: Record<string, unknown>) => {
  const r = await api.graphql(`query($q: AnalyticsQueryInput!) { analytics(query: $q) { ${SELECTION} } }`, { q });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.analytics;
};
const failure = async (q: Record<string, unknown>) => {
  const r = await api.graphql(`query($q: AnalyticsQueryInput!) { analytics(query: $q) { source } }`, { q });
  return r.errors?.[0];
};
const totalOf = (answer: any, measure: string) => answer.totals.find((t: any) => t.measure === measure);
const rowKey = (row: any) => `${row.time ?? ""}|${row.dimensions.map((d: any) => d.code).join("|")}`;

describe("compare", () => {
  it("PREVIOUS_PERIOD of an as-of alone is the same question 7 days (or `days`) earlier, totals and rows", async () => {
    const q = { measures: ["submissions", "valid", "validRate"], dimensions: ["workerCategory"], asOf: "2022-05-31" };
    const answer = await ask({ ...q, compare: { to: "PREVIOUS_PERIOD" } });
    const weekAgo = await ask({ ...q, asOf: "2022-05-24" });
    expect(answer.compared).toEqual({ asOf: "2022-05-24T17:00:00.000Z", asOfDate: "2022-05-24", dateRange: null });
    for (const m of q.measures) {
      const t = totalOf(answer, m);
      expect(t.compared).toBe(totalOf(weekAgo, m).value);
      expect(t.difference).toBe(t.value - t.compared);
      expect(t.percentChange).toBe((t.value - t.compared) / t.compared);
    }
    const before = new Map(weekAgo.rows.map((r: any) => [rowKey(r), r]));
    for (const row of answer.rows) {
      expect(row.values.map((v: any) => v.compared)).toEqual(
        (before.get(rowKey(row)) as any).values.map((v: any) => v.value),
      );
    }
    const month = await ask({ ...q, compare: { to: "PREVIOUS_PERIOD", days: 28 } });
    expect(month.compared.asOfDate).toBe("2022-05-03");
  });

  it("PREVIOUS_PERIOD of a date range moves the range and the as-of back by its length", async () => {
    const q = { measures: ["submissions", "benefitVnd"], dateRange: { from: "2022-05-01", to: "2022-05-31" } };
    const answer = await ask({ ...q, asOf: "2022-06-30", compare: { to: "PREVIOUS_PERIOD" } });
    expect(answer.compared.dateRange).toEqual({ from: "2022-03-31", to: "2022-04-30" });
    expect(answer.compared.asOfDate).toBe("2022-05-30");
    const before = await ask({ ...q, asOf: "2022-05-30", dateRange: { from: "2022-03-31", to: "2022-04-30" } });
    expect(totalOf(answer, "submissions").compared).toBe(totalOf(before, "submissions").value);
    expect(
      await failure({ ...q, dateRange: { from: "2022-05-01" }, compare: { to: "PREVIOUS_PERIOD" } }),
    ).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
  });

  it("a daily series pairs the n-th day of the range with the n-th day of the compared range", async () => {
    const q = {
      measures: ["submissions"],
      timeDimension: { granularity: "DAY" },
      dateRange: { from: "2022-05-25", to: "2022-05-31" },
    };
    const answer = await ask({ ...q, compare: { to: "PREVIOUS_PERIOD" } });
    const before = await ask({ ...q, asOf: "2023-10-01", dateRange: { from: "2022-05-18", to: "2022-05-24" } });
    expect(answer.rows.map((r: any) => r.time)).toHaveLength(7);
    expect(answer.rows.map((r: any) => r.values[0].compared)).toEqual(before.rows.map((r: any) => r.values[0].value));
  });

  it("PREVIOUS_PHASE_SAME_DAY: 144 days back (phase 2 opened 2022-06-01, phase 1 on 2022-01-08); none for phase 1", async () => {
    const answer = await ask({
      measures: ["submissions"],
      asOf: "2022-07-15",
      compare: { to: "PREVIOUS_PHASE_SAME_DAY" },
    });
    expect(answer.compared.asOfDate).toBe("2022-02-21");
    const late = await ask({ measures: ["submissions"], compare: { to: "PREVIOUS_PHASE_SAME_DAY" } });
    // Past phase 1's length: phase 1 as it closed.
    expect(late.compared.asOf).toBe("2022-05-31T17:00:00.000Z");
    const error = await failure({
      measures: ["submissions"],
      asOf: "2022-05-31",
      compare: { to: "PREVIOUS_PHASE_SAME_DAY" },
    });
    expect(error).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(error!.message).toMatch(/phase 1 has no previous phase/);
  });

  it("rows on one side only: 0 events on the other for counts, null for a ratio; paged after pairing", async () => {
    const q = {
      measures: ["submissions", "validRate"],
      dimensions: ["topUnit"],
      dateRange: { from: "2022-01-08", to: "2022-01-20" },
      compare: { to: "DATE_RANGE", dateRange: { from: "2021-12-01", to: "2021-12-31" } },
    };
    const answer = await ask(q);
    expect(answer.rows.length).toBeGreaterThan(0);
    for (const row of answer.rows) {
      expect(row.values[0]).toMatchObject({ compared: 0, difference: row.values[0].value, percentChange: null });
      expect(row.values[1].compared).toBeNull();
    }
    const paged = await ask({ ...q, limit: 2, offset: 1 });
    expect(paged.rows.map(rowKey)).toEqual(answer.rows.slice(1, 3).map(rowKey));
    const reversed = await ask({
      ...q,
      dateRange: q.compare.dateRange,
      compare: { to: "DATE_RANGE", dateRange: q.dateRange },
    });
    expect(reversed.rows.map((r: any) => r.values[0].value)).toEqual(answer.rows.map(() => 0));
  });

  it("AS_OF compares with an explicit instant; a missing point is a clear error", async () => {
    const answer = await ask({
      measures: ["valid"],
      asOf: "2022-05-31",
      compare: { to: "AS_OF", asOf: "2022-05-31T12:00:00+07:00" },
    });
    expect(answer.compared.asOf).toBe("2022-05-31T05:00:00.000Z");
    expect(await failure({ measures: ["valid"], compare: { to: "AS_OF" } })).toMatchObject({
      extensions: { code: "BAD_USER_INPUT", field: "compare.asOf" },
    });
  });
});

describe("derived measures", () => {
  const benefitPerValid = {
    name: "benefitPerValid",
    op: "RATIO",
    left: "benefitVnd",
    right: "valid",
    label: "Làm lợi mỗi sáng kiến hợp lệ",
    labelEn: "Benefit per valid initiative",
    unit: "vnd",
  };

  it("a ratio and a difference come back like measures, with their columns, and can order the rows", async () => {
    const answer = await ask({
      measures: ["submissions", "valid", "benefitVnd"],
      dimensions: ["workerCategory"],
      derived: [benefitPerValid, { name: "notValid", op: "DIFFERENCE", left: "submissions", right: "valid" }],
      order: [{ by: "benefitPerValid", direction: "DESC" }],
    });
    expect(answer.columns.slice(-2)).toEqual([
      { name: "benefitPerValid", label: "Làm lợi mỗi sáng kiến hợp lệ", unit: "vnd", format: "vnd" },
      { name: "notValid", label: "notValid", unit: "count", format: "integer" },
    ]);
    const v = (row: any, m: string) => row.values.find((x: any) => x.measure === m).value;
    for (const row of [...answer.rows, { values: answer.totals }]) {
      expect(v(row, "benefitPerValid")).toBe(v(row, "benefitVnd") / v(row, "valid"));
      expect(v(row, "notValid")).toBe(v(row, "submissions") - v(row, "valid"));
    }
    const ordered = answer.rows.map((r: any) => v(r, "benefitPerValid"));
    expect(ordered).toEqual([...ordered].sort((a, b) => b - a));
  });

  it("the registry's ratios are the same rule: validRate equals RATIO valid / submissions × 100", async () => {
    const answer = await ask({
      measures: ["validRate"],
      dimensions: ["region"],
      derived: [{ name: "myRate", op: "RATIO", left: "valid", right: "submissions", scale: 100 }],
    });
    for (const row of answer.rows) expect(row.values[1].value).toBe(row.values[0].value);
  });

  it("division by zero is null; a comparison compares derived measures too", async () => {
    const answer = await ask({
      measures: ["valid"],
      asOf: "2022-01-08",
      derived: [{ name: "perValid", op: "RATIO", left: "benefitVnd", right: "valid" }],
      compare: { to: "PREVIOUS_PERIOD" },
    });
    const t = totalOf(answer, "perValid");
    expect(t.compared).toBeNull();
    expect(t.percentChange).toBeNull();
  });

  it.each([
    [{ name: "validRate", op: "RATIO", left: "valid", right: "submissions" }, /already a measure/],
    [{ name: "Bad name", op: "RATIO", left: "valid", right: "submissions" }, /derived\[0\]\.name/],
    [{ name: "x", op: "DIFFERENCE", left: "valid", right: "submissions", scale: 100 }, /RATIO only/],
    [{ name: "x", op: "RATIO", left: "valid", right: "submissions", unit: "furlong" }, /count, vnd, percent, ratio/],
  ])("refuses %j", async (derived, message) => {
    const error = await failure({ measures: ["valid"], derived: [derived] });
    expect(error).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(error!.message).toMatch(message);
  });

  it("an unknown part is refused by the schema (derived measures combine registry measures)", async () => {
    const error = await failure({
      measures: ["valid"],
      derived: [{ name: "x", op: "RATIO", left: "x", right: "valid" }],
    });
    expect(error!.message).toMatch(/unknown measure "x"/i);
  });
});

describe("conveniences", () => {
  const KPI = `kpis { measure value previous change percentChange } compared { asOfDate }`;
  it("the overview's KPIs keep their change over 7 days by default, and compare with 28 days or the previous phase", async () => {
    const r = await api.graphql(`{ a: overview(asOf: "2022-07-15") { ${KPI} }
      b: overview(asOf: "2022-07-08") { kpis { measure value } }
      c: overview(asOf: "2022-07-15", compareDays: 28) { ${KPI} }
      d: overview(asOf: "2022-07-15", compare: PREVIOUS_PHASE_SAME_DAY) { ${KPI} } }`);
    expect(r.errors).toBeUndefined();
    const { a, b, c, d } = r.data;
    expect(a.compared.asOfDate).toBe("2022-07-08");
    expect(a.kpis.map((k: any) => k.previous)).toEqual(b.kpis.map((k: any) => k.value));
    expect(a.kpis[0].change).toBe(a.kpis[0].value - a.kpis[0].previous);
    expect(c.compared.asOfDate).toBe("2022-06-17");
    expect(d.compared.asOfDate).toBe("2022-02-21");
  });

  it("unitDrilldown compares the unit's own totals when asked (not its children), and nothing by default", async () => {
    const units = await db.dataSource.query(`SELECT code FROM unit WHERE depth = 1 ORDER BY id LIMIT 1`);
    const drill = (args: string) =>
      api.graphql(`{ unitDrilldown(unit: "${units[0].code}", asOf: "2022-05-31"${args}) { children {
        totals { measure value compared } rows { values { measure compared } } compared { asOfDate } } } }`);
    const plain = await drill("");
    expect(plain.data.unitDrilldown.children.compared).toBeNull();
    const compared = await drill(", compare: PREVIOUS_PERIOD, compareDays: 28");
    expect(compared.errors).toBeUndefined();
    const children = compared.data.unitDrilldown.children;
    expect(children.compared.asOfDate).toBe("2022-05-03");
    expect(children.totals[0].compared).toBeLessThan(children.totals[0].value);
    // The children are not compared: the cards show the unit's change, and each child's would cost a second scan.
    expect(children.rows.every((r: any) => r.values.every((v: any) => v.compared === null))).toBe(true);
    const bad = await drill(", compare: AS_OF");
    expect(bad.errors?.[0]?.extensions.code).toBe("BAD_USER_INPUT");
  });
});
