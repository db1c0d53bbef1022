import type { ChartInput } from "@/charts/define-chart";
import { compareArgs } from "@/state/comparison";
import { filtersOf } from "@/state/dashboard-state";
import type { PanelField } from "./panel-query";

export type { Overview } from "./result-types";

/** Headline figures with their change since the point the URL compares with (7 days by default) and the phases' progress and pace. */
export function overviewField(input: ChartInput): PanelField {
  return {
    alias: "overview",
    field: "overview",
    args: { asOf: input.state.asOf, filters: filtersOf(input.state), ...compareArgs(input.state) },
  };
}
