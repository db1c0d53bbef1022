import { badInput } from "../../common/errors";
import type { CompareQuestion, CompareTo } from "../../semantic";

/** What the dashboard's fields may compare with: a period back (`days`, default 7) or the previous phase. */
export interface ConvenienceCompare {
  to?: CompareTo;
  days?: number;
}

export function compareOf({ to: asked, days }: ConvenienceCompare): CompareQuestion | undefined {
  // `compareDays` alone means a period back.
  const to = asked ?? (days === undefined ? undefined : "PREVIOUS_PERIOD");
  if (!to) return undefined;
  if (to !== "PREVIOUS_PERIOD" && to !== "PREVIOUS_PHASE_SAME_DAY") {
    throw badInput("compare: the dashboard compares with PREVIOUS_PERIOD or PREVIOUS_PHASE_SAME_DAY", {
      field: "compare",
    });
  }
  return to === "PREVIOUS_PERIOD" ? { to, days: days ?? 7 } : { to };
}
