/**
 * Cumulative figures of every top-level unit at week ends (Sundays, Vietnam dates), as the engine
 * answered them as of one date: what the model's own back-test (the interval) replays. The programme's
 * figure is the units' sum (every initiative belongs to one top-level unit).
 */
export interface WeeklyHistory {
  /** Week ends, ascending: only weeks complete before the as-of moment. */
  weekEnds: string[];
  /** Each unit's cumulative figure at each week end. */
  units: Map<string, number[]>;
  /** The programme's cumulative figure at each week end. */
  national: number[];
}

/** Index of the last week end on or before `date`, or −1. */
export function lastWeekEndOnOrBefore(history: WeeklyHistory, date: string): number {
  let found = -1;
  history.weekEnds.forEach((end, i) => {
    if (end <= date) found = i;
  });
  return found;
}

/** The value at week index `i`, 0 before the series begins (nothing had happened). */
export function at(series: number[], i: number): number {
  return i >= 0 ? (series[i] ?? 0) : 0;
}
