import { formatBillions, formatNumber } from "@/format/number-format";
import { shareOf, valueOf, type AnalyticsResult } from "@/graphql/result-types";
import { analyticsField } from "../common-fields";
import { defineChart, isNarrow, PALETTE } from "../define-chart";
import { categoryLabels, valueAxis } from "../responsive-layout";

export interface FieldBreakdownData {
  fieldBreakdown: AnalyticsResult;
}

/** Submissions and benefit by field, side by side: many initiatives are not always worth the most. */
export const fieldBreakdownChart = defineChart<FieldBreakdownData>({
  id: "fieldBreakdown",
  titleKey: "charts.fieldBreakdown",
  revisionScope: "field",
  // A phone stacks the two bar charts, each as tall as a laptop's pair.
  height: (_data, ctx) => (isNarrow(ctx) ? 640 : 380),
  heightBeforeData: (ctx) => (isNarrow(ctx) ? 640 : 380),
  fields: (input) => [
    analyticsField(
      "fieldBreakdown",
      {
        measures: ["submissions", "benefitVnd"],
        dimensions: ["field"],
        share: ["submissions", "benefitVnd"],
        order: [{ by: "submissions", direction: "DESC" }],
      },
      input,
    ),
  ],
  isEmpty: (data) => data.fieldBreakdown.rows.length === 0,
  toOption(data, ctx) {
    const rows = [...data.fieldBreakdown.rows].reverse();
    const names = rows.map((r) => ctx.label("field", r.dimensions[0]!.code, r.dimensions[0]!.label));
    const narrow = isNarrow(ctx);
    return {
      color: [PALETTE[0], PALETTE[2]],
      legend: { top: 0 },
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        formatter: (items: Array<{ dataIndex: number }>) => {
          const row = rows[items[0]!.dataIndex]!;
          return (
            `${names[items[0]!.dataIndex]}<br/>${ctx.t("measures.submissions")}: ${formatNumber(valueOf(row.values, "submissions"), ctx.locale)}` +
            `<br/>${ctx.t("measures.benefitVnd")}: ${formatBillions(valueOf(row.values, "benefitVnd"), ctx.locale)}`
          );
        },
      },
      grid: narrow
        ? [
            { left: 8, right: 16, top: 32, height: "40%", outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
            { left: 8, right: 16, top: "54%", bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
          ]
        : [
            { left: 8, width: "44%", top: 32, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
            { right: 16, width: "26%", top: 32, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
          ],
      xAxis: [
        { ...valueAxis(ctx, 3), gridIndex: 0 },
        { ...valueAxis(ctx, 2), gridIndex: 1 },
      ],
      yAxis: [
        { type: "category", gridIndex: 0, data: names, axisLabel: categoryLabels(ctx, 150) },
        // Stacked, the benefit bars need their own names; side by side they share the first chart's.
        { type: "category", gridIndex: 1, data: names, axisLabel: narrow ? categoryLabels(ctx) : { show: false } },
      ],
      series: [
        {
          type: "bar",
          name: ctx.t("measures.submissions"),
          xAxisIndex: 0,
          yAxisIndex: 0,
          data: rows.map((r) => valueOf(r.values, "submissions") ?? 0),
        },
        {
          type: "bar",
          name: ctx.t("charts.benefitBillions"),
          xAxisIndex: 1,
          yAxisIndex: 1,
          data: rows.map((r) => Math.round((valueOf(r.values, "benefitVnd") ?? 0) / 1e8) / 10),
        },
      ],
    };
  },
  toTable(data, ctx) {
    return {
      columns: [
        { key: "field", label: ctx.t("dimensions.field") },
        { key: "submissions", label: ctx.t("measures.submissions"), unit: "count" },
        {
          key: "submissionsShare",
          label: ctx.t("table.shareOf", { measure: ctx.t("measures.submissions") }),
          unit: "share",
        },
        { key: "benefitVnd", label: ctx.t("measures.benefitVnd"), unit: "vnd" },
        {
          key: "benefitShare",
          label: ctx.t("table.shareOf", { measure: ctx.t("measures.benefitVnd") }),
          unit: "share",
        },
      ],
      rows: data.fieldBreakdown.rows.map((row) => [
        ctx.label("field", row.dimensions[0]!.code, row.dimensions[0]!.label),
        valueOf(row.values, "submissions"),
        shareOf(row.values, "submissions"),
        valueOf(row.values, "benefitVnd"),
        shareOf(row.values, "benefitVnd"),
      ]),
    };
  },
});
