import { ANALYTICS_SELECTION, arg, type FilterValue, type PanelField } from "@/graphql/panel-query";
import { filtersOf } from "@/state/dashboard-state";
import type { ChartInput } from "./define-chart";

/** The page's filters, plus the unit a unit page shows. */
export function scopeFilters(input: ChartInput, extra: FilterValue[] = []): FilterValue[] {
  const unit = input.unit && input.unit !== "TLĐ" ? [{ dimension: "unit", operator: "EQUALS" as const, values: [input.unit] }] : [];
  return [...filtersOf(input.state), ...unit, ...extra];
}

/** `shares(measure, dimension)`: a split with each part's share of the whole. */
export function sharesField(alias: string, measure: string, dimension: string, input: ChartInput): PanelField {
  return {
    alias,
    field: "shares",
    args: { measure: arg.measure(measure), dimension: arg.dimension(dimension), asOf: arg.asOf(input.state.asOf), filters: arg.filters(scopeFilters(input)) },
    selection: ANALYTICS_SELECTION,
  };
}

/** `analytics(query)`: the general query, with the page's as-of date and filters. */
export function analyticsField(alias: string, query: Record<string, unknown>, input: ChartInput, extraFilters: FilterValue[] = [], selection = ANALYTICS_SELECTION): PanelField {
  const filters = scopeFilters(input, extraFilters);
  return {
    alias,
    field: "analytics",
    args: { query: arg.analytics({ ...query, ...(input.state.asOf ? { asOf: input.state.asOf } : {}), ...(filters.length ? { filters } : {}) }) },
    selection,
  };
}

