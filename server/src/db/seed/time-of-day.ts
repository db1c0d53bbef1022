import { CALIBRATION } from "./calibration";
import type { Rng } from "./random";

const HOUR_MS = 3600_000;
const weights = CALIBRATION.model.hourlyWeights;
const total = weights.reduce((a, b) => a + b, 0);
/** cumulative[h] = share of a day's submissions before hour h. */
const cumulative = weights.reduce<number[]>((acc, w) => [...acc, acc[acc.length - 1]! + w / total], [0]);

/** Share of a day's submissions made before `msOfDay`. */
export function timeOfDayShare(msOfDay: number): number {
  const h = Math.min(23, Math.floor(msOfDay / HOUR_MS));
  return cumulative[h]! + ((msOfDay - h * HOUR_MS) / HOUR_MS) * (weights[h]! / total);
}

/** A time of day in [fromMs, toMs), drawn from the portal's hourly rhythm (busy office hours, quiet nights). */
export function drawTimeOfDay(rng: Rng, fromMs = 0, toMs = 24 * HOUR_MS): number {
  const lo = timeOfDayShare(fromMs);
  const hi = timeOfDayShare(toMs);
  const target = lo + rng.next() * (hi - lo);
  let h = 0;
  while (h < 23 && cumulative[h + 1]! <= target) h++;
  const within = weights[h]! > 0 ? ((target - cumulative[h]!) * total) / weights[h]! : 0;
  const ms = Math.floor(h * HOUR_MS + within * HOUR_MS);
  return Math.min(toMs - 1, Math.max(fromMs, ms));
}
