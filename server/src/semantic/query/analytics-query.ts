import type { MeasureDefinition } from "../registry/measures";
import type { AsOf } from "../time/as-of";

/** What a client asks (after GraphQL decoding), before it is checked. */
export interface AnalyticsQuery {
  measures: string[];
  dimensions?: string[];
  /** For the `unit` dimension: whose children to list (a unit code; default the confederation). */
  parentUnit?: string;
  filters?: Array<{ dimension: string; operator: FilterOperator; values: string[] }>;
  /** Vietnam dates, inclusive ("2022-01-08" to "2022-05-31"), or instants with an offset. */
  dateRange?: { from?: string; to?: string };
  timeDimension?: { granularity: Granularity; cumulative?: boolean };
  /** Default: the end of the data. */
  asOf?: AsOf;
  order?: Array<{ by: string; direction?: "ASC" | "DESC" }>;
  limit?: number;
  offset?: number;
  /** Measures for which each row also gets its share of the total. */
  share?: string[];
  /** False forces the base table (to compare, or to check a rollup). */
  useRollups?: boolean;
  /** The same figures at another point, beside each value (semantic/compare/). */
  compare?: CompareQuestion;
  /** Ratios and differences of two measures, declared in the question (registry/derived-measures.ts). */
  derived?: DerivedMeasureQuestion[];
}

/**
 * What to compare with: the previous period of the same length, the same day of the previous
 * phase, or an explicit as-of or date range (semantic/compare/compared-question.ts says exactly).
 */
export type CompareTo = "PREVIOUS_PERIOD" | "PREVIOUS_PHASE_SAME_DAY" | "AS_OF" | "DATE_RANGE";

export interface CompareQuestion {
  to: CompareTo;
  /** For AS_OF. */
  asOf?: AsOf;
  /** For DATE_RANGE. */
  dateRange?: { from?: string; to?: string };
  /** For PREVIOUS_PERIOD without a date range: how many days earlier (default 7). */
  days?: number;
}

/** A ratio (left ÷ right × scale) or a difference (left − right) of two registry measures. */
export interface DerivedMeasureQuestion {
  name: string;
  op: "RATIO" | "DIFFERENCE";
  left: string;
  right: string;
  label?: string;
  labelEn?: string;
  unit?: string;
  format?: string;
  scale?: number;
}

export type FilterOperator = "EQUALS" | "IN" | "NOT_IN";
export type Granularity = "DAY" | "WEEK" | "MONTH" | "QUARTER" | "YEAR";

export const MAX_LIMIT = 10_000;
export const MAX_DIMENSIONS = 5;
/** Values in one filter: every top-level unit (83) or province (63) fits; each unit code is looked up. */
export const MAX_FILTER_VALUES = 200;

export interface ParentUnit {
  id: number;
  code: string;
  path: string;
  depth: number;
  tier: number;
}

/** The checked query: names resolved, member codes turned into stored keys, instants in ms. */
export interface NormalizedQuery {
  measures: string[];
  /** Event and attribute measures to fetch: the requested ones and the parts of derived ones. */
  components: string[];
  dimensions: string[];
  parentUnit: ParentUnit;
  filters: Array<{
    dimension: string;
    operator: FilterOperator;
    keys: Array<number | string>;
    /** For a unit filter: the depth its units share in the tree, if they share one (rollups key units by level). */
    unitDepth?: number;
  }>;
  /** Events at or after `from` and before `before` (ms), when asked. */
  range?: { from: number; before: number };
  time?: { granularity: Granularity; cumulative: boolean };
  asOf: number;
  /** Where time series begin when no date range says otherwise: the first day of the data. */
  seriesStart: number;
  /** The end of the day of the last event: as of then or later, every event counts. */
  dataEnd: number;
  order: Array<{ by: string; direction: "ASC" | "DESC" }>;
  limit: number;
  offset: number;
  share: string[];
  useRollups: boolean;
  /** The question's own derived measures, checked: definitions like the registry's ratios and differences. */
  derived: MeasureDefinition[];
}
