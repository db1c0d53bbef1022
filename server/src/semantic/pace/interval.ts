import { addDays, daysBetween } from "./phase-calendar";
import { programmeAdditions, shareOfAdditions, type Recent } from "./momentum-model";
import { at, lastWeekEndOnOrBefore, type WeeklyHistory } from "./weekly-history";

/**
 * The 80 % interval from the model's own back-test, replayed on data before the as-of date only:
 * the model projects from earlier week ends to later ones it can already see, for every unit, and
 * the log errors log(actual / projected) give the width (docs/projection.md).
 */

/** Fewer errors than this in a pool and a shorter horizon is tried: one week's 83 units at least half. */
export const MIN_RESIDUALS = 40;
/** With no error to learn from (a phase's first weeks, no completed phase): a factor of 2 either way. */
export const DEFAULT_LOG_WIDTH = Math.LN2;

/** A phase's history as the model may read it, and the rush it used. */
export interface PhaseHistory {
  history: WeeklyHistory;
  opens: string;
  deadline: string;
  rush: number;
}

/** A pool's errors, and how many times longer the horizon asked for is than the one they were measured at. */
export interface Pool {
  errors: number[];
  stretch: number;
}

/**
 * The interval's half-width in logs for a projection `daysLeft` days ahead. Each pool (this phase at
 * the same horizon in whole weeks, or the longest its history can replay; each completed phase from
 * the same number of days before its deadline) gives the larger absolute 10th or 90th percentile of
 * its errors, times its stretch: a replay that could only reach a shorter horizon than the one asked
 * is scaled up in proportion, since an error in the growth rate compounds linearly in logs (without
 * it, a phase's first months borrowed one week's errors for a four-month horizon and were far too
 * narrow). The width is the pools' mean (the largest made the intervals near the deadlines twice as
 * wide for the same back-test coverage). The interval is projected × e^(±width): symmetric in logs,
 * so a bias of the model widens it rather than being hidden.
 */
export function logWidth(current: PhaseHistory, completed: PhaseHistory[], daysLeft: number): number {
  const pools = [withinPhasePool(current, daysLeft), ...completed.map((c) => completedPhasePool(c, daysLeft))];
  const widths = pools
    .filter((p) => p.errors.length > 0)
    .map((p) => Math.max(Math.abs(quantile(p.errors, 0.1)), Math.abs(quantile(p.errors, 0.9))) * p.stretch);
  return widths.length ? widths.reduce((s, w) => s + w, 0) / widths.length : DEFAULT_LOG_WIDTH;
}

/**
 * Errors at the longest horizon of whole weeks up to `daysLeft` that this phase's history yields
 * enough of; `stretch` = the weeks asked for over the weeks replayed.
 */
export function withinPhasePool(phase: PhaseHistory, daysLeft: number): Pool {
  const wanted = Math.max(1, Math.floor(daysLeft / 7));
  for (let weeks = wanted; weeks >= 1; weeks--) {
    const errors: number[] = [];
    const { weekEnds } = phase.history;
    for (let i = 0; i + weeks < weekEnds.length; i++) {
      // Origins whose 28-day window lies inside the phase: the rates it reads are the phase's own.
      if (daysBetween(phase.opens, weekEnds[i]!) < 28) continue;
      errors.push(...errorsFrom(phase, i, i + weeks));
    }
    if (errors.length >= MIN_RESIDUALS || weeks === 1) return { errors, stretch: wanted / weeks };
  }
  return { errors: [], stretch: 1 };
}

/** Errors of projections to a completed phase's deadline from the week end `daysLeft` (or a little more) before it. */
export function completedPhasePool(phase: PhaseHistory, daysLeft: number): Pool {
  const { weekEnds } = phase.history;
  const origin = lastWeekEndOnOrBefore(phase.history, addDays(phase.deadline, -daysLeft));
  // The last point is the deadline's own figure (the history was read as of its 24h).
  const end = weekEnds.length - 1;
  if (origin < 0 || origin >= end || daysBetween(phase.opens, weekEnds[origin]!) < 28)
    return { errors: [], stretch: 1 };
  return { errors: errorsFrom(phase, origin, end), stretch: 1 };
}

function errorsFrom(phase: PhaseHistory, origin: number, end: number): number[] {
  const { history } = phase;
  const national: Recent = {
    now: at(history.national, origin),
    weekAgo: at(history.national, origin - 1),
    fourWeeksAgo: at(history.national, origin - 4),
  };
  const from = history.weekEnds[origin]!;
  const days = daysBetween(from, history.weekEnds[end]!);
  const added = programmeAdditions(national, days, daysBetween(from, phase.deadline), phase.rush).reduce(
    (s, a) => s + a,
    0,
  );
  const errors: number[] = [];
  for (const series of history.units.values()) {
    const now = at(series, origin);
    const projected = now + shareOfAdditions({ now, fourWeeksAgo: at(series, origin - 4) }, national) * added;
    const actual = at(series, end);
    if (projected > 0 && actual > 0) errors.push(Math.log(actual / projected));
  }
  return errors;
}

/** The `q`-quantile by linear interpolation between order statistics. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = q * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}
