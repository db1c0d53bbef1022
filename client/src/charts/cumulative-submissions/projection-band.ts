import { formatNumber } from "@/format/number-format";
import type { PanelField } from "@/graphql/panel-query";
import type { AnalyticsResult, ProjectionPoint } from "@/graphql/result-types";
import { valueOf } from "@/graphql/result-types";
import { PHASES } from "@/programme";
import { PALETTE, type Cell, type ChartContext, type ChartInput, type TableColumn } from "../define-chart";

/** What the band needs: the phase's valid initiatives so far, and their projection to the deadline. */
export interface ProjectionData {
  cumulativePhaseValid?: AnalyticsResult;
  cumulativeProjection?: ProjectionPoint[];
}

/** The phase whose deadline is still ahead of the as-of date; none at the end of the data or without an as-of inside a phase. */
export function openPhase(asOf: string | undefined): number | undefined {
  return PHASES.find((p) => asOf && asOf >= p.from && asOf < p.to)?.phase;
}

/**
 * The projection is the programme's (the confederation's target, counted in valid initiatives):
 * drawn only when the page's figures are the programme's too (no worker-category or field filter).
 */
export function projectionFields(input: ChartInput): PanelField[] {
  const phase = openPhase(input.state.asOf);
  if (!phase || input.state.category || input.state.field || (input.state.phase && input.state.phase !== String(phase)))
    return [];
  return [
    { alias: "cumulativeProjection", field: "projection", args: { asOf: input.state.asOf, phase } },
    {
      alias: "cumulativePhaseValid",
      field: "timeSeries",
      args: {
        measures: ["valid"],
        granularity: "DAY",
        cumulative: true,
        asOf: input.state.asOf,
        filters: [{ dimension: "phase", operator: "IN", values: [String(phase)] }],
        dateRange: { from: PHASES[phase - 1]!.from },
      },
    },
  ];
}

const utcDay = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`);
export const BAND_LOW = "projection-low";

/**
 * The phase's valid initiatives, their projected path to the deadline, and the 80 % interval as a
 * shaded band (drawn as a transparent floor plus the band's height, stacked), each named in the legend.
 */
export function projectionSeries(
  data: ProjectionData,
  ctx: ChartContext,
): { series: object[]; legend: Array<string | object>; deadline?: number } {
  const points = data.cumulativeProjection ?? [];
  const phase = openPhase(ctx.state.asOf);
  if (!points.length || !phase || !data.cumulativePhaseValid) return { series: [], legend: [] };
  const names = {
    actual: ctx.t("pace.actual", { n: phase }),
    projected: ctx.t("pace.projectedLine", { n: phase }),
    band: ctx.t("pace.band", { n: phase }),
  };
  const colour = PALETTE[2];
  const actual = data.cumulativePhaseValid.rows.map((r) => [utcDay(r.time!), valueOf(r.values, "valid")]);
  const last = actual.at(-1);
  const silentLine = { showSymbol: false, lineStyle: { opacity: 0 }, stack: "projection-band" };
  return {
    legend: [names.actual, names.projected, { name: names.band, icon: "rect" }],
    // Both axes run to the deadline, so the daily bars stay under the days they count.
    deadline: utcDay(points.at(-1)!.date),
    series: [
      { type: "line", name: names.actual, showSymbol: false, data: actual, color: colour, lineStyle: { width: 1.5 } },
      {
        type: "line",
        name: names.projected,
        showSymbol: false,
        color: colour,
        lineStyle: { type: "dashed", width: 1.5 },
        data: [...(last ? [last] : []), ...points.map((p) => [utcDay(p.date), p.projected])],
      },
      // The band's floor: not in the legend, not in the tooltip.
      { type: "line", id: BAND_LOW, name: BAND_LOW, ...silentLine, data: points.map((p) => [utcDay(p.date), p.low]) },
      {
        type: "line",
        name: names.band,
        ...silentLine,
        color: colour,
        areaStyle: { opacity: 0.22, color: colour },
        // The band's height; the tooltip reads its ends from the third and fourth values.
        data: points.map((p) => [utcDay(p.date), p.high - p.low, p.low, p.high]),
      },
    ],
  };
}

/** The tooltip's line for a band point: "80 %: 110.000–130.000". */
export const bandText = (value: number[], ctx: ChartContext) =>
  `${formatNumber(value[2], ctx.locale)}–${formatNumber(value[3], ctx.locale)}`;

/**
 * The band as table columns, so the data table, its CSV/XLSX and the chart's description hold what
 * the chart draws: the phase's valid initiatives by day up to the as-of date, then the projection and
 * its 80 % interval by day to the deadline (the as-of day has both). None without a band.
 */
export function projectionColumns(
  data: ProjectionData,
  ctx: ChartContext,
): { columns: TableColumn[]; byDate: Map<string, Cell[]> } {
  const points = data.cumulativeProjection ?? [];
  const phase = openPhase(ctx.state.asOf);
  if (!points.length || !phase || !data.cumulativePhaseValid) return { columns: [], byDate: new Map() };
  const columns: TableColumn[] = [
    { key: "phaseValid", label: ctx.t("pace.actual", { n: phase }), unit: "count" },
    { key: "projected", label: ctx.t("pace.projectedLine", { n: phase }), unit: "count" },
    { key: "projectedLow", label: ctx.t("pace.bandLow"), unit: "count" },
    { key: "projectedHigh", label: ctx.t("pace.bandHigh"), unit: "count" },
  ];
  const byDate = new Map<string, Cell[]>();
  for (const r of data.cumulativePhaseValid.rows) byDate.set(r.time!, [valueOf(r.values, "valid"), null, null, null]);
  for (const p of points) byDate.set(p.date, [byDate.get(p.date)?.[0] ?? null, p.projected, p.low, p.high]);
  return { columns, byDate };
}
