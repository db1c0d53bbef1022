import { STATUS_ID } from "../reference/catalogues";
import { CALIBRATION, WORKER_CATEGORY_ORDER, exactAnchors, scaled } from "./calibration";
import type { Allocation } from "./allocation.builder";
import type { Hierarchy } from "./hierarchy.types";
import { Rng } from "./random";
import type { Reviews } from "./review.assigner";
import { vietnamMidnight } from "./vietnam-time";

const settings = CALIBRATION.model.benefit;

/**
 * Monetised benefit in VND per year (NaN = no monetary figure). Heavy-tailed: most initiatives are
 * small or unpriced, corporations price in billions, a handful exceed 100 billion. Raw draws are
 * then scaled per group so the published totals come out (Dầu khí, Thanh Hóa, the nation at
 * 31/5/2022 and at the end), and rounded to whole thousands of đồng.
 */
export function assignBenefits(
  h: Hierarchy,
  a: Allocation,
  reviews: Reviews,
  seed: number,
  scale: number,
): Float64Array {
  const rng = new Rng(seed, "benefits");
  const multiplier = settings.unitMultiplier as Record<string, number>;
  const pricedOverride = settings.unitPricedShare as Record<string, number>;
  const unitMultiplier = h.topUnits.map((t) => multiplier[t.record.code] ?? 1);
  const unitPriced = h.topUnits.map((t) => pricedOverride[t.record.code]);
  const benefit = new Float64Array(a.count);
  for (let r = 0; r < a.count; r++) {
    const category = WORKER_CATEGORY_ORDER[a.category[r]!]!;
    const priced = unitPriced[a.topUnit[r]!] ?? settings.pricedShare[category];
    if (rng.next() >= priced) {
      benefit[r] = NaN;
      continue;
    }
    const giant = category === "ENTERPRISE" && rng.next() < settings.giantChance;
    benefit[r] = giant
      ? Math.min(settings.giantMaxVnd, rng.pareto(settings.giantMinVnd, settings.giantAlpha))
      : rng.logNormal(settings.medianVnd[category] * unitMultiplier[a.topUnit[r]!]!, settings.sigma);
  }
  calibrate(h, a, reviews, benefit, scale);
  for (let r = 0; r < a.count; r++) if (!Number.isNaN(benefit[r]!)) benefit[r] = Math.round(benefit[r]! / 1000) * 1000;
  return benefit;
}

function calibrate(h: Hierarchy, a: Allocation, reviews: Reviews, benefit: Float64Array, scale: number): void {
  const targets = settings.targets;
  const anchors = exactAnchors(scale);
  const thanhHoa = h.topUnits.find((t) => t.record.code === anchors.thanhHoa.unit)!.index;
  const dauKhi = h.topUnits.find((t) => t.record.code === "CD-DAUKHI")!.index;
  const phase1End = vietnamMidnight(anchors.phase1Before);
  // Groups: 0 Dầu khí, 1 Thanh Hóa, 2 others valid by 31/5/2022, 3 others later. Sums of valid benefit by group and by date.
  const groupOf = (r: number) =>
    a.topUnit[r] === dauKhi ? 0 : a.topUnit[r] === thanhHoa ? 1 : reviews.decidedAt[r]! < phase1End ? 2 : 3;
  const validEnd = [0, 0, 0, 0];
  const validEarly = [0, 0, 0, 0];
  for (let r = 0; r < a.count; r++) {
    if (reviews.status[r] !== STATUS_ID.VALID || Number.isNaN(benefit[r]!)) continue;
    const g = groupOf(r);
    validEnd[g]! += benefit[r]!;
    if (reviews.decidedAt[r]! < phase1End) validEarly[g]! += benefit[r]!;
  }
  const factor = [0, 0, 0, 0];
  factor[0] = scaled(targets.dauKhiValidVnd, scale) / validEnd[0]!;
  factor[1] = scaled(targets.thanhHoaValidVnd, scale) / validEnd[1]!;
  const early = scaled(targets.validBy20220531Vnd, scale) - factor[0]! * validEarly[0]! - factor[1]! * validEarly[1]!;
  factor[2] = early / validEarly[2]!;
  const late =
    scaled(targets.validEndVnd, scale) -
    scaled(targets.dauKhiValidVnd, scale) -
    scaled(targets.thanhHoaValidVnd, scale) -
    early;
  factor[3] = late / validEnd[3]!;
  if (factor.some((f) => !(f > 0) || !Number.isFinite(f))) throw new Error(`benefit calibration failed: ${factor}`);
  for (let r = 0; r < a.count; r++) if (!Number.isNaN(benefit[r]!)) benefit[r] = benefit[r]! * factor[groupOf(r)]!;
}
