import { describe, expect, it } from "vitest";
import { analyticsInput, explorerFields, pivotAxes } from "@/charts/explorer/explorer-input";
import {
  activeFilters,
  curlCommand,
  DEFAULT_QUERY,
  explorerOptions,
  formatFilters,
  parseExplorer,
  parseFilters,
  type ExplorerQuery,
} from "@/charts/explorer/explorer-query";
import { parseState } from "@/state/dashboard-state";

/** Through the real URL parser: every separator the explorer uses must survive it. */
const roundTrip = (query: ExplorerQuery) => {
  const options = Object.fromEntries(
    Object.entries(explorerOptions(query)).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
  return parseExplorer(parseState(options).options);
};

describe("the Explorer's question in the URL", () => {
  it("round-trips through the URL, filters included", () => {
    const query: ExplorerQuery = {
      measures: ["submissions", "valid"],
      dimensions: ["field", "unit"],
      granularity: "MONTH",
      cumulative: true,
      filters: [
        { dimension: "workerCategory", operator: "IN" as const, values: ["ENTERPRISE", "PUBLIC_SERVICE"] },
        { dimension: "phase", operator: "NOT_IN" as const, values: ["1"] },
      ],
      parentUnit: "LDLD-38",
      limit: 500,
      share: [],
      derived: [],
    };
    expect(roundTrip(query)).toEqual(query);
  });

  it("round-trips sort, shares, date range, comparison, derived measures and the pivot", () => {
    const query: ExplorerQuery = {
      ...DEFAULT_QUERY,
      measures: ["submissions", "benefitVnd", "valid"],
      dimensions: ["region", "phase"],
      order: { by: "perValid", direction: "DESC" },
      share: ["submissions"],
      dateRange: { from: "2022-01-08", to: "2022-05-31" },
      compare: { to: "DATE_RANGE", from: "2021-09-01", until: "2022-01-07" },
      derived: [
        { name: "perValid", op: "RATIO", left: "benefitVnd", right: "valid", label: "Lợi ích / sáng kiến (đồng)" },
      ],
      pivot: { measure: "submissions", figure: "percentChange", sort: { column: "__total", descending: false } },
    };
    expect(roundTrip(query)).toEqual(query);
    for (const compare of [
      { to: "PREVIOUS_PERIOD" as const, days: 28 },
      { to: "PREVIOUS_PHASE_SAME_DAY" as const },
      { to: "AS_OF" as const, asOf: "2022-03-31" },
    ])
      expect(roundTrip({ ...DEFAULT_QUERY, compare }).compare).toEqual(compare);
  });

  it("tells no breakdown from the default breakdown", () => {
    const none = { ...DEFAULT_QUERY, dimensions: [] };
    expect(explorerOptions(none).d).toBe("-");
    expect(parseExplorer(parseState({ d: "-" }).options).dimensions).toEqual([]);
  });

  it("starts from a sensible default and ignores what it cannot read", () => {
    expect(parseExplorer({})).toEqual(DEFAULT_QUERY);
    expect(
      parseExplorer({
        g: "HOURLY",
        lim: "99999",
        f: "field:LIKE:x",
        c: "YESTERDAY",
        from: "1/3/2022",
        dv: "x:SQL:a:b",
      }),
    ).toEqual(DEFAULT_QUERY);
  });

  it("keeps a filter being set up in the URL, but does not send it", () => {
    const pending = parseFilters(formatFilters([{ dimension: "field", operator: "IN", values: [] }]));
    expect(pending).toEqual([{ dimension: "field", operator: "IN", values: [] }]);
    expect(activeFilters({ ...DEFAULT_QUERY, filters: pending })).toEqual([]);
  });

  it("asks analytics for exactly the question", () => {
    expect(analyticsInput({ ...DEFAULT_QUERY, granularity: "WEEK", cumulative: true })).toEqual({
      measures: ["submissions"],
      dimensions: ["workerCategory"],
      timeDimension: { granularity: "WEEK", cumulative: true },
      limit: 1000,
    });
    expect(
      analyticsInput({
        ...DEFAULT_QUERY,
        order: { by: "submissions", direction: "DESC" },
        share: ["submissions"],
        dateRange: { from: "2022-01-08" },
        compare: { to: "PREVIOUS_PERIOD", days: 28 },
      }),
    ).toEqual({
      measures: ["submissions"],
      dimensions: ["workerCategory"],
      dateRange: { from: "2022-01-08" },
      order: [{ by: "submissions", direction: "DESC" }],
      share: ["submissions"],
      compare: { to: "PREVIOUS_PERIOD", days: 28 },
      limit: 1000,
    });
  });

  it("drops a sort or a share whose measure or breakdown is no longer asked", () => {
    const input = analyticsInput({
      ...DEFAULT_QUERY,
      order: { by: "custom1", direction: "DESC" },
      share: ["valid"],
    });
    expect(input).not.toHaveProperty("order");
    expect(input).not.toHaveProperty("share");
    expect(analyticsInput({ ...DEFAULT_QUERY, order: { by: "workerCategory", direction: "ASC" } }).order).toEqual([
      { by: "workerCategory", direction: "ASC" },
    ]);
  });

  it("does not send a comparison still being set up", () => {
    expect(analyticsInput({ ...DEFAULT_QUERY, compare: { to: "AS_OF" } })).not.toHaveProperty("compare");
  });

  it("asks the pivot's margins from the API: the question by rows alone and by columns alone", () => {
    const query = {
      ...DEFAULT_QUERY,
      dimensions: ["region"],
      granularity: "MONTH",
      pivot: { figure: "value" as const },
    };
    expect(pivotAxes(query)).toEqual({ rows: "region", columns: "time" });
    expect(pivotAxes({ ...query, dimensions: ["region", "phase"] })).toBeNull();
    const state = parseState(explorerOptions(query) as Record<string, string>);
    const [main, rows, columns] = explorerFields({ state }).map(
      (f) => (f.args as { query: { dimensions?: string[]; timeDimension?: unknown } }).query,
    );
    expect(main).toMatchObject({ dimensions: ["region"], timeDimension: { granularity: "MONTH" } });
    expect(rows).toMatchObject({ dimensions: ["region"] });
    expect(rows!.timeDimension).toBeUndefined();
    expect(columns!.dimensions).toBeUndefined();
    expect(columns).toMatchObject({ timeDimension: { granularity: "MONTH" } });
  });

  it("writes a curl command a shell runs as is, quotes included", () => {
    const command = curlCommand("http://localhost:4000", { query: "query { x }", variables: { name: "it's" } });
    expect(command).toBe(
      `curl -s 'http://localhost:4000/graphql' -H 'content-type: application/json' --data-binary '{"query":"query { x }","variables":{"name":"it'\\''s"}}'`,
    );
  });
});
