import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { CODE_VERSION } from "../../../server/src/code-version";
import { rebuildRollups, rollupsMatchRegistry } from "../../../server/src/db/aggregates/rollup-builder";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let api: TestServer;

beforeAll(async () => {
  db = await createTestDatabase("analytics_api");
  await seedDemoData(db.url, 5, 0.01, new Progress(process.stderr, true));
  api = await startTestServer(db.dataSource);
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const analytics = async (query: string) => {
  const result = await api.graphql(`{ analytics(query: ${query}) {
    rows { time dimensions { dimension code label } values { measure value share } }
    totals { measure value } source columns { name kind label unit format } explain { source rejected { rollup reason } sql parameters } } }`);
  return { ...result, result: result.data?.analytics };
};
const value = (row: any, measure: string) => row.values.find((v: any) => v.measure === measure).value;
const total = (result: any, measure: string) => result.totals.find((v: any) => v.measure === measure).value;

describe("bad input gets a clear error with its code, before any SQL runs", () => {
  it.each([
    ["{ measures: [nope] }", "BAD_USER_INPUT", /Unknown measure "nope"\. Valid measures: submissions, valid/],
    [
      "{ measures: [submissions], dimensions: [nowhere] }",
      "BAD_USER_INPUT",
      /Unknown dimension "nowhere"\. Valid dimensions: phase/,
    ],
    ['{ measures: [submissions], asOf: "2022-02-30" }', "BAD_USER_INPUT", /asOf: 2022-02-30 does not exist/],
    ['{ measures: [submissions], asOf: "yesterday" }', "BAD_USER_INPUT", /asOf: "yesterday" is not a date/],
    ["{ measures: [submissions], limit: 10001 }", "BAD_USER_INPUT", /limit: a whole number from 1 to 10000/],
    [
      "{ measures: [submissions], dimensions: [phase, workerCategory, field, solutionType, province, region] }",
      "QUERY_TOO_COMPLEX",
      /at most 5 dimensions/,
    ],
    [
      '{ measures: [submissions], filters: [{ dimension: province, values: ["99"] }] }',
      "BAD_USER_INPUT",
      /"99" is not a province\. Valid values: 01, 02/,
    ],
    [
      "{ measures: [members], dimensions: [workerCategory] }",
      "BAD_USER_INPUT",
      /members cannot be broken down or filtered by workerCategory/,
    ],
    // Members are the same in every phase: a phase filter is fine, a phase breakdown once failed inside the SQL.
    [
      "{ measures: [participationRate], dimensions: [phase] }",
      "BAD_USER_INPUT",
      /members is the same in every phase: filter by phase or ask without it/,
    ],
    ["{ measures: [validRate], share: [validRate] }", "BAD_USER_INPUT", /validRate is a ratio/],
    [
      '{ measures: [submissions], order: [{ by: "valid" }] }',
      "BAD_USER_INPUT",
      /order\[0\]\.by: "valid" is not in this query/,
    ],
  ])("%s → %s", async (query, code, message) => {
    const { errors } = await analytics(query);
    expect(errors?.[0]?.extensions.code).toBe(code);
    expect(errors?.[0]?.message).toMatch(message);
    expect(errors?.[0]?.extensions.requestId).toMatch(/[0-9a-f-]{36}/);
  });
});

describe("numbers add up", () => {
  it("parts sum to the whole for every dimension a rollup or the base table serves", async () => {
    for (const dimension of [
      "topUnit",
      "province",
      "province2025",
      "region",
      "workerCategory",
      "field",
      "status",
      "topUnitKind",
      "emulationCluster",
    ]) {
      const { result } = await analytics(
        `{ measures: [submissions, valid, benefitVnd], dimensions: [${dimension}], asOf: "2023-03-31" }`,
      );
      for (const m of ["submissions", "valid", "benefitVnd"]) {
        expect(
          result.rows.reduce((s: number, r: any) => s + value(r, m), 0),
          `${dimension} ${m}`,
        ).toBe(total(result, m));
      }
    }
  });

  it("members per province (from the small members table) and per child unit (from the tree) agree", async () => {
    const byProvince = await analytics(`{ measures: [members], dimensions: [province] }`);
    const byChild = await analytics(`{ measures: [members], dimensions: [unit], parentUnit: "TLĐ" }`);
    const [{ sum }] = await db.dataSource.query(`SELECT sum(members)::float AS sum FROM unit WHERE tier = 3`);
    expect(total(byProvince.result, "members")).toBe(sum);
    expect(total(byChild.result, "members")).toBe(sum);
    const hanoi = await analytics(`{ measures: [members], filters: [{ dimension: unit, values: ["LDLD-01"] }] }`);
    const hanoiByTop = await analytics(
      `{ measures: [members], filters: [{ dimension: topUnit, values: ["LDLD-01"] }] }`,
    );
    expect(total(hanoi.result, "members")).toBe(total(hanoiByTop.result, "members"));
  });

  it("a unit's children add up to the unit, at every depth", async () => {
    const top = await analytics(`{ measures: [submissions], dimensions: [unit], parentUnit: "TLĐ" }`);
    const thanhHoa = top.result.rows.find((r: any) => r.dimensions[0].code === "LDLD-38");
    const children = await analytics(`{ measures: [submissions, members], dimensions: [unit], parentUnit: "LDLD-38" }`);
    expect(total(children.result, "submissions")).toBe(value(thanhHoa, "submissions"));
    const district = children.result.rows.find((r: any) => value(r, "submissions") > 0).dimensions[0].code;
    const grandchildren = await analytics(`{ measures: [submissions], dimensions: [unit], parentUnit: "${district}" }`);
    const districtRow = children.result.rows.find((r: any) => r.dimensions[0].code === district);
    expect(total(grandchildren.result, "submissions")).toBe(value(districtRow, "submissions"));
    expect(grandchildren.result.source).toBe("initiative");
  });

  it("shares sum to one and a cumulative series ends at the as-of total", async () => {
    const shares = await analytics(`{ measures: [submissions], dimensions: [field], share: [submissions] }`);
    expect(shares.result.rows.reduce((s: number, r: any) => s + r.values[0].share, 0)).toBeCloseTo(1, 12);
    const series = await analytics(
      `{ measures: [submissions, valid], timeDimension: { granularity: MONTH, cumulative: true }, asOf: "2022-12-31" }`,
    );
    const counts = series.result.rows.map((r: any) => value(r, "submissions"));
    expect(counts).toEqual([...counts].sort((a: number, b: number) => a - b));
    expect(series.result.rows.at(-1).time).toBe("2022-12-01");
    const point = await analytics(`{ measures: [submissions, valid], asOf: "2022-12-31" }`);
    expect(counts.at(-1)).toBe(total(point.result, "submissions"));
    expect(value(series.result.rows.at(-1), "valid")).toBe(total(point.result, "valid"));
  });

  it("distinct submitters per group, per bucket and overall match hand-written SQL", async () => {
    const { result } =
      await analytics(`{ measures: [submitters, submissions], dimensions: [field], timeDimension: { granularity: QUARTER },
      dateRange: { from: "2022-01-01", to: "2022-12-31" }, asOf: "2023-06-30", share: [submitters] }`);
    // Submissions from a rollup; submitters from the base table, counted per share of lead authors, side by side, then summed.
    expect(result.explain.sql[0]).toMatch(/FROM rollup_field_monthly/);
    expect(result.explain.sql[1]).toMatch(
      /count\(DISTINCT e\.lead_author_id\)[\s\S]*lead_author_id % \$\d+::int = \$\d+::int[\s\S]*UNION ALL/,
    );
    const expected = await db.dataSource.query(`
      SELECT f.code, to_char(date_trunc('quarter', i.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh'), 'YYYY-MM-DD') AS q,
             count(DISTINCT i.lead_author_id)::int AS n, count(*)::int AS submissions
        FROM initiative i JOIN initiative_field f ON f.id = i.field_id
       WHERE i.submitted_at >= '2022-01-01 00:00+07' AND i.submitted_at < '2023-01-01 00:00+07' GROUP BY GROUPING SETS ((1, 2), (2))`);
    const byKey = new Map<string, any>(expected.map((r: any) => [`${r.code}|${r.q}`, r]));
    for (const row of result.rows) {
      const want = byKey.get(`${row.dimensions[0].code}|${row.time}`);
      expect(value(row, "submitters")).toBe(want?.n ?? 0);
      expect(value(row, "submissions")).toBe(want?.submissions ?? 0);
      // The share's denominator is the quarter's own distinct count, not a sum over fields.
      const perQuarter = byKey.get(`null|${row.time}`).n;
      expect(row.values.find((v: any) => v.measure === "submitters").share).toBeCloseTo(
        (want?.n ?? 0) / perQuarter,
        12,
      );
    }
    const [{ n }] = await db.dataSource.query(`SELECT count(DISTINCT lead_author_id)::int AS n FROM initiative
      WHERE submitted_at >= '2022-01-01 00:00+07' AND submitted_at < '2023-01-01 00:00+07'`);
    expect(total(result, "submitters")).toBe(n);
  });

  it("cumulative distinct submitters end at the distinct count of the whole period", async () => {
    const series = await analytics(
      `{ measures: [submitters], dimensions: [phase], timeDimension: { granularity: QUARTER, cumulative: true } }`,
    );
    const point = await analytics(`{ measures: [submitters], dimensions: [phase] }`);
    for (const row of point.result.rows) {
      const last = series.result.rows.filter((r: any) => r.dimensions[0].code === row.dimensions[0].code).at(-1);
      expect(value(last, "submitters")).toBe(value(row, "submitters"));
    }
    expect(total(series.result, "submitters")).toBe(total(point.result, "submitters"));
  });
});

describe("explain and metadata", () => {
  it("says which rollup answered, why the others were rejected, and shows parameterised SQL", async () => {
    const { result } = await analytics(
      `{ measures: [submissions], dimensions: [province], filters: [{ dimension: province, values: ["38"] }], asOf: "2022-05-31" }`,
    );
    // 24h on 31/5/2022 is the start of June: the smallest monthly rollup with provinces answers alone.
    expect(result.source).toBe("rollup_province_monthly");
    expect(result.explain.source).toBe(result.source);
    expect(result.explain.rejected.length).toBeGreaterThan(0);
    expect(result.explain.rejected[0].reason).toMatch(/the rollup has no province_code for province/);
    expect(result.explain.sql.join(" ")).not.toMatch(/'38'/);
    expect(result.explain.parameters.join(" ")).toMatch(/"38"/);
    expect(result.columns.map((c: any) => [c.name, c.kind])).toEqual([
      ["province", "dimension"],
      ["submissions", "measure"],
    ]);
  });

  it("meta lists measures and dimensions with labels in both languages and their members", async () => {
    const { data } = await api.graphql(
      `{ meta { measures { name labelVi labelEn unit } dimensions { name labelVi members { code labelVi labelEn } } dataVersion synthetic } }`,
    );
    expect(data.meta.measures.find((m: any) => m.name === "submissions")).toMatchObject({
      labelVi: "Lượt nộp",
      labelEn: "Submissions",
      unit: "count",
    });
    expect(data.meta.dimensions.find((d: any) => d.name === "province").members).toHaveLength(63);
    expect(data.meta.synthetic).toBe(true);
  });
});

describe("faults", () => {
  it("a runaway query becomes QUERY_TIMEOUT and the server keeps serving", async () => {
    const slow = await startTestServer(db.dataSource, 1);
    try {
      const { errors } = await slow.graphql(
        `{ analytics(query: { measures: [submitters], dimensions: [field, province], useRollups: false }) { source } }`,
      );
      expect(errors?.[0]?.extensions.code).toBe("QUERY_TIMEOUT");
    } finally {
      await slow.close();
    }
    expect((await analytics(`{ measures: [submissions] }`)).errors).toBeUndefined();
  });

  it("an internal error reaches the client as a code and a request id, without SQL or a stack", async () => {
    await db.dataSource.query("DROP TABLE rollup_category_daily");
    try {
      // A question not asked before, so no cached answer hides the fault.
      const { errors } = await analytics(`{ measures: [submissions], asOf: "2022-07-07" }`);
      expect(errors?.[0]?.extensions.code).toBe("INTERNAL_SERVER_ERROR");
      expect(errors?.[0]?.message).toMatch(/Internal error\. Quote request id [0-9a-f-]{36}/);
      expect(JSON.stringify(errors)).not.toMatch(/rollup_category_daily|stack|SELECT/);
    } finally {
      expect(await rollupsMatchRegistry(db.dataSource)).toBe(false);
      await db.dataSource.transaction((manager) => rebuildRollups(manager));
      expect(await rollupsMatchRegistry(db.dataSource)).toBe(true);
    }
  });

  it("a rollup built by other code (same columns, another stamp) counts as not matching, so start-up rebuilds it", async () => {
    // What an upgrade that changes how a rollup counts, not its columns, leaves in the database.
    const [{ stamp }] = await db.dataSource.query(
      `SELECT obj_description('rollup_category_daily'::regclass, 'pg_class') AS stamp`,
    );
    expect(stamp).toMatch(/^sang-kien rollup build [0-9a-f]{16}$/);
    await db.dataSource.query(`COMMENT ON TABLE rollup_category_daily IS 'sang-kien rollup build 0000000000000000'`);
    try {
      expect(await rollupsMatchRegistry(db.dataSource)).toBe(false);
    } finally {
      await db.dataSource.query(`COMMENT ON TABLE rollup_category_daily IS '${stamp}'`);
    }
    expect(await rollupsMatchRegistry(db.dataSource)).toBe(true);
  });
});

describe("GET reads for a CDN", () => {
  it("carry an ETag and Cache-Control from the data version, answer 304 to a match, and change after a load", async () => {
    const url = `${api.base}/graphql?query=${encodeURIComponent("{ analytics(query: { measures: [submissions] }) { totals { value } } }")}`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    // The code version too: after an upgrade, a browser's or a CDN's copy is not revalidated as current.
    expect(etag).toMatch(new RegExp(`^W/"v\\d+-${CODE_VERSION}-[A-Za-z0-9_-]{22}"$`));
    expect(first.headers.get("cache-control")).toMatch(/public, max-age=\d+/);
    expect((await fetch(url, { headers: { "if-none-match": etag } })).status).toBe(304);
    await seedDemoData(db.url, 5, 0.01, new Progress(process.stderr, true));
    const after = await fetch(url);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect(((await after.json()) as any).data.analytics.totals[0].value).toBe(
      ((await first.json()) as any).data.analytics.totals[0].value,
    );
  });
});

describe("dashboard conveniences use the same engine", () => {
  it("overview KPIs equal the analytics totals, with their change over 7 days", async () => {
    const { data } = await api.graphql(`{ overview(asOf: "2022-05-31") { asOfDate kpis { measure value previous change }
      programmeTarget phases { phase submissions target progress } } }`);
    const now = await analytics(`{ measures: [submissions, valid, benefitVnd, submitters], asOf: "2022-05-31" }`);
    const before = await analytics(`{ measures: [submissions], asOf: "2022-05-24" }`);
    const kpi = (m: string) => data.overview.kpis.find((k: any) => k.measure === m);
    for (const m of ["submissions", "valid", "benefitVnd", "submitters"])
      expect(kpi(m).value, m).toBe(total(now.result, m));
    expect(kpi("submissions").previous).toBe(total(before.result, "submissions"));
    expect(kpi("submissions").change).toBe(kpi("submissions").value - kpi("submissions").previous);
    expect(data.overview.phases[0]).toMatchObject({ phase: 1, submissions: kpi("submissions").value });
    expect(data.overview.phases[0].progress).toBeCloseTo(
      (kpi("submissions").value * 100) / data.overview.phases[0].target,
      10,
    );
  });

  it("ranks with shared ranks for ties and lists every unit for 'show all'", async () => {
    const { data } = await api.graphql(
      `{ ranking(measure: submissions, by: topUnit, limit: 83) { count rows { rank code value } } }`,
    );
    expect(data.ranking.count).toBe(83);
    const rows = data.ranking.rows;
    expect(rows[0]).toMatchObject({ rank: 1, code: "LDLD-38" });
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i].value).toBeLessThanOrEqual(rows[i - 1].value);
      expect(rows[i].rank).toBe(rows[i].value === rows[i - 1].value ? rows[i - 1].rank : i + 1);
      if (rows[i].value === rows[i - 1].value) expect(rows[i].code > rows[i - 1].code).toBe(true);
    }
  });

  it("drills down from any unit: ancestors up to the confederation, children that add up to the unit", async () => {
    const { data } = await api.graphql(`{ unitDrilldown(unit: "LDLD-01") { unit { code tier } ancestors { code }
      children { totals { measure value } rows { dimensions { code } values { measure value } } } } }`);
    const d = data.unitDrilldown;
    expect(d.ancestors.map((a: any) => a.code)).toEqual(["TLĐ"]);
    const sum = d.children.rows.reduce((s: number, r: any) => s + value(r, "submissions"), 0);
    expect(sum).toBe(total(d.children, "submissions"));
    const leaf = await api.graphql(
      `{ unitDrilldown(unit: "${d.children.rows[0].dimensions[0].code}") { ancestors { code } } }`,
    );
    expect(leaf.data.unitDrilldown.ancestors.map((a: any) => a.code)).toEqual(["TLĐ", "LDLD-01"]);
  });

  it("target attainment: the 83 units in both phases, valid / target", async () => {
    const { data } = await api.graphql(`{ targetAttainment { code phase target valid attainment kind } }`);
    expect(data.targetAttainment).toHaveLength(166);
    for (const row of data.targetAttainment)
      if (row.target) expect(row.attainment).toBeCloseTo((row.valid * 100) / row.target, 10);
  });
});

