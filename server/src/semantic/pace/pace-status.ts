/** Where a unit stands against its phase target. */
export type PaceStatus = "REACHED" | "ON_PACE" | "AT_RISK" | "NO_TARGET" | "ENDED";

export interface StatusInputs {
  target: number | null;
  current: number;
  /** Whole days from the as-of date to the deadline (0 on the deadline's day or after it). */
  daysLeft: number;
  /** The as-of moment is at or after the deadline's 24h: the phase is over. */
  ended: boolean;
  /** The projected figure at the deadline (null when none could be made). */
  projected: number | null;
  /** Average per day over the last 28 days: the call when no projection could be made. */
  rate28: number;
}

/**
 * The rule, in order (docs/projection.md): no target → NO_TARGET; current ≥ target → REACHED
 * (at any date: a target once reached stays reached); past the deadline's 24h → ENDED (the phase is
 * over, the target missed); projected ≥ target → ON_PACE; else AT_RISK. Without a projection the last 28
 * days' rate is compared with the rate still needed, so a unit is never called on pace for nothing.
 */
export function paceStatus({ target, current, daysLeft, ended, projected, rate28 }: StatusInputs): PaceStatus {
  if (target === null || !(target > 0)) return "NO_TARGET";
  if (current >= target) return "REACHED";
  if (ended) return "ENDED";
  if (projected !== null) return projected >= target ? "ON_PACE" : "AT_RISK";
  return rate28 * daysLeft >= target - current ? "ON_PACE" : "AT_RISK";
}

/** What is still needed per day to reach the target by the deadline: 0 once reached; null without a target or a day left. */
export function requiredDailyRate(target: number | null, current: number, daysLeft: number): number | null {
  if (target === null || !(target > 0)) return null;
  if (current >= target) return 0;
  return daysLeft > 0 ? (target - current) / daysLeft : null;
}
