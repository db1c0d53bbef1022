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

/**
 * The interval's half-width in logs for a projection `daysLeft` days ahead. Each pool (this phase at
 * the same horizon in whole weeks; each completed phase from the same number of days before its
 * deadline) gives the larger absolute 10th or 90th percentile of its errors; the width is their mean
 * (the largest made the intervals near the deadlines twice as wide for the same back-test coverage).
 * The interval is projected × e^(±width): symmetric in logs, so a bias of the model widens it rather
 * than being hidden.
 */
export function logWidth(current: PhaseHistory, completed: PhaseHistory[], daysLeft: number): number {
  const pools = [withinPhaseErrors(current, daysLeft), ...completed.map((c) => completedPhaseErrors(c, daysLeft))];
  const widths = pools
    .filter((p) => p.length > 0)
    .map((p) => Math.max(Math.abs(quantile(p, 0.1)), Math.abs(quantile(p, 0.9))));
  return widths.length ? widths.reduce((s, w) => s + w, 0) / widths.length : DEFAULT_LOG_WIDTH;
}

/** Errors at the longest horizon of whole weeks up to `daysLeft` that this phase's history yields enough of. */
export function withinPhaseErrors(phase: PhaseHistory, daysLeft: number): number[] {
  for (let weeks = Math.max(1, Math.floor(daysLeft / 7)); weeks >= 1; weeks--) {
    const errors: number[] = [];
    const { weekEnds } = phase.history;
    for (let i = 0; i + weeks < weekEnds.length; i++) {
      // Origins whose 28-day window lies inside the phase: the rates it reads are the phase's own.
      if (daysBetween(phase.opens, weekEnds[i]!) < 28) continue;
      errors.push(...errorsFrom(phase, i, i + weeks));
    }
    if (errors.length >= MIN_RESIDUALS || weeks === 1) return errors;
  }
  return [];
}

/** Errors of projections to a completed phase's deadline from the week end `daysLeft` (or a little more) before it. */
export function completedPhaseErrors(phase: PhaseHistory, daysLeft: number): number[] {
  const { weekEnds } = phase.history;
  const origin = lastWeekEndOnOrBefore(phase.history, addDays(phase.deadline, -daysLeft));
  // The last point is the deadline's own figure (the history was read as of its 24h).
  const end = weekEnds.length - 1;
  if (origin < 0 || origin >= end || daysBetween(phase.opens, weekEnds[origin]!) < 28) return [];
  return errorsFrom(phase, origin, end);
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
