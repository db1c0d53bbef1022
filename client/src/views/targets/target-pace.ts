import type { Pace } from "@/graphql/result-types";
import { PHASES } from "@/programme";

/** The targets page's pace filter in the URL, Vietnamese first: `?tien-do=co-nguy-co`. */
export const PACE_FILTER_KEY = "tien-do";
export const PACE_FILTERS = {
  "co-nguy-co": "AT_RISK",
  "dung-tien-do": "ON_PACE",
  "da-dat": "REACHED",
  "da-ket-thuc": "ENDED",
  "khong-chi-tieu": "NO_TARGET",
} as const satisfies Record<string, Pace["status"]>;
export type PaceFilter = keyof typeof PACE_FILTERS;

/** The phase a date falls in, for the pace the page shows: the last phase once the programme is over. */
export function currentPhase(asOf: string | undefined, phaseFilter: string | undefined): number {
  if (phaseFilter) return Number(phaseFilter);
  if (asOf && asOf < PHASES[0].from) return PHASES[0].phase;
  return PHASES.find((p) => asOf && asOf >= p.from && asOf <= p.to)?.phase ?? PHASES.at(-1)!.phase;
}

/**
 * One number to sort pace by: the share of the target the unit is projected to reach at the
 * deadline (what it reached, once reached or ended); units without a target have none.
 * Ascending puts the furthest behind first.
 */
export function paceScore(pace: Pace | null): number | null {
  if (!pace || pace.target === null || pace.target <= 0) return null;
  const open = pace.status === "ON_PACE" || pace.status === "AT_RISK";
  const figure = open && pace.projected !== null ? pace.projected : pace.current;
  return (figure / pace.target) * 100;
}

export function matchesPaceFilter(pace: Pace | null, filter: string | undefined): boolean {
  if (!filter || !(filter in PACE_FILTERS)) return true;
  return (pace?.status ?? "NO_TARGET") === PACE_FILTERS[filter as PaceFilter];
}
