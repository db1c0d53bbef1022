import { describe, expect, it } from "vitest";
import {
  activeFilters,
  analyticsInput,
  curlCommand,
  DEFAULT_QUERY,
  explorerOptions,
  formatFilters,
  parseExplorer,
  parseFilters,
} from "@/charts/explorer/explorer-query";
import { parseState } from "@/state/dashboard-state";

describe("the Explorer's question in the URL", () => {
  it("round-trips through the URL, filters included", () => {
    const query = {
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
    };
    const options = Object.fromEntries(
      Object.entries(explorerOptions(query)).filter(([, v]) => v !== undefined),
    ) as Record<string, string>;
    // Through the real URL parser: every separator the explorer uses must survive it.
    expect(parseExplorer(parseState(options).options)).toEqual(query);
  });

  it("tells no breakdown from the default breakdown", () => {
    const none = { ...DEFAULT_QUERY, dimensions: [] };
    expect(explorerOptions(none).d).toBe("-");
    expect(parseExplorer(parseState({ d: "-" }).options).dimensions).toEqual([]);
  });

  it("starts from a sensible default and ignores what it cannot read", () => {
    expect(parseExplorer({})).toEqual(DEFAULT_QUERY);
    expect(parseExplorer({ g: "HOURLY", lim: "99999", f: "field:LIKE:x" })).toEqual(DEFAULT_QUERY);
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
  });

  it("writes a curl command a shell runs as is, quotes included", () => {
    const command = curlCommand("http://localhost:4000", { query: "query { x }", variables: { name: "it's" } });
    expect(command).toBe(
      `curl -s 'http://localhost:4000/graphql' -H 'content-type: application/json' --data-binary '{"query":"query { x }","variables":{"name":"it'\\''s"}}'`,
    );
  });
});
