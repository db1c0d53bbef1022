import { describe, expect, it } from "vitest";
import { explorerChart } from "@/charts/explorer/explorer.chart";
import type { AnalyticsQueryResult } from "@/graphql/result-types";
import { contextFor, result, row } from "./fixtures";

/** An `analytics` answer with its columns, as the Explorer asks for it. */
function answer(rows: ReturnType<typeof row>[], measures: Array<[string, string]>): AnalyticsQueryResult {
  return {
    ...result(rows),
    columns: [
      ...(rows[0]?.dimensions ?? []).map((d) => ({
        name: d.dimension,
        kind: "dimension",
        label: "Vùng",
        unit: null,
        format: null,
      })),
      ...measures.map(([name, unit]) => ({ name, kind: "measure", label: name, unit, format: null })),
    ],
    compared: null,
  } as unknown as AnalyticsQueryResult;
}
type Option = {
  title: Array<{ text: string; top: number }>;
  grid: Array<{ top: number; height: number }>;
  series: Array<{ name: string; xAxisIndex: number; data: unknown[] }>;
  xAxis: Array<{ data?: string[] }>;
};

describe("the Explorer's chart", () => {
  it("draws every measure in its own small multiple, titled with the measure, one below the other", () => {
    const ctx = contextFor({ m: "submissions,benefitVnd", d: "region" });
    const data = answer(
      [
        row([["region", "NORTH", "Miền Bắc"]], { submissions: 10, benefitVnd: 5e9 }),
        row([["region", "SOUTH", "Miền Nam"]], { submissions: 7, benefitVnd: 9e9 }),
      ],
      [
        ["submissions", "count"],
        ["benefitVnd", "vnd"],
      ],
    );
    const option = explorerChart.toOption({ explorer: data }, ctx) as unknown as Option;
    expect(option.title.map((t) => t.text)).toEqual(["Lượt nộp", "Giá trị làm lợi"]);
    expect(option.series.map((s) => s.xAxisIndex)).toEqual([0, 1]);
    expect(option.series[1]!.data).toEqual([5e9, 9e9]);
    expect(option.grid[1]!.top).toBeGreaterThan(option.grid[0]!.top + option.grid[0]!.height);
    expect(explorerChart.title!({ state: ctx.state }, ctx)).toBe("Lượt nộp, Giá trị làm lợi theo Vùng");
  });

  it("labels month buckets as months, and draws the compared figures over time", () => {
    const ctx = contextFor({ m: "submissions", d: "-", g: "MONTH", c: "PREVIOUS_PERIOD:28" });
    const values = (value: number, compared: number) =>
      ({ ...row([], { submissions: value }, {}, "") }).values.map((v) => ({ ...v, compared }));
    const rows = [
      { ...row([], { submissions: 3 }, {}, "2022-03-01"), values: values(3, 1) },
      { ...row([], { submissions: 5 }, {}, "2022-04-01"), values: values(5, 3) },
    ];
    const option = explorerChart.toOption(
      { explorer: answer(rows, [["submissions", "count"]]) },
      ctx,
    ) as unknown as Option;
    expect(option.xAxis[0]!.data).toEqual(["3/2022", "4/2022"]);
    expect(option.series.map((s) => s.name)).toEqual(["Lượt nộp", "Kỳ so sánh"]);
    expect(option.series[1]!.data).toEqual([1, 3]);
    const table = explorerChart.toTable({ explorer: answer(rows, [["submissions", "count"]]) }, ctx);
    expect(table.rows[0]).toEqual(["3/2022", 3, 1, null, null]);
  });
});
