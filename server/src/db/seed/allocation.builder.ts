import { apportion, fitMatrix } from "./apportion";
import { buildCalendar, type Calendar } from "./calendar.builder";
import {
  CALIBRATION,
  GRASSROOTS_KINDS,
  WORKER_CATEGORY_ORDER,
  exactAnchors,
  scaled,
  type GrassrootsKindCode,
  type SegmentId,
  type WorkerCategoryCode,
} from "./calibration";
import type { Hierarchy } from "./hierarchy.types";
import { CumulativeSampler, Rng } from "./random";
import { drawTimeOfDay } from "./time-of-day";
import { vietnamInstant, vietnamMidnight } from "./vietnam-time";

const model = CALIBRATION.model;
const CATEGORIES = WORKER_CATEGORY_ORDER.length;

/** Who submitted when: the skeleton of every initiative, in submission order (row i has id i + 1). */
export interface Allocation {
  count: number;
  calendar: Calendar;
  submittedAt: Float64Array;
  topUnit: Uint8Array;
  /** Index into WORKER_CATEGORY_ORDER. */
  category: Uint8Array;
  /** Index into the grassroots arrays. */
  grassroots: Int32Array;
  /** 0 for phase 1, 1 for phase 2. */
  phase: Uint8Array;
}

interface Segment {
  id: SegmentId;
  fromDay: number;
  toDay: number;
  total: number;
}

export function allocateInitiatives(h: Hierarchy, seed: number, scale: number): Allocation {
  const rng = new Rng(seed, "allocation");
  const calendar = buildCalendar(scale);
  const segments = buildSegments(calendar);
  const count = segments.reduce((s, seg) => s + seg.total, 0);
  const out: Allocation = {
    count,
    calendar,
    submittedAt: new Float64Array(count),
    topUnit: new Uint8Array(count),
    category: new Uint8Array(count),
    grassroots: new Int32Array(count),
    phase: new Uint8Array(count),
  };
  const unitTotals = unitSegmentTotals(h, segments, scale);
  let row = 0;
  segments.forEach((segment, s) => {
    const phase = segment.id === "P1" ? 0 : 1;
    const matrix = unitCategoryMatrix(h, phase, unitTotals[s]!, segment, scale);
    const labels = new Int32Array(segment.total);
    let k = 0;
    matrix.forEach((cells, u) =>
      cells.forEach((n, c) => {
        for (let i = 0; i < n; i++) labels[k++] = u * CATEGORIES + c;
      }),
    );
    rng.fork(`labels:${segment.id}`).shuffle(labels);
    let next = 0;
    for (let day = segment.fromDay; day <= segment.toDay; day++) {
      const n = calendar.counts[day]!;
      const times = drawDayTimes(rng, calendar.starts[day]!, n, row, scale);
      for (let i = 0; i < n; i++, row++, next++) {
        out.submittedAt[row] = calendar.starts[day]! + times[i]!;
        out.topUnit[row] = Math.floor(labels[next]! / CATEGORIES);
        out.category[row] = labels[next]! % CATEGORIES;
        out.phase[row] = phase;
      }
    }
  });
  assignGrassroots(h, out, rng.fork("grassroots"), scale);
  return out;
}

function buildSegments(calendar: Calendar): Segment[] {
  return (model.segments as Array<{ id: SegmentId; from: string; before: string }>).map((s) => {
    const from = vietnamMidnight(s.from);
    const before = vietnamMidnight(s.before);
    const fromDay = calendar.starts.findIndex((t) => t >= from);
    const toDay = calendar.starts.findLastIndex((t) => t < before);
    const total = calendar.counts.slice(fromDay, toDay + 1).reduce((a, b) => a + b, 0);
    return { id: s.id, fromDay, toDay, total };
  });
}

