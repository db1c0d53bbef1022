import type { AnalyticsQueryInput, Dimension, FilterValue, Granularity, Measure } from "@/graphql/panel-query";

/** A filter as the analyst sets it up (a dimension chosen, maybe no value yet). */
export interface ExplorerFilter {
  dimension: string;
  operator?: "IN" | "NOT_IN";
  values: string[];
}

/** The analyst's question, as the Explorer keeps it in the URL (short keys: m, d, g, cum, f, p, lim). */
export interface ExplorerQuery {
  measures: string[];
  dimensions: string[];
  granularity?: string;
  cumulative: boolean;
  filters: ExplorerFilter[];
  parentUnit?: string;
  limit: number;
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
  };
}

/** The `analytics(query)` input for a question, without filters: analyticsField adds them with the page's. */
export function analyticsInput(query: ExplorerQuery): Omit<AnalyticsQueryInput, "asOf" | "filters"> {
  return {
    measures: query.measures as Measure[],
    ...(query.dimensions.length ? { dimensions: query.dimensions as Dimension[] } : {}),
    ...(query.granularity
      ? { timeDimension: { granularity: query.granularity as Granularity, cumulative: query.cumulative } }
      : {}),
    ...(query.dimensions.includes("unit") && query.parentUnit ? { parentUnit: query.parentUnit } : {}),
    limit: query.limit,
  };
}

/** A shell command that asks the same question (POSIX quoting). */
export function curlCommand(origin: string, document: { query: string; variables: Record<string, unknown> }): string {
  const body = JSON.stringify({ query: document.query, variables: document.variables });
  return `curl -s '${origin}/graphql' -H 'content-type: application/json' --data-binary '${body.replace(/'/g, "'\\''")}'`;
}
