import fs from "node:fs";
import { buildSchema, execute, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { categoryBenefitChart } from "@/charts/category-benefit/category-benefit.chart";
import { cumulativeSubmissionsChart } from "@/charts/cumulative-submissions/cumulative-submissions.chart";
import type { ChartInput } from "@/charts/define-chart";
import { fieldBreakdownChart } from "@/charts/field-breakdown/field-breakdown.chart";
import { provinceMapChart } from "@/charts/province-map/province-map.chart";
import { unitChildrenChart } from "@/charts/unit-children/unit-children.chart";
import { provinceRankingChart, sectorRankingChart } from "@/charts/unit-ranking/unit-ranking.chart";
import { unitTrendChart } from "@/charts/unit-trend/unit-trend.chart";
import { workerSharesChart } from "@/charts/worker-shares/worker-shares.chart";
import { overviewField } from "@/graphql/overview.field";
import { composeDocument } from "@/graphql/panel-query";
import { unitTargetsField } from "@/graphql/unit-targets.field";
import { parseState } from "@/state/dashboard-state";

const schema = buildSchema(fs.readFileSync(new URL("../../../schema/schema.graphql", import.meta.url), "utf8"));
const OVERVIEW = [
  cumulativeSubmissionsChart,
  workerSharesChart,
  categoryBenefitChart,
  fieldBreakdownChart,
  provinceRankingChart,
  sectorRankingChart,
  provinceMapChart,
];
const UNIT = [unitChildrenChart, unitTrendChart, workerSharesChart];

const STATES: Array<Record<string, string>> = [
  {},
  { asOf: "2022-05-31" },
  {
    asOf: "2023-01-15",
    phase: "2",
    category: "ENTERPRISE",
    field: "HEALTH",
    map: "2025",
    mapMeasure: "targetAttainment",
  },
];

/** The composed page document must be valid against the committed contract, variables included. */
async function expectValid(name: string, input: ChartInput, fields: ReturnType<typeof overviewField>[]) {
  const { query, variables } = composeDocument(name, fields);
  const document = parse(query);
  expect(validate(schema, document).map((e) => e.message)).toEqual([]);
  // No resolvers: every root field fails as null, but bad variables would fail first, by name.
  const executed = await execute({ schema, document, variableValues: variables, rootValue: {} });
  const variableErrors = (executed.errors ?? []).filter((e) => e.message.startsWith("Variable"));
  expect(
    variableErrors.map((e) => e.message),
    JSON.stringify(input.state),
  ).toEqual([]);
}

describe("each page asks for its data in one valid GraphQL document", () => {
  for (const query of STATES) {
    it(`overview page, state ${JSON.stringify(query)}`, async () => {
      const input = { state: parseState(query) };
      await expectValid("OverviewPage", input, [overviewField(input), ...OVERVIEW.flatMap((c) => c.fields(input))]);
    });

    it(`unit page, state ${JSON.stringify(query)}`, async () => {
      for (const unit of ["TLĐ", "LDLD-38", "LDLD-38-T32"]) {
        const input = { state: parseState(query), unit };
        const targets = unitTargetsField(input);
        await expectValid("UnitPage", input, [...UNIT.flatMap((c) => c.fields(input)), ...(targets ? [targets] : [])]);
      }
    });
  }

  it("the overview asks for everything in one operation, and an embedded chart only for its own data", () => {
    const input = { state: parseState({}) };
    const { query } = composeDocument("OverviewPage", [
      overviewField(input),
      ...OVERVIEW.flatMap((c) => c.fields(input)),
    ]);
    expect(query.match(/^query /gm)).toHaveLength(1);
    const embedded = { state: parseState({ embed: "workerShares" }) };
    expect(workerSharesChart.fields(embedded).map((f) => f.alias)).toEqual(["workerShares"]);
  });

  it("passes the as-of date and the filters to every field", () => {
    const input = { state: parseState({ asOf: "2022-05-31", category: "ENTERPRISE" }) };
    const { variables } = composeDocument(
      "OverviewPage",
      OVERVIEW.flatMap((c) => c.fields(input)),
    );
    const asOfs = Object.entries(variables)
      .filter(([k]) => k.endsWith("_asOf"))
      .map(([, v]) => v);
    expect(asOfs.length).toBeGreaterThanOrEqual(5);
    expect(new Set(asOfs)).toEqual(new Set(["2022-05-31"]));
    expect(JSON.stringify(variables.provinceMap_query)).toContain('"asOf":"2022-05-31"');
    expect(JSON.stringify(variables.workerShares_filters)).toContain("ENTERPRISE");
  });

  it("leaves unit targets out when a category or field filter makes them meaningless", () => {
    expect(unitTargetsField({ state: parseState({ category: "ENTERPRISE" }), unit: "LDLD-38" })).toBeUndefined();
    expect(unitTargetsField({ state: parseState({ phase: "1" }), unit: "LDLD-38" })).toBeDefined();
  });
});
