import { analyticsField } from "@/charts/common-fields";
import type { ChartInput } from "@/charts/define-chart";
import type { PanelField } from "./panel-query";

/**
 * A unit's targets and valid initiatives per phase. Targets are registered per unit, not per
 * worker category or field, so under those filters there is nothing to compare against.
 */
export function unitTargetsField(input: ChartInput): PanelField | undefined {
  if (input.state.category || input.state.field) return undefined;
  return analyticsField(
    "unitTargets",
    { measures: ["target", "valid", "targetAttainment"], dimensions: ["phase"] },
    input,
  );
}
