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
/** Room for one row of the legend; a legend wider than the chart wraps onto more rows. */
const LEGEND_ROW = 24;

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

/** Rows a plain legend of these names wraps onto at the chart's width (about 7 px a character, 35 px an item's symbol and gap). */
function legendRows(names: string[], ctx: ChartContext): number {
  if (!names.length) return 0;
  const width = Math.max(200, (ctx.width ?? 800) - 16);
  let rows = 1;
  let used = 0;
  for (const name of names) {
    const item = name.length * 7 + 35;
    if (used + item > width && used > 0) {
      rows += 1;
      used = 0;
    }
    used += item;
  }
  return rows;
}

/** The chart's height: the legend's rows, then one panel per measure, stacked, each named. */
export function explorerHeight(data: AnalyticsQueryResult, query: ExplorerQuery, ctx: ChartContext): number {
  const measures = answerMeasures(data).length;
  const shape = shapeOf(data.rows);
  const per = panelHeight(shape, shape === "bars" ? categoriesOf(data.rows, ctx).length : 0, measures === 1);
  return legendHeight(legendNames(data, query, ctx), ctx) + measures * (per + TITLE + GAP);
}
const legendHeight = (names: string[], ctx: ChartContext) => legendRows(names, ctx) * LEGEND_ROW + 8;

interface Drawn {
  titles: Array<{ top?: number }>;
  grids: Array<{ top?: number; height: number }>;
  series: Array<{ name: string }>;
}

/** Before the data: as tall as the answer will likely make it (one panel per measure). */
export const explorerHeightBefore = (measures: number) => 30 + measures * (measures === 1 ? 364 : 244);

/** The legend's names: the members drawn, or the measures over time; none when each panel's title says it all. */
function legendNames(data: AnalyticsQueryResult, query: ExplorerQuery, ctx: ChartContext): string[] {
  const names = [...new Set(draw(data, query, ctx).series.map((s) => s.name))];
  return names.length > 1 || shapeOf(data.rows) === "time" ? names : [];
}

/**
 * The Explorer's chart: one small multiple per measure, each titled with its measure and drawn
 * in its own unit: lines over time (per member of the first dimension), bars by the first
 * dimension (stacked by the second, beside the compared figures when there is a comparison), or
 * the total. The legend names the members; each panel's title names the measure.
 */
export function explorerOption(data: AnalyticsQueryResult, query: ExplorerQuery, ctx: ChartContext): EChartsCoreOption {
  const { titles, grids, series, xAxes, yAxes, shape } = draw(data, query, ctx);
  const legend = legendNames(data, query, ctx);
  // The panels are placed below the legend, however many rows it wraps onto.
  let top = legendHeight(legend, ctx);
  grids.forEach((grid, i) => {
    titles[i]!.top = top;
    grid.top = top + TITLE;
    top += TITLE + grid.height + GAP;
  });
  return {
    color: PALETTE,
    title: titles,
    legend: legend.length ? { top: 0, data: legend } : { show: false },
    tooltip: { trigger: "axis", ...(shape === "time" ? {} : { axisPointer: { type: "shadow" } }) },
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    series,
  };
}

/** Each measure's panel: its title, grid, axes and series (placed by explorerOption). */
function draw(data: AnalyticsQueryResult, query: ExplorerQuery, ctx: ChartContext) {
  const rows = data.rows;
  const measures = answerMeasures(data);
  const shape = shapeOf(rows);
  const categories = shape === "bars" ? categoriesOf(rows, ctx) : [];
  const times = shape === "time" ? [...new Set(rows.map((r) => r.time!))].sort() : [];
  const per = panelHeight(shape, categories.length, measures.length === 1);
  const twoDimensions = (rows[0]?.dimensions.length ?? 0) > 1;
  const compared = isComparing(query) && !twoDimensions;
  const titles: Drawn["titles"] = [];
  const grids: Drawn["grids"] = [];
  const xAxes: object[] = [];
  const yAxes: object[] = [];
  const series: Array<{ name: string } & Record<string, unknown>> = [];

  measures.forEach((measure, index) => {
    const unit = unitOf(data, measure);
    const format = (v: number) => formatMeasure(v, unit, ctx.locale);
    const name = measureLabel(measure, query, ctx);
    const axis = { gridIndex: index };
    const at = { xAxisIndex: index, yAxisIndex: index, tooltip: { valueFormatter: format } };
    titles.push({ text: name, left: 0, textStyle: { fontSize: 13, fontWeight: 600 } } as { top?: number });
    grids.push({ left: 8, right: 16, height: per, outerBoundsMode: "same", outerBoundsContain: "axisLabel" } as {
      height: number;
    });
    const numbers =
      unit === "count"
        ? { ...valueAxis(ctx), ...axis }
        : {
            type: "value",
            ...axis,
            splitNumber: isNarrow(ctx) ? 2 : 4,
            axisLabel: { hideOverlap: true, formatter: format },
          };
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
              rows.find((r) => r.time === t && (!r.dimensions.length || memberLabel(r, 0, ctx) === member))?.values ??
                [],
              measure,
            ),
          ),
        });
      // Over time without a breakdown, the compared figures as a dashed line beside each measure's own.
      if (isComparing(query) && !rows[0]?.dimensions.length)
        series.push({
          type: "line",
          name: ctx.t("explorer.comparedSeries"),
          showSymbol: false,
          ...at,
          lineStyle: { type: "dashed" },
          itemStyle: { color: "#7f9cc0" },
          data: times.map((t) => figureOf(rows.find((r) => r.time === t)?.values ?? [], measure, "compared")),
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

  return { titles, grids, series, xAxes, yAxes, shape };
}