describe("the query cost limit", () => {
  it("refuses many aliased engine queries before running any, with its own code", async () => {
    const aliases = Array.from(
      { length: 25 },
      (_, i) => `a${i}: analytics(query: { measures: [submissions] }) { source }`,
    ).join(" ");
    const { errors, data } = await api.graphql(`{ ${aliases} }`);
    expect(errors?.[0]?.extensions.code).toBe("QUERY_TOO_COMPLEX");
    expect(errors?.[0]?.message).toMatch(/costs more than 1000 \(counted up to \d+\)/);
    expect(data).toBeUndefined();
  });

  it("counts fragments and big limits too, and lets a normal dashboard request through", async () => {
    const big =
      await api.graphql(`query { analytics(query: { measures: [submissions], limit: 10000 }) { ...R } b: analytics(query: { measures: [valid], limit: 10000 }) { ...R } }
      fragment R on AnalyticsResult { source }`);
    expect(big.errors).toBeUndefined();
    const many = Array.from(
      { length: 9 },
      (_, i) => `a${i}: analytics(query: { measures: [submissions], limit: 10000 }) { ...R }`,
    ).join(" ");
    const tooBig = await api.graphql(`query { ${many} } fragment R on AnalyticsResult { source }`);
    expect(tooBig.errors?.[0]?.extensions.code).toBe("QUERY_TOO_COMPLEX");
  });
});
