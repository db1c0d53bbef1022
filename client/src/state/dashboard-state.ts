import type { LocationQuery, LocationQueryRaw } from "vue-router";
import type { FilterValue } from "@/graphql/panel-query";

/**
 * Everything a view shows is decided by the URL, so a copied link reopens the same view and
 * the back button works. This is the parsed, validated form of the query string.
 */
export interface DashboardState {
  /** Vietnam date whose 24h the figures are as of; undefined means the end of the data. */
  asOf?: string;
  phase?: string;
  category?: string;
  field?: string;
  /** A published release to read the figures as published ("2023-10-06.1", or "live"); undefined: the API's default. */
  release?: string;
  lang: "vi" | "en";
  /** A chart id: render that chart alone, for an iframe. */
  embed?: string;
  /** Per-chart settings, e.g. mapMeasure=valid, map=2025, all=provinces. */
  options: Record<string, string>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[\p{L}\p{N}_.-]{1,40}$/u;
/** Chart and explorer settings: codes, the separators the explorer's lists use, and the free text of a derived measure's label. */
const OPTION_VALUE = /^[\p{L}\p{N} _.,:;|~/()%+−-]{1,600}$/u;
/** Release ids are short readable strings ("2023-10-06.1") or "live". */
const RELEASE = /^[A-Za-z0-9_.:-]{1,40}$/;
const SHARED_KEYS = ["asOf", "phase", "category", "field", "release", "lang", "embed"];

function single(value: LocationQuery[string]): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" && first !== "" ? first : undefined;
}

/** Unknown or malformed values are dropped rather than sent to the server. */
export function parseState(query: LocationQuery): DashboardState {
  const asOf = single(query.asOf);
  const code = (key: string) => {
    const value = single(query[key]);
    return value && CODE.test(value) ? value : undefined;
  };
  const options: Record<string, string> = {};
  for (const key of Object.keys(query)) {
    const value = single(query[key]);
    if (!SHARED_KEYS.includes(key) && /^[A-Za-z][A-Za-z-]{0,19}$/.test(key) && value && OPTION_VALUE.test(value))
      options[key] = value;
  }
  return {
    asOf: asOf && DATE.test(asOf) ? asOf : undefined,
    phase: code("phase"),
    category: code("category"),
    field: code("field"),
    release: RELEASE.test(single(query.release) ?? "") ? single(query.release) : undefined,
    lang: single(query.lang) === "en" ? "en" : "vi",
    embed: code("embed"),
    options,
  };
}

/** The query string for a state; defaults are left out so links stay short. */
export function toQuery(state: DashboardState): LocationQueryRaw {
  const query: LocationQueryRaw = { ...state.options };
  if (state.asOf) query.asOf = state.asOf;
  if (state.phase) query.phase = state.phase;
  if (state.category) query.category = state.category;
  if (state.field) query.field = state.field;
  if (state.release) query.release = state.release;
  if (state.lang === "en") query.lang = "en";
  if (state.embed) query.embed = state.embed;
  return query;
}

/** The filters every panel applies. */
export function filtersOf(state: DashboardState): FilterValue[] {
  const filters: FilterValue[] = [];
  if (state.phase) filters.push({ dimension: "phase", operator: "IN", values: [state.phase] });
  if (state.category) filters.push({ dimension: "workerCategory", operator: "IN", values: [state.category] });
  if (state.field) filters.push({ dimension: "field", operator: "IN", values: [state.field] });
  return filters;
}
