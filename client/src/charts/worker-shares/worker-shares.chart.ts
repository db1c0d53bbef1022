import { formatNumber, formatShare } from "@/format/number-format";
import { shareOf, valueOf, type AnalyticsResult } from "@/graphql/result-types";
import { sharesField } from "../common-fields";
import { defineChart, PALETTE } from "../define-chart";
import { hasPositive, sharesTable } from "../shares-table";

export interface WorkerSharesData {
  workerShares: AnalyticsResult;
}

/** Submissions by worker category, as a donut with each category's share (54,6 / 24,2 / 15,9 / 5,2% at 31/5/2022). */
export const workerSharesChart = defineChart<WorkerSharesData>({
  id: "workerShares",
  titleKey: "charts.workerShares",
  height: 300,
  fields: (input) => [sharesField("workerShares", "submissions", "workerCategory", input)],
  isEmpty: (data) => !hasPositive(data.workerShares, "submissions"),
  toOption(data, ctx) {
    const items = data.workerShares.rows.map((row) => ({
      name: ctx.label("workerCategory", row.dimensions[0]!.code, row.dimensions[0]!.label),
      value: valueOf(row.values, "submissions") ?? 0,
      share: shareOf(row.values, "submissions"),
    }));
    return {
      color: PALETTE,
      tooltip: {
        trigger: "item",
        formatter: (p: { name: string; value: number; data: { share: number | null } }) =>
          `${p.name}<br/>${formatNumber(p.value, ctx.locale)} · ${formatShare(p.data.share, ctx.locale)}`,
      },
      legend: { bottom: 0, type: "plain" },
      series: [
        {
          type: "pie",
          radius: ["42%", "70%"],
          center: ["50%", "42%"],
          avoidLabelOverlap: true,
          label: { formatter: (p: { data: { share: number | null } }) => formatShare(p.data.share, ctx.locale) },
          data: items,
        },
      ],
    };
  },
  toTable: (data, ctx) => sharesTable(data.workerShares, "workerCategory", "submissions", "count", ctx),
});
