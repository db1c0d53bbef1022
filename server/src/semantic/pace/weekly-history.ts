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

/**
 * The history as one would read it as of `date`, cut out of a history read later (`asOfDate` rule of
 * weeklyHistory: only weeks complete before the moment). Exact, not an approximation: a week end's
 * cumulative figure sums the events up to that day (valid decisions, and the corrections that undo
 * them on the day of the later decision), which no later moment changes. So one read per data version
 * serves every as-of date before its end, instead of one rollup scan per date (docs/projection.md).
 */
export function historyBefore(later: WeeklyHistory, date: string, isEndOfDay: boolean): WeeklyHistory {
  const kept = later.weekEnds.filter((end) => (isEndOfDay ? end <= date : end < date)).length;
  const units = new Map<string, number[]>();
  for (const [code, series] of later.units) {
    const cut = series.slice(0, kept);
    // Left out when nothing had happened by then, as a read then leaves out units with no row yet (a zero series adds nothing to the model).
    if (cut.some((value) => value !== 0)) units.set(code, cut);
  }
  // Nothing yet by then (a phase not open): a read then has no row at all, so no week either.
  if (units.size === 0) return { weekEnds: [], units, national: [] };
  return { weekEnds: later.weekEnds.slice(0, kept), units, national: later.national.slice(0, kept) };
}
