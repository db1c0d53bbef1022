import { formatDate } from "@/format/date-format";
import { formatMeasure } from "@/format/number-format";
import type { AnalyticsQueryResult, AnalyticsRow } from "@/graphql/result-types";
import { valueOf } from "@/graphql/result-types";
import { analyticsField } from "../common-fields";
import { defineChart, isNarrow, PALETTE, type ChartContext, type TableColumn } from "../define-chart";
import { categoryLabels, valueAxis } from "../responsive-layout";
import { activeFilters, analyticsInput, parseExplorer } from "./explorer-query";

export interface ExplorerData {
  explorer: AnalyticsQueryResult;
}

/** Series drawn at most: beyond that a chart stops being readable (the table has them all). */
const MAX_SERIES = 8;

const memberLabel = (row: AnalyticsRow, i: number, ctx: ChartContext) =>
  ctx.label(row.dimensions[i]!.dimension, row.dimensions[i]!.code, row.dimensions[i]!.label);
const unitOf = (data: ExplorerData, measure: string) =>
  data.explorer.columns.find((c) => c.name === measure)?.unit ?? "count";

/** The members of dimension `i` with the largest totals of `measure`, largest first. */
function topMembers(rows: AnalyticsRow[], i: number, measure: string, ctx: ChartContext): string[] {
  const totals = new Map<string, number>();
  for (const row of rows)
    totals.set(
      memberLabel(row, i, ctx),
      (totals.get(memberLabel(row, i, ctx)) ?? 0) + (valueOf(row.values, measure) ?? 0),
    );
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_SERIES)
    .map(([label]) => label);
}

/**
 * The Explorer's automatic chart: lines over time (per measure, or per member of the first
 * dimension), bars by the first dimension (stacked by the second), or bars of the totals.
 */
export const explorerChart = defineChart<ExplorerData>({
  id: "explorer",
  titleKey: "explorer.result",
  height: 380,
  fields: (input) => {
    const query = parseExplorer(input.state.options);
    return [analyticsField("explorer", analyticsInput(query), input, activeFilters(query))];
  },
  isEmpty: (data) => data.explorer.rows.length === 0,
  toOption(data, ctx) {
    const rows = data.explorer.rows;
    const measures = data.explorer.columns.filter((c) => c.kind === "measure").map((c) => c.name);
    const first = measures[0]!;
    const format = (measure: string) => (v: number) => formatMeasure(v, unitOf(data, measure), ctx.locale);
    const base = {
      color: PALETTE,
      legend: { top: 0, type: "scroll" },
      tooltip: { trigger: "axis", valueFormatter: format(first) },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    };
    const hasTime = rows.some((r) => r.time);
    const hasDimension = (rows[0]?.dimensions.length ?? 0) > 0;
    if (hasTime) {
      const times = [...new Set(rows.map((r) => r.time!))].sort();
      const series = hasDimension
        ? topMembers(rows, 0, first, ctx).map((member) => ({
            type: "line",
            name: member,
            showSymbol: false,
            data: times.map((t) =>
              valueOf(rows.find((r) => r.time === t && memberLabel(r, 0, ctx) === member)?.values ?? [], first),
            ),
          }))
        : measures.slice(0, 3).map((m) => ({
            type: "line",
            name: ctx.t(`measures.${m}`),
            showSymbol: false,
            data: times.map((t) => valueOf(rows.find((r) => r.time === t)!.values, m)),
          }));
      return {
        ...base,
        xAxis: { type: "category", data: times.map((t) => formatDate(t, ctx.locale)) },
        yAxis: { type: "value", axisLabel: { formatter: format(first) } },
        series,
      };
    }
    if (!hasDimension) {
      return {
        ...base,
        xAxis: { type: "category", data: [ctx.t(`measures.${first}`)] },
        yAxis: { type: "value", axisLabel: { formatter: format(first) } },
        series: [{ type: "bar", name: ctx.t(`measures.${first}`), data: [valueOf(data.explorer.totals, first)] }],
      };
    }
    const categories = [...new Set(rows.map((r) => memberLabel(r, 0, ctx)))].slice(0, 40);
    const stacks =
      (rows[0]?.dimensions.length ?? 0) > 1 ? topMembers(rows, 1, first, ctx) : [ctx.t(`measures.${first}`)];
    const series = stacks.map((stack) => ({
      type: "bar",
      name: stack,
      stack: "total",
      data: categories.map((category) =>
        rows
          .filter(
            (r) => memberLabel(r, 0, ctx) === category && (r.dimensions.length < 2 || memberLabel(r, 1, ctx) === stack),
          )
          .reduce((sum, r) => sum + (valueOf(r.values, first) ?? 0), 0),
      ),
    }));
    // Counts get the shared value axis (compact ticks on a phone); other units keep their own format, fewer ticks on a phone.
    const xAxis =
      unitOf(data, first) === "count"
        ? valueAxis(ctx)
        : {
            type: "value",
            splitNumber: isNarrow(ctx) ? 2 : 5,
            axisLabel: { hideOverlap: true, formatter: format(first) },
          };
    return {
      ...base,
      tooltip: { ...base.tooltip, axisPointer: { type: "shadow" } },
      xAxis,
      yAxis: { type: "category", inverse: true, data: categories, axisLabel: categoryLabels(ctx) },
      series,
    };
  },
  toTable(data, ctx) {
    const columns: TableColumn[] = [];
    const rows = data.explorer.rows;
    if (rows.some((r) => r.time)) columns.push({ key: "time", label: ctx.t("table.date") });
    const dimensions = data.explorer.columns.filter((c) => c.kind === "dimension");
    for (const d of dimensions)
      columns.push(
        { key: `${d.name}Code`, label: `${d.label} (${ctx.t("table.code")})` },
        { key: d.name, label: d.label },
      );
    const measures = data.explorer.columns.filter((c) => c.kind === "measure");
    const shared = new Set<string>(rows.flatMap((r) => r.values.filter((v) => v.share !== null).map((v) => v.measure)));
    for (const m of measures) {
      columns.push({ key: m.name, label: ctx.t(`measures.${m.name}`), unit: m.unit ?? "count" });
      if (shared.has(m.name))
        columns.push({
          key: `${m.name}Share`,
          label: ctx.t("table.shareOf", { measure: ctx.t(`measures.${m.name}`) }),
          unit: "share",
        });
    }
    return {
      columns,
      rows: rows.map((row) => [
        ...(columns[0]?.key === "time" ? [row.time] : []),
        ...row.dimensions.flatMap((d, i) => [d.code, memberLabel(row, i, ctx)]),
        ...measures.flatMap((m) => [
          valueOf(row.values, m.name),
          ...(shared.has(m.name) ? [row.values.find((v) => v.measure === m.name)?.share ?? null] : []),
        ]),
      ]),
    };
  },
});
