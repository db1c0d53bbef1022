import type { EChartsCoreOption } from "echarts/core";
import type { ChartContext, ChartDefinition } from "./define-chart";

/**
 * The option a chart is drawn with, in the browser (ChartPanel) and on the server (the overview's
 * first chart, server/src/http/first-chart-svg.ts): no animation, and our own accessible description
 * (chart-summary.ts) instead of ECharts' English default.
 */
export function drawnOption<TData>(
  chart: ChartDefinition<TData>,
  data: TData,
  ctx: ChartContext,
  description: string,
): EChartsCoreOption {
  return { animation: false, ...chart.toOption(data, ctx), aria: { enabled: true, label: { description } } };
}
