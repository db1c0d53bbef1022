import { formatCompact, formatNumber } from "@/format/number-format";
import { isNarrow, type ChartContext } from "./define-chart";

/**
 * The pieces of a chart's layout that depend on its width, shared by the charts so that a phone
 * gets the same treatment everywhere: category labels cut to a third of the width (the tooltip
 * keeps the full name), fewer and shorter value ticks that never run together.
 */

/** Width of the category labels of horizontal bars. */
export function categoryLabelWidth(ctx: ChartContext, wide = 160): number {
  return isNarrow(ctx) ? Math.max(84, Math.round(ctx.width! * 0.36)) : wide;
}

/** Category-axis labels cut with an ellipsis at that width. */
export function categoryLabels(ctx: ChartContext, wide = 160) {
  return { width: categoryLabelWidth(ctx, wide), overflow: "truncate", ellipsis: "…" };
}

/** A value axis: 2 ticks with compact figures (200 N, 1,5 Tr) on a phone, `splitNumber` full figures wider. */
export function valueAxis(ctx: ChartContext, splitNumber = 3) {
  const narrow = isNarrow(ctx);
  return {
    type: "value",
    splitNumber: narrow ? 2 : splitNumber,
    axisLabel: {
      hideOverlap: true,
      formatter: (v: number) => (narrow ? formatCompact(v, ctx.locale) : formatNumber(v, ctx.locale)),
    },
  };
}
