import { apportion } from "./apportion";
import { CALIBRATION, scaled } from "./calibration";
import { DAY_MS, VIETNAM_OFFSET_MS } from "../../common/vietnam-time";
import { vietnamDate, vietnamMidnight, vietnamWeekday } from "./vietnam-time";

const model = CALIBRATION.model;

export interface Calendar {
  /** Vietnam dates of the portal's days, "YYYY-MM-DD". */
  dates: string[];
  /** Instant of 00:00 Vietnam time of each day. */
  starts: number[];
  /** Submissions on each day, nationwide. */
  counts: number[];
}

/**
 * National submissions per day. The cumulative knots are hit exactly; between two knots the
 * count is spread by weekday rhythm, holidays (Tết), quarter-end rushes and a ramp towards the
 * later knot, which gives the deadline rushes their shape.
 */
export function buildCalendar(scale: number): Calendar {
  const first = vietnamMidnight(model.portal.opens);
  const last = vietnamMidnight(model.portal.lastDay);
  const starts: number[] = [];
  for (let t = first; t <= last; t += DAY_MS) starts.push(t);
  const dates = starts.map(vietnamDate);
  const weights = starts.map((t, i) => dayWeight(t, dates[i]!));
  const counts = new Array<number>(starts.length).fill(0);

  let fromIndex = 0;
  let previous = 0;
  for (const [date, cumulative] of model.cumulativeKnots as Array<[string, number]>) {
    const toIndex = dates.indexOf(date);
    if (toIndex < fromIndex) throw new Error(`calibration: knot ${date} is out of order or outside the portal days`);
    const target = scaled(cumulative, scale);
    const ramp = (model.rampByKnotEnd as Record<string, number>)[date] ?? 1;
    const span = toIndex - fromIndex + 1;
    const rampedWeights = weights
      .slice(fromIndex, toIndex + 1)
      .map((w, k) => w * Math.pow(ramp, span > 1 ? k / (span - 1) : 1));
    const split = apportion(target - previous, rampedWeights);
    split.forEach((n, k) => (counts[fromIndex + k] = n));
    previous = target;
    fromIndex = toIndex + 1;
  }
  if (fromIndex !== starts.length) throw new Error("calibration: the last knot must be the portal's last day");
  return { dates, starts, counts };
}

function dayWeight(start: number, date: string): number {
  let weight = model.weekdayFactor[vietnamWeekday(start)]!;
  for (const [from, to] of model.holidays.ranges as Array<[string, string]>) {
    if (date >= from && date <= to) weight *= model.holidays.factor;
  }
  const rush = model.quarterEndRush;
  if (date >= rush.from) {
    // Units pushed to meet quarterly targets in the last days of each quarter.
    const [year, month] = date.split("-").map(Number) as [number, number];
    const nextQuarter = Date.UTC(year, Math.ceil(month / 3) * 3, 1) - VIETNAM_OFFSET_MS;
    const daysLeft = Math.round((nextQuarter - start) / DAY_MS);
    if (daysLeft <= rush.days) weight *= 1 + (rush.peakFactor - 1) * (1 - (daysLeft - 1) / rush.days);
  }
  return weight;
}
