import type { ChartInput } from "@/charts/define-chart";
import { filtersOf } from "@/state/dashboard-state";
import type { PanelField } from "./panel-query";

export type { Overview } from "./result-types";

/** Headline figures with their 7-day change and the phases' progress. */
export function overviewField(input: ChartInput): PanelField {
  return { alias: "overview", field: "overview", args: { asOf: input.state.asOf, filters: filtersOf(input.state) } };
}
