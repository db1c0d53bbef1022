import { ANALYTICS_SELECTION, arg, type PanelField } from "@/graphql/panel-query";
import type { AnalyticsResult } from "@/graphql/result-types";
import { filtersOf } from "@/state/dashboard-state";
import type { ChartInput } from "../define-chart";

export interface UnitRef {
  code: string;
  name: string;
  kind: string;
  tier: number;
}

export interface UnitDrilldown {
  unit: UnitRef;
  ancestors: UnitRef[];
  children: AnalyticsResult;
}

/** One field feeds the unit page's header, KPIs and children: the page asks for it once. */
export function unitDrilldownField(input: ChartInput): PanelField {
  return {
    alias: "unitDrilldown",
    field: "unitDrilldown",
    args: { unit: arg.stringRequired(input.unit ?? "TLĐ"), asOf: arg.asOf(input.state.asOf), filters: arg.filters(filtersOf(input.state)) },
    selection: `unit { code name kind tier } ancestors { code name kind tier } children { ${ANALYTICS_SELECTION} }`,
  };
}
