import { formatNumber, formatShare } from "@/format/number-format";
import { shareOf, valueOf, type AnalyticsResult } from "@/graphql/result-types";
import { sharesField } from "../common-fields";
import { defineChart, isNarrow, PALETTE } from "../define-chart";
import { hasPositive, sharesTable } from "../shares-table";

export interface WorkerSharesData {
  workerShares: AnalyticsResult;
}

/** Submissions by worker category, as a donut with each category's share (54,6 / 24,2 / 15,9 / 5,2% at 31/5/2022). */
export const workerSharesChart = defineChart<WorkerSharesData>({
  id: "workerShares",
  titleKey: "charts.workerShares",
  revisionScope: "workerCategory",
  height: 300,
  fields: (input) => [sharesField("workerShares", "submissions", "workerCategory", input)],
  isEmpty: (data) => !hasPositive(data.workerShares, "submissions"),
  toOption(data, ctx) {
    const items = data.workerShares.rows.map((row) => ({
      name: ctx.label("workerCategory", row.dimensions[0]!.code, row.dimensions[0]!.label),
      value: valueOf(row.values, "submissions") ?? 0,
      share: shareOf(row.values, "submissions"),
    }));
    const narrow = isNarrow(ctx);
    return {
      color: PALETTE,
      tooltip: {
        trigger: "item",
        formatter: (p: { name: string; value: number; data: { share: number | null } }) =>
          `${p.name}<br/>${formatNumber(p.value, ctx.locale)} · ${formatShare(p.data.share, ctx.locale)}`,
      },
      // On a phone the legend is a list, two to a row, each name cut at its column (the legend's tooltip has it whole).
      legend: narrow
        ? {
            bottom: 0,
            left: 0,
            right: 0,
            itemGap: 6,
            itemWidth: 14,
            tooltip: { show: true },
            textStyle: { fontSize: 11, width: Math.round(ctx.width! / 2) - 40, overflow: "truncate" },
          }
        : { bottom: 0, type: "plain" },
      series: [
        {
          type: "pie",
          radius: narrow ? ["36%", "66%"] : ["42%", "70%"],
          center: narrow ? ["50%", "40%"] : ["50%", "42%"],
          avoidLabelOverlap: true,
          // Outside labels run off a phone's canvas: there the shares sit on the ring itself.
          label: narrow
            ? {
                position: "inside",
                color: "#fff",
                fontSize: 11,
                fontWeight: "bold",
                formatter: (p: { data: { share: number | null } }) => formatShare(p.data.share, ctx.locale, 0),
              }
            : { formatter: (p: { data: { share: number | null } }) => formatShare(p.data.share, ctx.locale) },
          data: items,
        },
      ],
    };
  },
  toTable: (data, ctx) => sharesTable(data.workerShares, "workerCategory", "submissions", "count", ctx),
});
