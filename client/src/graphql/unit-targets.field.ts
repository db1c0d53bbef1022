import { analyticsField } from "@/charts/common-fields";
import type { ChartInput } from "@/charts/define-chart";
import { CONFEDERATION_UNIT, PHASES } from "@/programme";
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

/** The unit's pace in the phase its as-of date falls in (the last phase once the programme is over). */
export function paceField(input: ChartInput): PanelField {
  const asOf = input.state.asOf;
  const phase = PHASES.find((p) => asOf && asOf >= p.from && asOf <= p.to)?.phase ?? PHASES.at(-1)!.phase;
  return { alias: "unitPace", field: "pace", args: { unit: input.unit ?? CONFEDERATION_UNIT, asOf, phase } };
}
