import { formatDate, formatMonth, formatVietnamMinute } from "@/format/date-format";
import { formatNumber } from "@/format/number-format";
import type { PanelField } from "@/graphql/panel-query";
import { valueOf, type AnalyticsResult, type Milestone } from "@/graphql/result-types";
import { PHASES } from "@/programme";
import { scopeFilters } from "../common-fields";
import { defineChart, isNarrow, PALETTE, type ChartContext, type ChartInput } from "../define-chart";
import { valueAxis } from "../responsive-layout";
import {
  bandText,
  BAND_LOW,
  projectionColumns,
  projectionFields,
  projectionSeries,
  type ProjectionData,
} from "./projection-band";

export interface CumulativeData extends ProjectionData {
  cumulativeDaily: AnalyticsResult;
  cumulativeTotal: AnalyticsResult;
  cumulativeMilestones: Milestone[];
}

/** The counts leadership watched: the phase-1 target and the programme's million. */
export const ANNOTATED_COUNTS = [300_000, 1_000_000];

function series(input: ChartInput, alias: string, cumulative: boolean): PanelField {
  return {
    alias,
    field: "timeSeries",
    args: {
      measures: ["submissions"],
      granularity: "DAY",
      cumulative,
      asOf: input.state.asOf,
      filters: scopeFilters(input),
    },
  };
}

const utcDay = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`);
const dayOf = (utcMs: number) => new Date(utcMs).toISOString().slice(0, 10);

/**
 * Where the national count crossed each annotated count (the programme's targets), at the exact minute.
 * Under a filter the curve is a subset's, which the programme's targets were never set for: no line.
 */
export function crossings(
  data: CumulativeData,
  ctx: ChartContext,
): Array<{ count: number; date: string; label: string }> {
  if (scopeFilters({ state: ctx.state }).length > 0) return [];
  return ANNOTATED_COUNTS.flatMap((count) => {
    const row = data.cumulativeTotal.rows.find((r) => (valueOf(r.values, "submissions") ?? 0) >= count);
    if (!row?.time) return [];
    const milestone = data.cumulativeMilestones.find((m) => m.count === count);
    const when = milestone
      ? formatVietnamMinute(milestone.reachedAtVietnam, ctx.locale)
      : formatDate(row.time, ctx.locale);
    return [{ count, date: row.time, label: `${formatNumber(count, ctx.locale)} · ${when}` }];
  });
}

/** Cumulative submissions with the phases shaded and the milestones marked; daily counts beneath. */
export const cumulativeSubmissionsChart = defineChart<CumulativeData>({
  id: "cumulative",
  titleKey: "charts.cumulative",
  revisionScope: "national",
  height: 420,
  fields: (input) => [
    series(input, "cumulativeDaily", false),
    series(input, "cumulativeTotal", true),
    { alias: "cumulativeMilestones", field: "milestones", args: { asOf: input.state.asOf } },
    ...projectionFields(input),
  ],
  isEmpty: (data) => data.cumulativeTotal.rows.length === 0,
  toOption(data, ctx) {
    const total = data.cumulativeTotal.rows.map((r) => [utcDay(r.time!), valueOf(r.values, "submissions")]);
    const daily = data.cumulativeDaily.rows.map((r) => [utcDay(r.time!), valueOf(r.values, "submissions")]);
    const narrow = isNarrow(ctx);
    // Mid-phase, the phase's valid initiatives with their projection and 80 % band to the deadline.
    const projection = projectionSeries(data, ctx);
    const top = projection.series.length ? (narrow ? 64 : 44) : 28;
    // Phase 1 is a quarter of the axis: on a phone its full name would run into phase 2's.
    const phaseLabel = (phase: number) =>
      narrow
        ? ctx.t("charts.phaseShort", { n: phase })
        : ctx.label("phase", String(phase), ctx.t("charts.phase", { n: phase }));
    return {
      // Calendar days are Vietnam dates: placed and labelled in UTC so the reader's time zone cannot shift them.
      useUTC: true,
      color: [PALETTE[0], PALETTE[1]],
      legend: projection.legend.length ? { top: 0, data: projection.legend } : { show: false },
      tooltip: {
        trigger: "axis",
        formatter: (items: Array<{ seriesId?: string; seriesName: string; value: number[] }>) =>
          `${formatDate(dayOf(items[0]!.value[0]!), ctx.locale)}<br/>` +
          items
            .filter((i) => i.seriesId !== BAND_LOW)
            .map(
              (i) =>
                `${i.seriesName}: ${i.value.length > 2 ? bandText(i.value, ctx) : formatNumber(i.value[1], ctx.locale)}`,
            )
            .join("<br/>"),
      },
      axisPointer: { link: [{ xAxisIndex: "all" }] },
      grid: [
        { left: 8, right: 16, top, height: "56%", outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
        { left: 8, right: 16, top: "74%", bottom: 24, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
      ],
      xAxis: [
        { type: "time", gridIndex: 0, axisLabel: { show: false }, max: projection.deadline },
        {
          type: "time",
          gridIndex: 1,
          max: projection.deadline,
          splitNumber: narrow ? 3 : 6,
          minInterval: 28 * 86_400_000,
          // The first and last months stay inside the canvas instead of centred on the edge.
          axisLabel: {
            hideOverlap: true,
            alignMinLabel: "left",
            alignMaxLabel: "right",
            formatter: (v: number) => formatMonth(dayOf(v), ctx.locale),
          },
        },
      ],
      yAxis: [
        { ...valueAxis(ctx, 5), gridIndex: 0 },
        { ...valueAxis(ctx, 2), gridIndex: 1 },
      ],
      series: [
        {
          type: "line",
          name: ctx.t("charts.cumulativeTotal"),
          showSymbol: false,
          data: total,
          areaStyle: { opacity: 0.08 },
          markArea: {
            silent: true,
            itemStyle: { color: "rgba(31,95,168,0.06)" },
            label: { position: "insideTopLeft", color: "#445" },
            data: PHASES.map((p) => [{ name: phaseLabel(p.phase), xAxis: utcDay(p.from) }, { xAxis: utcDay(p.to) }]),
          },
          markLine: {
            symbol: "none",
            lineStyle: { type: "dashed", color: "#888" },
            label: { position: "insideStartTop", formatter: (p: { name: string }) => p.name },
            data: crossings(data, ctx).map((c) => ({ name: c.label, yAxis: c.count })),
          },
        },
        { type: "bar", name: ctx.t("charts.daily"), xAxisIndex: 1, yAxisIndex: 1, data: daily, barMaxWidth: 3 },
        ...projection.series,
      ],
    };
  },
  toTable(data, ctx) {
    const daily = new Map(data.cumulativeDaily.rows.map((r) => [r.time, valueOf(r.values, "submissions")]));
    const total = new Map(data.cumulativeTotal.rows.map((r) => [r.time!, valueOf(r.values, "submissions")]));
    // Mid-phase, the band's days run past the data to the deadline: their submissions are empty, not 0.
    const band = projectionColumns(data, ctx);
    const dates = [...new Set([...total.keys(), ...band.byDate.keys()])].sort();
    const none = band.columns.map(() => null);
    return {
      columns: [
        { key: "date", label: ctx.t("table.date") },
        { key: "daily", label: ctx.t("charts.daily"), unit: "count" },
        { key: "cumulative", label: ctx.t("charts.cumulativeTotal"), unit: "count" },
        ...band.columns,
      ],
      rows: dates.map((date) => [
        date,
        total.has(date) ? (daily.get(date) ?? 0) : null,
        total.get(date) ?? null,
        ...(band.byDate.get(date) ?? none),
      ]),
    };
  },
});