/** Submissions per top unit in each segment: published units fixed, the others in proportion to size and engagement. */
function unitSegmentTotals(h: Hierarchy, segments: Segment[], scale: number): number[][] {
  const anchors = exactAnchors(scale);
  const fixed = new Map<string, Partial<Record<SegmentId, number>>>();
  for (const [code, counts] of Object.entries(model.fixedSegmentCounts)) {
    fixed.set(code, Object.fromEntries(Object.entries(counts).map(([seg, n]) => [seg, scaled(n, scale)])));
  }
  const th = fixed.get(anchors.thanhHoa.unit)!;
  th.P1 = anchors.thanhHoa.phase1;
  th.P2b = anchors.thanhHoa.final - anchors.thanhHoa.phase1 - th.P2a!;
  const hn = fixed.get(anchors.haNoi.unit)!;
  hn.P1 = anchors.haNoi.phase1;
  hn.P2a = anchors.haNoi.august - anchors.haNoi.phase1;

  const e = model.engagement;
  const shares: Array<Record<SegmentId, number>> = h.topUnits.map((top) => {
    const base = top.members * top.engagement;
    const p1 = top.profile === "industrial" ? e.phase1ShareIndustrial : e.phase1ShareDefault;
    const late = base * (1 - p1) * e.lateShareDefault;
    // P2c (the last day) is split after the others, in proportion to each unit's August rush.
    return { P1: base * p1, P2a: base * (1 - p1) * (1 - e.lateShareDefault), P2b: late, P2c: late };
  });
  const totals: number[][] = [];
  for (const segment of segments) {
    if (segment.id === "P2c") {
      // The last day follows each unit's August rush.
      totals.push(apportion(segment.total, totals[2]!));
      continue;
    }
    const own = h.topUnits.map((top) => fixed.get(top.record.code)?.[segment.id]);
    const fixedSum = own.reduce<number>((s, n) => s + (n ?? 0), 0);
    if (fixedSum > segment.total) throw new Error(`calibration: fixed counts exceed segment ${segment.id}`);
    const free = apportion(
      segment.total - fixedSum,
      h.topUnits.map((_, u) => (own[u] === undefined ? shares[u]![segment.id] : 0)),
    );
    totals.push(own.map((n, u) => n ?? free[u]!));
  }
  return totals;
}

function kindCategoryWeight(phase: number, kind: GrassrootsKindCode, category: WorkerCategoryCode): number {
  const intensity = (phase === 0 ? model.kindIntensity.P1 : model.kindIntensity.P2)[kind];
  return intensity * model.categoryAffinity[kind][category];
}

/** Unit × worker category counts of a segment; in phase 1 the national category totals are published and met exactly. */
function unitCategoryMatrix(
  h: Hierarchy,
  phase: number,
  unitTotals: number[],
  segment: Segment,
  scale: number,
): number[][] {
  const prior = h.topUnits.map(() => new Array<number>(CATEGORIES).fill(0));
  const g = h.grassroots;
  for (let i = 0; i < g.count; i++) {
    if (g.activity[i] === 0) continue;
    const kind = GRASSROOTS_KINDS[g.kind[i]!]!;
    const row = prior[g.topUnit[i]!]!;
    WORKER_CATEGORY_ORDER.forEach(
      (c, ci) => (row[ci]! += g.members[i]! * g.activity[i]! * kindCategoryWeight(phase, kind, c)),
    );
  }
  if (segment.id === "P1") {
    const anchors = exactAnchors(scale);
    return fitMatrix(
      prior,
      unitTotals,
      WORKER_CATEGORY_ORDER.map((c) => anchors.phase1ByCategory[c]),
    );
  }
  return prior.map((weights, u) => apportion(unitTotals[u]!, weights));
}

