import { formatMonth } from "@/format/date-format";
import { formatNumber } from "@/format/number-format";
import type { Measure } from "@/graphql/panel-query";
import { valueOf, type AnalyticsResult } from "@/graphql/result-types";
import { scopeFilters } from "../common-fields";
import { defineChart, PALETTE } from "../define-chart";
import { valueAxis } from "../responsive-layout";

export interface UnitTrendData {
  unitTrend: AnalyticsResult;
}

const MEASURES: Measure[] = ["submissions", "valid"];

/** Submissions and valid initiatives per month (Vietnam calendar) for the unit's whole subtree. */
export const unitTrendChart = defineChart<UnitTrendData>({
  id: "unitTrend",
  titleKey: "charts.unitTrend",
  height: 300,
  fields: (input) => [
    {
      alias: "unitTrend",
      field: "timeSeries",
      args: { measures: MEASURES, granularity: "MONTH", asOf: input.state.asOf, filters: scopeFilters(input) },
    },
  ],
  isEmpty: (data) => !data.unitTrend.rows.some((r) => (valueOf(r.values, "submissions") ?? 0) > 0),
  toOption(data, ctx) {
    const months = data.unitTrend.rows.map((r) => formatMonth(r.time!, ctx.locale));
    return {
      color: [PALETTE[0], PALETTE[2]],
      legend: { top: 0 },
      tooltip: { trigger: "axis", valueFormatter: (v: number) => formatNumber(v, ctx.locale) },
      grid: { left: 8, right: 16, top: 32, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
      xAxis: { type: "category", data: months },
      yAxis: valueAxis(ctx, 5),
      series: MEASURES.map((m) => ({
        type: "bar",
        name: ctx.t(`measures.${m}`),
        data: data.unitTrend.rows.map((r) => valueOf(r.values, m) ?? 0),
      })),
    };
  },
  toTable(data, ctx) {
    return {
      columns: [
        { key: "month", label: ctx.t("table.month") },
        ...MEASURES.map((m) => ({ key: m, label: ctx.t(`measures.${m}`), unit: "count" })),
      ],
      rows: data.unitTrend.rows.map((r) => [r.time!.slice(0, 7), ...MEASURES.map((m) => valueOf(r.values, m))]),
    };
  },
});
