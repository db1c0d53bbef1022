import type { EChartsCoreOption } from "echarts/core";
import { formatBucket } from "@/format/bucket-format";
import { formatMeasure } from "@/format/number-format";
import type { AnalyticsQueryResult, AnalyticsRow } from "@/graphql/result-types";
import { valueOf } from "@/graphql/result-types";
import { isNarrow, PALETTE, type ChartContext } from "../define-chart";
import { categoryLabels, valueAxis } from "../responsive-layout";
import { figureOf } from "./pivot";
import { answerMeasures, measureLabel, unitOf } from "./measure-labels";
import { isComparing, type ExplorerQuery } from "./explorer-query";

/** Series drawn at most per measure: beyond that a chart stops being readable (the table has them all). */
const MAX_SERIES = 8;
const MAX_CATEGORIES = 40;
/** Room above each small multiple for its title, and between two of them. */
const TITLE = 24;
const GAP = 20;
const LEGEND = 30;

export const memberLabel = (row: AnalyticsRow, i: number, ctx: ChartContext) =>
  ctx.label(row.dimensions[i]!.dimension, row.dimensions[i]!.code, row.dimensions[i]!.label);

/** The members of dimension `i` with the largest totals of `measure`, largest first. */
function topMembers(rows: AnalyticsRow[], i: number, measure: string, ctx: ChartContext): string[] {
  const totals = new Map<string, number>();
  for (const row of rows) {
    const label = memberLabel(row, i, ctx);
    totals.set(label, (totals.get(label) ?? 0) + (valueOf(row.values, measure) ?? 0));
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_SERIES)
    .map(([label]) => label);
}

type Shape = "time" | "bars" | "total";
const shapeOf = (rows: AnalyticsRow[]): Shape =>
  rows.some((r) => r.time) ? "time" : (rows[0]?.dimensions.length ?? 0) > 0 ? "bars" : "total";
const categoriesOf = (rows: AnalyticsRow[], ctx: ChartContext) =>
  [...new Set(rows.map((r) => memberLabel(r, 0, ctx)))].slice(0, MAX_CATEGORIES);

/** Height of one small multiple: bars grow with their categories, so every label stays legible. */
function panelHeight(shape: Shape, categories: number, single: boolean): number {
  if (shape === "bars") return Math.max(single ? 300 : 140, categories * 22 + 30);
  if (shape === "total") return 140;
  return single ? 320 : 200;
}

/** The chart's height: one panel per measure, stacked, each named (the legend above when it names members). */
export function explorerHeight(data: AnalyticsQueryResult, ctx: ChartContext): number {
  const measures = answerMeasures(data).length;
  const shape = shapeOf(data.rows);
  const per = panelHeight(shape, shape === "bars" ? categoriesOf(data.rows, ctx).length : 0, measures === 1);
  return LEGEND + measures * (per + TITLE + GAP);
}

/** Before the data: as tall as the answer will likely make it (one panel per measure). */
export const explorerHeightBefore = (measures: number) => LEGEND + measures * (measures === 1 ? 364 : 244);

/**
 * The Explorer's chart: one small multiple per measure, each titled with its measure and drawn
 * in its own unit: lines over time (per member of the first dimension), bars by the first
 * dimension (stacked by the second, beside the compared figures when there is a comparison), or
 * the total. The legend names the members; each panel's title names the measure.
 */
export function explorerOption(data: AnalyticsQueryResult, query: ExplorerQuery, ctx: ChartContext): EChartsCoreOption {
  const rows = data.rows;
  const measures = answerMeasures(data);
  const shape = shapeOf(rows);
  const categories = shape === "bars" ? categoriesOf(rows, ctx) : [];
  const times = shape === "time" ? [...new Set(rows.map((r) => r.time!))].sort() : [];
  const per = panelHeight(shape, categories.length, measures.length === 1);
  const twoDimensions = (rows[0]?.dimensions.length ?? 0) > 1;
  const compared = isComparing(query) && !twoDimensions;
  const titles: object[] = [];
  const grids: object[] = [];
  const xAxes: object[] = [];
  const yAxes: object[] = [];
  const series: object[] = [];

  measures.forEach((measure, index) => {
    const top = LEGEND + index * (per + TITLE + GAP) + TITLE;
    const unit = unitOf(data, measure);
    const format = (v: number) => formatMeasure(v, unit, ctx.locale);
    const name = measureLabel(measure, query, ctx);
    const axis = { gridIndex: index };
    const at = { xAxisIndex: index, yAxisIndex: index, tooltip: { valueFormatter: format } };
    titles.push({ text: name, top: top - TITLE, left: 0, textStyle: { fontSize: 13, fontWeight: 600 } });
    grids.push({ left: 8, right: 16, top, height: per, containLabel: true });
    const numbers =
      unit === "count"
        ? { ...valueAxis(ctx), ...axis }
        : { type: "value", ...axis, splitNumber: isNarrow(ctx) ? 2 : 4, axisLabel: { hideOverlap: true, formatter: format } };
    if (shape === "time") {
      const members = rows[0]?.dimensions.length ? topMembers(rows, 0, measure, ctx) : [name];
      xAxes.push({ type: "category", ...axis, data: times.map((t) => formatBucket(t, query.granularity, ctx.locale)) });
      yAxes.push(numbers);
      for (const member of members)
        series.push({
          type: "line",
          name: member,
          showSymbol: false,
          ...at,
          data: times.map((t) =>
            valueOf(
              rows.find((r) => r.time === t && (!r.dimensions.length || memberLabel(r, 0, ctx) === member))?.values ?? [],
              measure,
            ),
          ),
        });
      return;
    }
    if (shape === "total") {
      xAxes.push(numbers);
      yAxes.push({ type: "category", ...axis, data: [name] });
      series.push({ type: "bar", name, ...at, data: [valueOf(data.totals, measure)] });
      return;
    }
    const stacks = twoDimensions ? topMembers(rows, 1, measure, ctx) : [name];
    const sumOf = (category: string, stack: string, figure: "value" | "compared") =>
      rows
        .filter((r) => memberLabel(r, 0, ctx) === category && (!twoDimensions || memberLabel(r, 1, ctx) === stack))
        .reduce((sum, r) => sum + (figureOf(r.values, measure, figure) ?? 0), 0);
    xAxes.push(numbers);
    yAxes.push({ type: "category", inverse: true, ...axis, data: categories, axisLabel: categoryLabels(ctx) });
    for (const stack of stacks)
      series.push({
        type: "bar",
        name: stack,
        stack: twoDimensions ? `s${index}` : undefined,
        ...at,
        data: categories.map((c) => sumOf(c, stack, "value")),
      });
    if (compared)
      series.push({
        type: "bar",
        name: ctx.t("explorer.comparedSeries"),
        ...at,
        itemStyle: { color: "#9db7d5" },
        data: categories.map((c) => sumOf(c, name, "compared")),
      });
  });

  const legendNames = [...new Set(series.map((s) => (s as { name: string }).name))];
  const legendNeeded = legendNames.length > 1 || shape === "time";
  return {
    color: PALETTE,
    title: titles,
    legend: legendNeeded ? { top: 0, type: "scroll", data: legendNames } : { show: false },
    tooltip: { trigger: "axis", ...(shape === "time" ? {} : { axisPointer: { type: "shadow" } }) },
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    series,
  };
}