/** Sorted times of day (ms after 00:00) for one day; the day of the millionth submission places it in its minute. */
function drawDayTimes(rng: Rng, dayStart: number, n: number, rowsBefore: number, scale: number): Float64Array {
  const times = new Float64Array(n);
  const anchors = exactAnchors(scale);
  const ordinal = anchors.millionth.ordinal;
  const minute = vietnamInstant(anchors.millionth.minute) - dayStart;
  if (ordinal > rowsBefore && ordinal <= rowsBefore + n && minute >= 0 && minute < 86_400_000) {
    const k = ordinal - rowsBefore - 1;
    for (let i = 0; i < k; i++) times[i] = drawTimeOfDay(rng, 0, minute);
    times[k] = drawTimeOfDay(rng, minute, minute + 60_000);
    for (let i = k + 1; i < n; i++) times[i] = drawTimeOfDay(rng, minute + 60_000);
  } else {
    for (let i = 0; i < n; i++) times[i] = drawTimeOfDay(rng);
  }
  return times.sort();
}

/**
 * Each initiative goes to a grassroots union of its unit, in proportion to members, activity and
 * how likely that kind of union is to have submitters of the initiative's category.
 */
function assignGrassroots(h: Hierarchy, a: Allocation, rng: Rng, scale: number): void {
  const g = h.grassroots;
  const samplers = new Map<number, { sampler: CumulativeSampler; from: number }>();
  const samplerFor = (u: number, c: number, phase: number) => {
    const key = (u * CATEGORIES + c) * 2 + phase;
    let entry = samplers.get(key);
    if (!entry) {
      const top = h.topUnits[u]!;
      const weights = new Float64Array(top.grassrootsTo - top.grassrootsFrom);
      for (let i = top.grassrootsFrom; i < top.grassrootsTo; i++) {
        weights[i - top.grassrootsFrom] =
          g.members[i]! *
          g.activity[i]! *
          kindCategoryWeight(phase, GRASSROOTS_KINDS[g.kind[i]!]!, WORKER_CATEGORY_ORDER[c]!);
      }
      entry = { sampler: new CumulativeSampler(weights), from: top.grassrootsFrom };
      if (entry.sampler.total === 0) throw new Error(`no grassroots union of ${top.record.code} fits category ${c}`);
      samplers.set(key, entry);
    }
    return entry;
  };
  for (let row = 0; row < a.count; row++) {
    const { sampler, from } = samplerFor(a.topUnit[row]!, a.category[row]!, a.phase[row]!);
    a.grassroots[row] = from + sampler.draw(rng);
  }
  coverThanhHoaParticipants(h, a, rng, scale);
}

/** Every one of Thanh Hóa's participating unions (published: 3,655) has at least one submission before 2023-09-01. */
function coverThanhHoaParticipants(h: Hierarchy, a: Allocation, rng: Rng, scale: number): void {
  const anchors = exactAnchors(scale);
  const top = h.topUnits.find((t) => t.record.code === anchors.thanhHoa.unit)!;
  const before = vietnamMidnight(anchors.thanhHoa.finalBefore);
  const counts = new Int32Array(top.grassrootsTo - top.grassrootsFrom);
  const donors: number[] = [];
  const cadre = WORKER_CATEGORY_ORDER.indexOf("UNION_CADRE");
  for (let row = 0; row < a.count && a.submittedAt[row]! < before; row++) {
    if (a.topUnit[row] !== top.index) continue;
    counts[a.grassroots[row]! - top.grassrootsFrom]! += 1;
    // Union officers can belong to any kind of union, so their rows can move without changing a category total.
    if (a.category[row] === cadre) donors.push(row);
  }
  rng.shuffle(donors);
  for (let i = 0; i < counts.length; i++) {
    if (counts[i]! > 0 || h.grassroots.activity[top.grassrootsFrom + i] === 0) continue;
    let donor: number | undefined;
    while ((donor = donors.pop()) !== undefined && counts[a.grassroots[donor]! - top.grassrootsFrom]! < 2);
    if (donor === undefined) throw new Error("Thanh Hóa: not enough rows to cover every participating union");
    counts[a.grassroots[donor]! - top.grassrootsFrom]! -= 1;
    a.grassroots[donor] = top.grassrootsFrom + i;
    counts[i] = 1;
  }
}
