import { formatBillions, formatShare } from "@/format/number-format";
import { shareOf, valueOf, type AnalyticsResult } from "@/graphql/result-types";
import { sharesField } from "../common-fields";
import { defineChart, PALETTE } from "../define-chart";
import { categoryLabels, valueAxis } from "../responsive-layout";
import { hasPositive, sharesTable } from "../shares-table";

export interface CategoryBenefitData {
  categoryBenefit: AnalyticsResult;
}

/** Valid initiatives' benefit by worker category, in tỷ đồng. */
export const categoryBenefitChart = defineChart<CategoryBenefitData>({
  id: "categoryBenefit",
  titleKey: "charts.categoryBenefit",
  revisionScope: "workerCategory",
  height: 280,
  fields: (input) => [sharesField("categoryBenefit", "benefitVnd", "workerCategory", input)],
  isEmpty: (data) => !hasPositive(data.categoryBenefit, "benefitVnd"),
  toOption(data, ctx) {
    const rows = [...data.categoryBenefit.rows].reverse();
    return {
      color: [PALETTE[2]],
      grid: { left: 8, right: 48, top: 8, bottom: 28, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        valueFormatter: (v: number) => formatBillions(v * 1e9, ctx.locale),
      },
      xAxis: { ...valueAxis(ctx), name: ctx.t("charts.billions"), nameLocation: "middle", nameGap: 24 },
      yAxis: {
        type: "category",
        data: rows.map((r) => ctx.label("workerCategory", r.dimensions[0]!.code, r.dimensions[0]!.label)),
        axisLabel: categoryLabels(ctx, 320),
      },
      series: [
        {
          type: "bar",
          name: ctx.t("measures.benefitVnd"),
          data: rows.map((r) => (valueOf(r.values, "benefitVnd") ?? 0) / 1e9),
          label: {
            show: true,
            position: "right",
            formatter: (p: { dataIndex: number }) =>
              formatShare(shareOf(rows[p.dataIndex]!.values, "benefitVnd"), ctx.locale),
          },
        },
      ],
    };
  },
  toTable: (data, ctx) => sharesTable(data.categoryBenefit, "workerCategory", "benefitVnd", "vnd", ctx),
});
