import { PHASES } from "../../db/reference/catalogues";
import { DAY_MS } from "../../common/vietnam-time";

/** A phase's window in Vietnam dates: uploads from `opens`, its target counted as of 24h on `deadline`. */
export interface PhaseWindow {
  phase: number;
  /** First day of the portal's window for the phase ("2022-01-08"). */
  opens: string;
  /** The phase's last day ("2022-05-31"): the target is measured as of its 24h. */
  deadline: string;
}

/** The programme's phases, from the reference catalogue (the portal's upload windows). */
export const PHASE_WINDOWS: readonly PhaseWindow[] = PHASES.map((p) => ({
  phase: p.id,
  opens: p.portalOpensAt.slice(0, 10),
  deadline: p.appliesUntil,
}));

export function phaseWindow(phase: number): PhaseWindow | undefined {
  return PHASE_WINDOWS.find((w) => w.phase === phase);
}

/** The phase a Vietnam date falls in: the first whose deadline is not past (the last one after the programme). */
export function phaseOfDate(date: string): PhaseWindow {
  return PHASE_WINDOWS.find((w) => date <= w.deadline) ?? PHASE_WINDOWS.at(-1)!;
}

/** Whole days from one Vietnam date to another ("2022-05-01" → "2022-05-31" is 30). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The Vietnam date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
