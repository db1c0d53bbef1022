import { describeChart } from "@/charts/chart-summary";
import { describe, expect, it } from "vitest";
import {
  crossings,
  cumulativeSubmissionsChart,
  type CumulativeData,
} from "@/charts/cumulative-submissions/cumulative-submissions.chart";
import { mapMeasure, provinceMapChart } from "@/charts/province-map/province-map.chart";
import { provinceRankingChart, shortName, TOP_N } from "@/charts/unit-ranking/unit-ranking.chart";
import { workerSharesChart } from "@/charts/worker-shares/worker-shares.chart";
import type { Ranking } from "@/graphql/result-types";
import { contextFor, result, row, WORKER_SHARES_2022_05_31 } from "./fixtures";

type Formatter = (p: unknown) => string;

describe("worker shares (donut)", () => {
  it("labels each category with its share: 54,6 / 24,2 / 15,9 / 5,2 % at 31/5/2022", () => {
    const option = workerSharesChart.toOption({ workerShares: WORKER_SHARES_2022_05_31 }, contextFor()) as any;
    const series = option.series[0];
    const labels = series.data.map((d: unknown) => (series.label.formatter as Formatter)({ data: d }));
    expect(labels).toEqual(["54,6%", "24,2%", "15,9%", "5,2%"]);
    expect(series.data.map((d: { value: number }) => d.value).reduce((a: number, b: number) => a + b, 0)).toBe(696948);
  });

  it("gives a table with raw numbers, and says so in English too", () => {
    const table = workerSharesChart.toTable({ workerShares: WORKER_SHARES_2022_05_31 }, contextFor({ lang: "en" }));
    expect(table.columns.map((c) => c.label)).toEqual(["Worker category", "Submissions", "Share"]);
    expect(table.rows[0]).toEqual(["Đơn vị sự nghiệp", 380656, 380656 / 696948]);
  });

  it("is empty when nothing was submitted", () => {
    expect(workerSharesChart.isEmpty({ workerShares: result([]) })).toBe(true);
    expect(workerSharesChart.isEmpty({ workerShares: WORKER_SHARES_2022_05_31 })).toBe(false);
  });
});

describe("cumulative submissions", () => {
  const days = ["2022-05-10", "2022-05-11", "2022-05-12"];
  const data: CumulativeData = {
    cumulativeDaily: result(days.map((d, i) => row([], { submissions: [5000, 6000, 7000][i]! }, {}, d))),
    cumulativeTotal: result(days.map((d, i) => row([], { submissions: [295000, 301000, 308000][i]! }, {}, d))),
    cumulativeMilestones: [
      {
        kind: "PHASE1_TARGET",
        count: 300000,
        label: "",
        reachedAt: "2022-05-11T02:10:00Z",
        reachedAtVietnam: "2022-05-11 09:10",
      },
    ],
  };

  it("marks the 300.000 crossing at the exact minute when nothing is filtered", () => {
    expect(crossings(data, contextFor())).toEqual([
      { count: 300000, date: "2022-05-11", label: "300.000 · 09:10 ngày 11/5/2022" },
    ]);
  });

  it("marks nothing when a filter narrows the count: the programme's targets are not a subset's", () => {
    expect(crossings(data, contextFor({ category: "ENTERPRISE" }))).toEqual([]);
    expect(crossings(data, contextFor({ phase: "2" }))).toEqual([]);
  });

  it("plots Vietnam dates at UTC midnight, so no reader's time zone shifts a day", () => {
    const option = cumulativeSubmissionsChart.toOption(data, contextFor()) as any;
    expect(option.useUTC).toBe(true);
    expect(option.series[0].data[1]).toEqual([Date.UTC(2022, 4, 11), 301000]);
    expect(option.series[0].markArea.data).toHaveLength(2);
  });

  it("tables the daily and cumulative counts side by side", () => {
    expect(cumulativeSubmissionsChart.toTable(data, contextFor()).rows[1]).toEqual(["2022-05-11", 6000, 301000]);
  });

  it("tables the projection band the chart draws, day by day to the deadline", () => {
    const withBand: CumulativeData = {
      ...data,
      cumulativePhaseValid: result(days.map((d, i) => row([], { valid: [150000, 152000, 155000][i]! }, {}, d))),
      cumulativeProjection: [
        { date: "2022-05-12", projected: 155000, low: 155000, high: 155000 },
        { date: "2022-05-13", projected: 158000, low: 156000, high: 161000 },
      ],
    };
    const ctx = contextFor({ asOf: "2022-05-12", lang: "en" });
    const table = cumulativeSubmissionsChart.toTable(withBand, ctx);
    expect(table.columns.map((c) => c.label)).toEqual([
      "Date",
      expect.any(String),
      expect.any(String),
      "Valid, phase 1",
      "Projection, phase 1",
      "80 % interval, low",
      "80 % interval, high",
    ]);
    // The as-of day has both the figures and the band's start; the day after, only the band.
    expect(table.rows.slice(1)).toEqual([
      ["2022-05-11", 6000, 301000, 152000, null, null, null],
      ["2022-05-12", 7000, 308000, 155000, 155000, 155000, 155000],
      ["2022-05-13", null, null, null, 158000, 156000, 161000],
    ]);
    expect(describeChart("Cumulative", table, ctx)).toContain("80 % interval, high 161,000");
    // Without an as-of inside a phase there is no band, and the table is as before.
    expect(cumulativeSubmissionsChart.toTable(withBand, contextFor()).columns).toHaveLength(3);
  });
});

