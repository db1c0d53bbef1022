import { getOperationAST, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { fragmentFanOut } from "../../../scripts/abuse/hostile-requests";
import { mostFieldsUnderOneName } from "../../../server/src/http/repeated-fields";
import { costOf, ROOT_FIELD_COST } from "../../../server/src/http/request-cost";

const cost = (source: string, variables: Record<string, unknown> = {}, budget = 1e12) => {
  const document = parse(source);
  return costOf(document, getOperationAST(document)!, variables, budget);
};

describe("the cost of a request", () => {
  it("counts every field, root fields at their declared cost, and rows asked for", () => {
    expect(cost("{ dataset { kind } }").cost).toBe(1 + ROOT_FIELD_COST.dataset! + 1);
    // analytics without a limit asks for 1,000 rows: 10 more.
    expect(cost("{ analytics(query: { measures: [submissions] }) { source } }").cost).toBe(1 + 50 + 10 + 1);
    expect(cost("{ analytics(query: { measures: [submissions], limit: 10000 }) { source } }").cost).toBe(
      1 + 50 + 100 + 1,
    );
    expect(cost("{ ranking(measure: submissions, by: province, limit: 500) { count } }").cost).toBe(1 + 50 + 5 + 1);
  });

  it("counts a comparison twice (two questions to the engine), but not the overview's, which always compares", () => {
    expect(
      cost("{ analytics(query: { measures: [submissions], compare: { to: PREVIOUS_PERIOD } }) { source } }").cost,
    ).toBe(1 + 2 * (50 + 10) + 1);
    expect(
      cost("query($q: AnalyticsQueryInput!) { analytics(query: $q) { source } }", {
        q: { measures: ["submissions"], compare: { to: "AS_OF", asOf: "2022-05-31" } },
      }).cost,
    ).toBe(1 + 2 * (50 + 10) + 1);
    expect(cost('{ unitDrilldown(unit: "TLĐ", compareDays: 28) { unit { code } } }').cost).toBe(1 + 2 * 100 + 1 + 1);
    expect(cost("{ overview(compare: PREVIOUS_PHASE_SAME_DAY) { asOfDate } }").cost).toBe(
      cost("{ overview { asOfDate } }").cost,
    );
  });

  it("counts a limit passed through variables, a whole input in a variable, and a variable's default", () => {
    const literal = cost("{ analytics(query: { measures: [submissions], limit: 10000 }) { source } }").cost;
    expect(
      cost("query($q: AnalyticsQueryInput!) { analytics(query: $q) { source } }", {
        q: { measures: ["submissions"], limit: 10_000 },
      }).cost,
    ).toBe(literal);
    expect(
      cost("query($n: Int) { analytics(query: { measures: [submissions], limit: $n }) { source } }", { n: 10_000 })
        .cost,
    ).toBe(literal);
    expect(
      cost("query($n: Int = 10000) { analytics(query: { measures: [submissions], limit: $n }) { source } }").cost,
    ).toBe(literal);
  });

  it("counts a fragment each time it is spread, at the root's price where it is spread at the root", () => {
    const once = cost("{ ...F } fragment F on Query { overview { programmeProgress } }").cost;
    expect(once).toBe(1 + 150 + 1);
    expect(
      cost("{ ...F ...F ... on Query { ...F } } fragment F on Query { overview { programmeProgress } }").cost,
    ).toBe(3 * once);
    // Below the root, the same field name is an ordinary field.
    expect(cost('{ unitDrilldown(unit: "TLĐ") { ...U } } fragment U on UnitDrilldown { unit { code } }').cost).toBe(
      1 + 100 + 2,
    );
  });

  it("computes a 40-level fan-out (2^39 fields) in linear time and stops at the budget", () => {
    const started = performance.now();
    const verdict = cost(fragmentFanOut(40), {}, 1000);
    expect(performance.now() - started).toBeLessThan(50);
    expect(verdict.overBudget).toBe(true);
    expect(verdict.cost).toBeGreaterThan(1000);
    expect(cost(fragmentFanOut(40), {}, Infinity).cost).toBe(2 ** 39 * (1 + ROOT_FIELD_COST.dataset! + 1));
  });
});

describe("fields under one name", () => {
  it("counts the most fields answering under one name in a selection, inline fragments with their parent", () => {
    expect(mostFieldsUnderOneName(parse("{ a: dataset { kind } b: dataset { kind } }"))).toBe(1);
    expect(
      mostFieldsUnderOneName(parse("{ a: dataset { kind } a: dataset { kind } ... on Query { a: dataset { kind } } }")),
    ).toBe(3);
    expect(mostFieldsUnderOneName(parse(`{ dataset { ${"kind ".repeat(7)} } }`))).toBe(7);
  });
});
