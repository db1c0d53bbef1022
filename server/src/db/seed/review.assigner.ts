import { STATUS_ID } from "../reference/catalogues";
import { CALIBRATION, exactAnchors } from "./calibration";
import type { Allocation } from "./allocation.builder";
import type { Hierarchy } from "./hierarchy.types";
import { Rng } from "./random";
import { DAY_MS } from "../../common/vietnam-time";
import { vietnamMidnight } from "./vietnam-time";

const settings = CALIBRATION.model.review;

export interface Reviews {
  status: Uint8Array;
  /** Instant of the decision; NaN while pending. */
  decidedAt: Float64Array;
}

/**
 * Each initiative waits days to weeks for review, then becomes valid or invalid; reviews stop
 * after the programme closes. Thanh Hóa's valid count at 2023-09-01 is published and met exactly.
 */
export function assignReviews(h: Hierarchy, a: Allocation, seed: number, scale: number): Reviews {
  const rng = new Rng(seed, "reviews");
  const reviewsEnd = vietnamMidnight(CALIBRATION.model.portal.reviewsEndBefore);
  const validShare = h.topUnits.map((top) => {
    const unitRng = rng.fork(top.record.code);
    return Math.min(0.97, settings.validShare.default + settings.validShare.spread * (2 * unitRng.next() - 1));
  });
  const status = new Uint8Array(a.count);
  const decidedAt = new Float64Array(a.count);
  for (let r = 0; r < a.count; r++) {
    const median = a.phase[r] === 0 ? settings.lagMedianDays.P1 : settings.lagMedianDays.P2;
    const lag = Math.max(3600_000, rng.logNormal(median, settings.lagSigma) * DAY_MS);
    const decided = Math.round(a.submittedAt[r]! + lag);
    if (decided >= reviewsEnd) {
      status[r] = STATUS_ID.PENDING;
      decidedAt[r] = NaN;
    } else {
      status[r] = rng.next() < validShare[a.topUnit[r]!]! ? STATUS_ID.VALID : STATUS_ID.INVALID;
      decidedAt[r] = decided;
    }
  }
  fixThanhHoaValid(h, a, { status, decidedAt }, rng, scale);
  return { status, decidedAt };
}

function fixThanhHoaValid(h: Hierarchy, a: Allocation, reviews: Reviews, rng: Rng, scale: number): void {
  const anchors = exactAnchors(scale).thanhHoa;
  const unit = h.topUnits.find((t) => t.record.code === anchors.unit)!.index;
  const instant = vietnamMidnight(anchors.finalBefore);
  const decidedBefore: number[] = [];
  for (let r = 0; r < a.count && a.submittedAt[r]! < instant; r++) {
    if (a.topUnit[r] === unit && reviews.decidedAt[r]! < instant) decidedBefore.push(r);
  }
  if (decidedBefore.length < anchors.validAtFinal) {
    throw new Error(`Thanh Hóa: only ${decidedBefore.length} decisions before ${anchors.finalBefore}`);
  }
  rng.shuffle(decidedBefore);
  decidedBefore.forEach((r, i) => {
    reviews.status[r] = i < anchors.validAtFinal ? STATUS_ID.VALID : STATUS_ID.INVALID;
  });
}
