import type { AnalyticsQueryInput, Dimension, FilterValue, Measure, PanelField } from "@/graphql/panel-query";
import { CONFEDERATION_UNIT } from "@/programme";
import { filtersOf } from "@/state/dashboard-state";
import type { ChartInput } from "./define-chart";

/** The page's filters, plus the unit a unit page shows (the confederation's figures are the unfiltered whole). */
export function scopeFilters(input: ChartInput, extra: FilterValue[] = []): FilterValue[] {
  const unit: FilterValue[] =
    input.unit && input.unit !== CONFEDERATION_UNIT
      ? [{ dimension: "unit", operator: "EQUALS", values: [input.unit] }]
      : [];
  return [...filtersOf(input.state), ...unit, ...extra];
}

/** `shares(measure, dimension)`: a split with each part's share of the whole. */
export function sharesField(alias: string, measure: Measure, dimension: Dimension, input: ChartInput): PanelField {
  return { alias, field: "shares", args: { measure, dimension, asOf: input.state.asOf, filters: scopeFilters(input) } };
}

/** `analytics(query)`: the general query, with the page's as-of date and filters. */
export function analyticsField(
  alias: string,
  query: Omit<AnalyticsQueryInput, "asOf" | "filters">,
  input: ChartInput,
  extraFilters: FilterValue[] = [],
): PanelField {
  const filters = scopeFilters(input, extraFilters);
  const { asOf } = input.state;
  return {
    alias,
    field: "analytics",
    args: { query: { ...query, ...(asOf ? { asOf } : {}), ...(filters.length ? { filters } : {}) } },
  };
}