describe("rankings", () => {
  const ranking: Ranking = {
    asOfDate: "2023-10-06",
    release: null,
    count: 12,
    measure: "submissions",
    source: "rollup_area_monthly",
    rows: Array.from({ length: 12 }, (_, i) => ({
      code: `LDLD-${i}`,
      label: `Liên đoàn Lao động tỉnh P${i}`,
      rank: i + 1,
      value: 1000 - i,
      share: null,
    })),
  };

  it("shows the top 10 until asked for all", () => {
    const top = provinceRankingChart.toOption({ provinceRanking: ranking }, contextFor()) as any;
    expect(top.yAxis.data).toHaveLength(TOP_N);
    expect(top.yAxis.data.at(-1)).toBe("1. LĐLĐ P0");
    const all = provinceRankingChart.toOption(
      { provinceRanking: ranking },
      contextFor({ all: "provinceRanking" }),
    ) as any;
    expect(all.yAxis.data).toHaveLength(12);
    expect(provinceRankingChart.toTable({ provinceRanking: ranking }, contextFor()).rows).toHaveLength(12);
  });

  it("shortens federation names for bar labels", () => {
    expect(shortName("Liên đoàn Lao động Thành phố Hồ Chí Minh")).toBe("LĐLĐ Hồ Chí Minh");
    expect(shortName("Công đoàn Dầu khí Việt Nam")).toBe("CĐ Dầu khí Việt Nam");
  });
});

describe("province map", () => {
  const data = {
    provinceMap: result([
      row([["province", "38", "Thanh Hóa"]], {
        submissions: 600175,
        valid: 515451,
        submissionsPerThousandMembers: 1417,
        targetAttainment: 514.6,
      }),
      row([["province", "01", "Hà Nội"]], {
        submissions: 130569,
        valid: 120000,
        submissionsPerThousandMembers: 80,
        targetAttainment: 200,
      }),
    ]),
  };

  it("keys the map by GSO code with Vietnam's proportions", () => {
    const option = provinceMapChart.toOption(data, contextFor({ mapMeasure: "valid" })) as any;
    expect(option.geo).toMatchObject({ map: "vn63", nameProperty: "code", aspectScale: 0.96 });
    expect(option.series[0].data[0]).toMatchObject({ name: "38", value: 515451 });
    expect(option.visualMap.max).toBe(515451);
  });

  it("shows name and every figure on hover", () => {
    const option = provinceMapChart.toOption(data, contextFor({}, { "province|38": "Thanh Hóa" })) as any;
    const html = (option.tooltip.formatter as Formatter)({ name: "38", data: option.series[0].data[0] });
    expect(html).toContain("Thanh Hóa");
    expect(html).toContain("600.175");
    expect(html).toContain("514,6%");
  });

  it("falls back to counts when a category filter makes per-member figures meaningless", () => {
    expect(mapMeasure(contextFor({ mapMeasure: "targetAttainment", category: "ENTERPRISE" }))).toBe("submissions");
    expect(mapMeasure(contextFor({ mapMeasure: "nonsense" }))).toBe("submissions");
  });

  it("opens the provincial federation on click, and only on the map of 2021–2023", () => {
    expect(provinceMapChart.linkOf!({ data: { name: "38" } }, contextFor())).toBe("/don-vi/LDLD-38");
    expect(provinceMapChart.linkOf!({ data: { name: "38" } }, contextFor({ map: "2025" }))).toBeUndefined();
  });

  it("switches to the 34 provinces of 2025", () => {
    const option = provinceMapChart.toOption(data, contextFor({ map: "2025" })) as any;
    expect(option.geo.map).toBe("vn34");
    const fields = provinceMapChart.fields({ state: contextFor({ map: "2025" }).state });
    expect(JSON.stringify(fields[0]!.args)).toContain("province2025");
  });
});
