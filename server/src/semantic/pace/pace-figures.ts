import type { PaceStatus } from "./pace-status";
import { paceStatus, requiredDailyRate } from "./pace-status";
import { addDays } from "./phase-calendar";
import { programmeAdditions, projectedPath, shareOfAdditions, type Recent } from "./momentum-model";

/** A unit's pace against its phase target as of a date (the GraphQL `Pace`). */
export interface PaceFigures {
  unit: string;
  phase: number;
  target: number | null;
  current: number;
  measure: string;
  deadline: string;
  daysLeft: number;
  requiredDailyRate: number | null;
  rate7: number;
  rate28: number;
  projected: number | null;
  projectedLow: number | null;
  projectedHigh: number | null;
  status: PaceStatus;
}

/** One day of a projection: the cumulative figure as of its 24h, with the 80 % interval. */
export interface ProjectionPoint {
  date: string;
  projected: number;
  low: number;
  high: number;
}

/** What one unit's figures are made of: its recent figures, and what the board shares among all units. */
export interface PaceInputs {
  unit: string;
  phase: number;
  measure: string;
  target: number | null;
  own: Recent;
  national: Recent;
  asOfDate: string;
  deadline: string;
  daysLeft: number;
  ended: boolean;
  rush: number;
  /** The phase opened less than 28 days before: its momentum cannot be read yet (momentum-model.ts). */
  steady: boolean;
  /** The interval's half-width in logs at the deadline (interval.ts). */
  logWidth: number;
}

/**
 * The projected path from the as-of date (its first point: the figure now) to the deadline, with the
 * band widening as √(days ahead / days left) to the interval at the deadline. Whole numbers: counts.
 */
export function projectionPath(input: PaceInputs): ProjectionPoint[] {
  const { own } = input;
  const path = projectedPath(own.now, shareOfAdditions(own, input.national), additionsOf(input));
  return [point(input, 0, own.now), ...path.map((value, i) => point(input, i + 1, value))];
}

/**
 * The path's last point alone (what `pace` shows), by the same arithmetic as projectionPath: the
 * targets page asks it of 84 units, and building each path's dated points cost over a millisecond a unit (most of a board's time).
 */
export function projectionEnd(input: PaceInputs): ProjectionPoint {
  const { own, daysLeft } = input;
  const share = shareOfAdditions(own, input.national);
  let total = own.now;
  for (const added of additionsOf(input)) total += share * added;
  return point(input, daysLeft, total);
}

function additionsOf({ national, daysLeft, rush, steady }: PaceInputs): number[] {
  return programmeAdditions(national, daysLeft, daysLeft, rush, steady);
}

/** Day `k` of the path: the band widens as √(k / days left) to the interval at the deadline. */
function point({ own, daysLeft, logWidth, asOfDate }: PaceInputs, k: number, value: number): ProjectionPoint {
  const width = daysLeft > 0 ? logWidth * Math.sqrt(k / daysLeft) : 0;
  return {
    date: addDays(asOfDate, k),
    projected: Math.round(value),
    low: Math.round(Math.max(own.now, value * Math.exp(-width))),
    high: Math.round(value * Math.exp(width)),
  };
}

export function paceFigures(input: PaceInputs): PaceFigures {
  const { own, target, daysLeft, ended } = input;
  const rate7 = (own.now - own.weekAgo) / 7;
  const rate28 = (own.now - own.fourWeeksAgo) / 28;
  const end = ended ? null : projectionEnd(input);
  return {
    unit: input.unit,
    phase: input.phase,
    target,
    current: own.now,
    measure: input.measure,
    deadline: input.deadline,
    daysLeft,
    requiredDailyRate: requiredDailyRate(target, own.now, daysLeft),
    rate7,
    rate28,
    projected: end?.projected ?? null,
    projectedLow: end?.low ?? null,
    projectedHigh: end?.high ?? null,
    status: paceStatus({ target, current: own.now, daysLeft, ended, projected: end?.projected ?? null, rate28 }),
  };
}
