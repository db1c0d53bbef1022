import type { EChartsCoreOption } from "echarts/core";
import type { PanelField } from "@/graphql/panel-query";
import type { DashboardState } from "@/state/dashboard-state";
import type { Locale, MeasureUnit } from "@/format/number-format";

/** What a chart knows besides its data: language, labels from `meta`, the URL state. */
export interface ChartContext {
  locale: Locale;
  t: (key: string, named?: Record<string, unknown>) => string;
  /** Label of a dimension member in the current language (from `meta`), or the given fallback. */
  label: (dimension: string, code: string, fallback?: string) => string;
  state: DashboardState;
  /** The width the chart is drawn at, in CSS pixels (unknown before the panel is laid out): layouts adapt to it. */
  width?: number;
}

/** Below this width a chart is laid out for a phone: labels shorter, legends and ticks fewer. */
export const NARROW = 600;
/** Whether the chart is drawn narrow (a phone, or a half-width panel on a small tablet). */
export const isNarrow = (ctx: Pick<ChartContext, "width">) => (ctx.width ?? NARROW) < NARROW;

export interface ChartInput {
  state: DashboardState;
  /** The unit a unit page shows (CONFEDERATION_UNIT for the confederation). */
  unit?: string;
}

export type Cell = string | number | null;

export interface TableColumn {
  key: string;
  label: string;
  /** Absent for text columns; numbers keep their raw value in CSV and are formatted on screen. */
  unit?: MeasureUnit | "share";
}

/** The table behind a chart: shown by "view as table" and written by "download CSV". */
export interface TableData {
  columns: TableColumn[];
  rows: Cell[][];
}

/**
 * A chart is data, not a component: which fields it asks the API for, and two pure functions
 * that turn the answer into an ECharts option and into a table. Both are tested without a DOM.
 */
export interface ChartDefinition<TData = Record<string, unknown>> {
  /** Stable id: the GraphQL alias prefix, the `?embed=` value and the download file name. */
  id: string;
  titleKey: string;
  /** A title that depends on the question (the Explorer names what it charts); titleKey otherwise. */
  title?(input: ChartInput, ctx: ChartContext): string;
  fields(input: ChartInput): PanelField[];
  toOption(data: TData, ctx: ChartContext): EChartsCoreOption;
  toTable(data: TData, ctx: ChartContext): TableData;
  isEmpty(data: TData): boolean;
  /** Height of the chart on a laptop, in pixels (or as tall as the rows it shows). */
  height?: number | ((data: TData, ctx: ChartContext) => number);
  /** For a height that depends on the data: the panel's height while the data loads, so nothing shifts when it comes. */
  heightBeforeData?: number | ((ctx: ChartContext) => number);
  /** Long rankings show their first rows until the reader asks for all (`all=<id>` in the URL). */
  expandable?: { shown: number; total(data: TData): number };
  /** A line under the chart saying what exactly it counts, when the title cannot. */
  noteKey?: string;
  /** Settings the reader can change, kept in the URL (e.g. the map's measure). */
  controls?: ChartControl[];
  /** Loads what the chart needs besides the API answer (e.g. map geometry), merged into its data. */
  prepare?(ctx: ChartContext): Promise<Partial<TData>>;
  /** Which figures of the revision log this chart shows ("national", "topUnit", "province", "workerCategory", "field"): marked "Đã điều chỉnh". */
  revisionScope?: string;
  /** Where a click on a data item leads, if anywhere. */
  linkOf?(item: { name?: string; data?: unknown }, ctx: ChartContext): string | undefined;
}

export interface ChartControl {
  /** URL query key. */
  key: string;
  labelKey: string;
  /** The first choice is the default, left out of the URL. */
  choices: Array<{ value: string; labelKey: string }>;
}

export function defineChart<TData>(definition: ChartDefinition<TData>): ChartDefinition<TData> {
  return definition;
}

/** Colours with enough contrast on white, distinguishable for the common colour-vision deficiencies. */
export const PALETTE = ["#1f5fa8", "#e07b24", "#2a9d6f", "#c0392b", "#7b5ea7", "#8c6d31", "#d35fa5", "#5c6b73"];
