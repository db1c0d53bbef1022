import type { MeasureUnit } from "@/format/number-format";
import { shareOf, valueOf, type AnalyticsResult } from "@/graphql/result-types";
import type { ChartContext, TableData } from "./define-chart";

/** The table behind a `shares` answer: each member of the dimension, its figure and its share of the whole. */
export function sharesTable(
  result: AnalyticsResult,
  dimension: string,
  measure: string,
  unit: MeasureUnit,
  ctx: ChartContext,
): TableData {
  return {
    columns: [
      { key: dimension, label: ctx.t(`dimensions.${dimension}`) },
      { key: measure, label: ctx.t(`measures.${measure}`), unit },
      { key: "share", label: ctx.t("table.share"), unit: "share" },
    ],
    rows: result.rows.map((row) => [
      ctx.label(dimension, row.dimensions[0]!.code, row.dimensions[0]!.label),
      valueOf(row.values, measure),
      shareOf(row.values, measure),
    ]),
  };
}

/** Whether any member has a positive figure: a split of nothing is shown as "no data", not as an empty donut. */
export function hasPositive(result: AnalyticsResult, measure: string): boolean {
  return result.rows.some((row) => (valueOf(row.values, measure) ?? 0) > 0);
}
