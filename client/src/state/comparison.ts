import type { CompareTo } from "../../generated/graphql/schema";
import { PHASES } from "@/programme";
import type { DashboardState } from "./dashboard-state";

/**
 * What the KPI cards compare with, chosen in the URL (`?so-sanh=28n`): 7 days back (the default,
 * left out of the URL), 28 days back, or the same day of the previous phase.
 */
export const COMPARISONS = ["7n", "28n", "giai-doan-truoc"] as const;
export type Comparison = (typeof COMPARISONS)[number];
export const COMPARISON_KEY = "so-sanh";

/** The previous phase exists only from phase 2 on: before it, the same day of phase 1 has no predecessor. */
const phaseTwoOpens = PHASES[1].from;
export const hasPreviousPhase = (state: DashboardState) => !state.asOf || state.asOf >= phaseTwoOpens;

export function comparisonOf(state: DashboardState): Comparison {
  const chosen = state.options[COMPARISON_KEY] as Comparison | undefined;
  if (chosen === "giai-doan-truoc" && !hasPreviousPhase(state)) return "7n";
  return chosen && COMPARISONS.includes(chosen) ? chosen : "7n";
}

/** The arguments the conveniences (overview, unitDrilldown) take for it. */
export function compareArgs(state: DashboardState): { compare: CompareTo; compareDays?: number } {
  const comparison = comparisonOf(state);
  if (comparison === "giai-doan-truoc") return { compare: "PREVIOUS_PHASE_SAME_DAY" };
  return { compare: "PREVIOUS_PERIOD", compareDays: comparison === "28n" ? 28 : 7 };
}
