/**
 * The projection model (docs/projection.md), pure arithmetic on cumulative figures:
 *
 *   the programme's daily additions from now on = its last 7 days' average, growing (or shrinking)
 *   at the rate its last 7 days' average shows against its last 28 days' (at most ±3 % a day, for at
 *   most 60 days, and to at most MAX_GROWTH times today's rate: momentum, not an exponential that
 *   runs away), times the learned deadline rush on the phase's last 14 days;
 *   a unit's projected additions = its share of the programme's additions over the last 28 days
 *   × the programme's projected additions.
 *
 * Every input is a figure before the as-of date: nothing here can see later data.
 */

/** Days between the centres of a 7-day and a 28-day window that end on the same day: (28 − 7) / 2. */
const WINDOW_CENTRES_APART = 10.5;
/** Growth the momentum may carry, per day, either way: beyond it a week's noise would compound into nonsense. */
export const MAX_DAILY_GROWTH = 0.03;
/** The momentum carries the daily rate to at most this many times (or 1/this of) the last 7 days' average… */
export const MAX_GROWTH = 4;
/** …and for at most this many days: four weeks' trend is not trusted further than two months. */
export const MOMENTUM_DAYS = 60;
/** The deadline rush is learned and applied on the phase's last fortnight. */
export const RUSH_DAYS = 14;

/** A cumulative series read at the origin, 7 and 28 days before it. */
export interface Recent {
  now: number;
  weekAgo: number;
  fourWeeksAgo: number;
}

/**
 * The programme's projected additions for each of the `daysAhead` days after the origin (index 0 =
 * the first day). Days `k` (1-based) beyond `daysToDeadline − RUSH_DAYS` are in the deadline's last
 * fortnight and are multiplied by `rush`. `steady`: no growth, when the 28 days reach back before the
 * phase opened (their empty days would read as a surge).
 */
export function programmeAdditions(
  national: Recent,
  daysAhead: number,
  daysToDeadline: number,
  rush: number,
  steady = false,
): number[] {
  const rate7 = Math.max(0, (national.now - national.weekAgo) / 7);
  const rate28 = Math.max(0, (national.now - national.fourWeeksAgo) / 28);
  const growth =
    !steady && rate7 > 0 && rate28 > 0
      ? clamp(Math.log(rate7 / rate28) / WINDOW_CENTRES_APART, -MAX_DAILY_GROWTH, MAX_DAILY_GROWTH)
      : 0;
  const days: number[] = [];
  for (let k = 1; k <= daysAhead; k++) {
    const inRush = k > daysToDeadline - RUSH_DAYS;
    const momentum = clamp(Math.exp(growth * Math.min(k, MOMENTUM_DAYS)), 1 / MAX_GROWTH, MAX_GROWTH);
    days.push(rate7 * momentum * (inRush ? rush : 1));
  }
  return days;
}

/**
 * A unit's share of the programme's additions over the last 28 days (its share of the whole when the
 * programme added nothing; 1 for the programme itself).
 */
export function shareOfAdditions(unit: Pick<Recent, "now" | "fourWeeksAgo">, national: Recent): number {
  const added = national.now - national.fourWeeksAgo;
  if (added > 0) return Math.max(0, unit.now - unit.fourWeeksAgo) / added;
  return national.now > 0 ? unit.now / national.now : 0;
}

/** The unit's projected cumulative figure after each day of `additions` (the programme's). */
export function projectedPath(unitNow: number, share: number, additions: number[]): number[] {
  let total = unitNow;
  return additions.map((a) => (total += share * a));
}

/**
 * The deadline rush of a completed phase: what the programme actually added in its last fortnight
 * over what the momentum alone projected from the fortnight's start. `atStart` is read 14 days
 * before the deadline; `atDeadline` at its 24h.
 */
export function rushOf(atStart: Recent, atDeadline: number): number | null {
  const expected = programmeAdditions(atStart, RUSH_DAYS, RUSH_DAYS, 1).reduce((s, a) => s + a, 0);
  return expected > 0 ? (atDeadline - atStart.now) / expected : null;
}

/** The rush to apply: the geometric mean of the completed phases' (1, no rush, when none has completed). */
export function learnedRush(rushes: Array<number | null>): number {
  const known = rushes.filter((r): r is number => r !== null && r > 0);
  if (known.length === 0) return 1;
  return Math.exp(known.reduce((s, r) => s + Math.log(r), 0) / known.length);
}

function clamp(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, x));
}
