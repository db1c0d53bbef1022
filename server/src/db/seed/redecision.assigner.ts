import { STATUS_ID } from "../reference/catalogues";
import { DAY_MS } from "../../common/vietnam-time";
import { CALIBRATION } from "./calibration";
import type { Allocation } from "./allocation.builder";
import { Rng } from "./random";
import type { Reviews } from "./review.assigner";
import { vietnamMidnight } from "./vietnam-time";

const settings = CALIBRATION.model.redecisions;

/**
 * Decisions that a later one superseded, in initiative order then time: valid then invalid on
 * review, invalid then valid on appeal, a few valid, invalid and valid again. The initiative
 * row keeps its last decision (Reviews); these go to its status history only.
 */
export interface Redecisions {
  count: number;
  /** The initiative's row index (its id is row + 1). */
  row: Uint32Array;
  at: Float64Array;
  status: Uint8Array;
}

/**
 * Every instant a published figure is stated at ("before" a date, in calibration.json's
 * `published`). No earlier decision is placed so that its span (from it to the final decision)
 * contains one: at these instants every initiative's status is its final one or pending, as
 * without re-decisions, so the published figures (Thanh Hóa's valid count, the valid benefit at
 * 31/5/2022 and at the end) stay exact. This places re-decisions away from the figures rather
 * than re-calibrating around them: the other columns and their calibration are untouched.
 */
export function publishedInstants(node: unknown = CALIBRATION.published): number[] {
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === "before" && typeof value === "string" ? [vietnamMidnight(value)] : publishedInstants(value),
  );
}

/** Draws the re-decided initiatives and their earlier decisions (a stream of its own: the rest of the data is unchanged). */
export function assignRedecisions(a: Allocation, reviews: Reviews, seed: number): Redecisions {
  const rng = new Rng(seed, "redecisions");
  const published = [...new Set(publishedInstants())];
  const [low, high] = settings.earlierAtShareOfWait as [number, number];
  const rows: number[] = [];
  const instants: number[] = [];
  const statuses: number[] = [];
  for (let r = 0; r < a.count; r++) {
    const final = reviews.status[r]!;
    if (final === STATUS_ID.PENDING) continue;
    // One draw per decided initiative, whatever happens next: the draws stay aligned with the rows.
    const [chosen, twiceDraw, u, v] = [rng.next(), rng.next(), rng.next(), rng.next()];
    const share = final === STATUS_ID.INVALID ? settings.reviewShareOfInvalid : settings.appealShareOfValid;
    const submitted = a.submittedAt[r]!;
    const decided = reviews.decidedAt[r]!;
    const wait = decided - submitted;
    if (chosen >= share || wait < settings.minWaitDays * DAY_MS) continue;
    const earlier = Math.round(submitted + wait * (low + (high - low) * u));
    const validFirst = final === STATUS_ID.VALID && twiceDraw < settings.twiceShareOfAppeals;
    // The first valid decision of valid → invalid → valid comes in the first part of the wait.
    const first = validFirst ? Math.round(submitted + (earlier - submitted) * (0.2 + 0.6 * v)) : earlier;
    if (published.some((p) => first < p && p <= decided)) continue;
    const superseded = (at: number, status: number) => {
      rows.push(r);
      instants.push(at);
      statuses.push(status);
    };
    if (validFirst) superseded(first, STATUS_ID.VALID);
    superseded(earlier, final === STATUS_ID.VALID ? STATUS_ID.INVALID : STATUS_ID.VALID);
  }
  return {
    count: rows.length,
    row: Uint32Array.from(rows),
    at: Float64Array.from(instants),
    status: Uint8Array.from(statuses),
  };
}
