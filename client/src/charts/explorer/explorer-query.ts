import type { Dimension, FilterValue } from "@/graphql/panel-query";
import {
  formatCompare,
  formatDerived,
  formatOrder,
  formatPivot,
  isComplete,
  isDate,
  isName,
  parseCompare,
  parseDerived,
  parseOrder,
  parsePivot,
  type DerivedMeasure,
  type ExplorerCompare,
  type ExplorerOrder,
  type PivotSettings,
} from "./explorer-parts";

/** A filter as the analyst sets it up (a dimension chosen, maybe no value yet). */
export interface ExplorerFilter {
  dimension: string;
  operator?: "IN" | "NOT_IN";
  values: string[];
}

/**
 * The analyst's question, as the Explorer keeps it in the URL (short keys: m, d, g, cum, f, p,
 * lim, o sort, s shares, from/to date range, c comparison, dv derived measures, pv pivot).
 */
export interface ExplorerQuery {
  measures: string[];
  dimensions: string[];
  granularity?: string;
  cumulative: boolean;
  filters: ExplorerFilter[];
  parentUnit?: string;
  limit: number;
  order?: ExplorerOrder;
  /** Measures whose share of the total each row also gets. */
  share: string[];
  dateRange?: { from?: string; to?: string };
  compare?: ExplorerCompare;
  derived: DerivedMeasure[];
  /** Present when the answer is also shown as a pivot (rows × columns). */
  pivot?: PivotSettings;
}

export const GRANULARITIES = ["DAY", "WEEK", "MONTH", "QUARTER", "YEAR"];
export const OPERATORS = ["IN", "NOT_IN"] as const;
export const MAX_DIMENSIONS = 5;
export const DEFAULT_LIMIT = 1000;
export const DEFAULT_QUERY: ExplorerQuery = {
  measures: ["submissions"],
  dimensions: ["workerCategory"],
  cumulative: false,
  filters: [],
  limit: DEFAULT_LIMIT,
  share: [],
  derived: [],
};

/** In the URL, "no breakdown" must differ from "the default breakdown" (an absent key). */
const NO_DIMENSIONS = "-";
const list = (text: string | undefined) => (text ? text.split(",").filter(Boolean) : []);

/** "workerCategory:IN:ENTERPRISE|PUBLIC_SERVICE;field:NOT_IN:HEALTH" ⇄ filters. */
export function parseFilters(text: string | undefined): ExplorerFilter[] {
  return (text ?? "")
    .split(";")
    .filter(Boolean)
    .flatMap((part) => {
      const [dimension, operator, values = ""] = part.split(":");
      if (!dimension || !OPERATORS.includes(operator as (typeof OPERATORS)[number])) return [];
      return [{ dimension, operator: operator as "IN" | "NOT_IN", values: values.split("|").filter(Boolean) }];
    });
}

/** Filters still being set up (no value chosen yet) stay in the URL but are not sent. */
export function formatFilters(filters: ExplorerFilter[]): string | undefined {
  const parts = filters.map((f) => `${f.dimension}:${f.operator ?? "IN"}:${f.values.join("|")}`);
  return parts.length ? parts.join(";") : undefined;
}

/** Names come from the URL or `meta`: the server checks them against its catalogue. */
export function activeFilters(query: ExplorerQuery): FilterValue[] {
  return query.filters.filter((f) => f.values.length > 0).map((f) => ({ ...f, dimension: f.dimension as Dimension }));
}

export function parseExplorer(options: Record<string, string>): ExplorerQuery {
  const measures = list(options.m);
  const limit = Number(options.lim);
  const from = isDate(options.from) ? options.from : undefined;
  const to = isDate(options.to) ? options.to : undefined;
  const order = parseOrder(options.o);
  const compare = parseCompare(options.c);
  const pivot = parsePivot(options.pv);
  return {
    measures: measures.length ? measures : DEFAULT_QUERY.measures,
    dimensions:
      options.d === undefined
        ? DEFAULT_QUERY.dimensions
        : options.d === NO_DIMENSIONS
          ? []
          : list(options.d).slice(0, MAX_DIMENSIONS),
    granularity: GRANULARITIES.includes(options.g ?? "") ? options.g : undefined,
    cumulative: options.cum === "1",
    filters: parseFilters(options.f),
    parentUnit: options.p,
    limit: Number.isInteger(limit) && limit >= 1 && limit <= 10_000 ? limit : DEFAULT_LIMIT,
    share: list(options.s).filter(isName),
    derived: parseDerived(options.dv),
    ...(order ? { order } : {}),
    ...(from || to ? { dateRange: { ...(from ? { from } : {}), ...(to ? { to } : {}) } } : {}),
    ...(compare ? { compare } : {}),
    ...(pivot ? { pivot } : {}),
  };
}

/** The URL settings for a question; defaults are left out. */
export function explorerOptions(query: ExplorerQuery): Record<string, string | undefined> {
  return {
    m: query.measures.join(","),
    d:
      query.dimensions.join(",") === DEFAULT_QUERY.dimensions.join(",")
        ? undefined
        : query.dimensions.join(",") || NO_DIMENSIONS,
    g: query.granularity,
    cum: query.granularity && query.cumulative ? "1" : undefined,
    f: formatFilters(query.filters),
    p: query.dimensions.includes("unit") ? query.parentUnit : undefined,
    lim: query.limit === DEFAULT_LIMIT ? undefined : String(query.limit),
    o: formatOrder(query.order),
    s: query.share.length ? query.share.join(",") : undefined,
    from: query.dateRange?.from,
    to: query.dateRange?.to,
    c: formatCompare(query.compare),
    dv: formatDerived(query.derived),
    pv: formatPivot(query.pivot),
  };
}

/** Whether the question is sent with a comparison (one being set up is not). */
export const isComparing = (query: ExplorerQuery) => Boolean(query.compare && isComplete(query.compare));

/** Every measure the question charts and tabulates: the catalogue's, then the analyst's own. */
export const allMeasures = (query: ExplorerQuery) => [...query.measures, ...query.derived.map((d) => d.name)];

/** A shell command that asks the same question (POSIX quoting). */
export function curlCommand(origin: string, document: { query: string; variables: Record<string, unknown> }): string {
  const body = JSON.stringify({ query: document.query, variables: document.variables });
  return `curl -s '${origin}/graphql' -H 'content-type: application/json' --data-binary '${body.replace(/'/g, "'\\''")}'`;
}
