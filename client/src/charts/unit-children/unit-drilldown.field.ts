import type { PanelField } from "@/graphql/panel-query";
import { CONFEDERATION_UNIT } from "@/programme";
import { compareArgs } from "@/state/comparison";
import { filtersOf } from "@/state/dashboard-state";
import type { ChartInput } from "../define-chart";

export type { UnitDrilldown, UnitRef } from "@/graphql/result-types";

/** One field feeds the unit page's header, KPIs and children: the page asks for it once. */
export function unitDrilldownField(input: ChartInput): PanelField {
  return {
    alias: "unitDrilldown",
    field: "unitDrilldown",
    args: {
      unit: input.unit ?? CONFEDERATION_UNIT,
      asOf: input.state.asOf,
      filters: filtersOf(input.state),
      // The KPI cards' changes: the unit's totals at the point the URL compares with.
      ...compareArgs(input.state),
    },
  };
}
