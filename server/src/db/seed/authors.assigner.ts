import { apportion } from "./apportion";
import { CALIBRATION, WORKER_CATEGORY_ORDER, exactAnchors } from "./calibration";
import type { Allocation } from "./allocation.builder";
import type { Hierarchy } from "./hierarchy.types";
import { Rng } from "./random";
import { vietnamMidnight } from "./vietnam-time";

const settings = CALIBRATION.model.authors;
const CATEGORIES = WORKER_CATEGORY_ORDER.length;

export interface Authors {
  count: number;
  /** Grassroots index of each author (author id = index + 1). */
  grassroots: Int32Array;
  /** Lead author id of each initiative row. */
  leadAuthor: Int32Array;
}

/**
 * Lead authors are members of the grassroots union and category of their initiatives; some
 * submit many times. Hà Nội's distinct submitters before 2023-08-04 are published and met exactly.
 */
export function assignAuthors(h: Hierarchy, a: Allocation, seed: number, scale: number): Authors {
  const rng = new Rng(seed, "authors");
  const groups = groupRows(h, a);
  const anchors = exactAnchors(scale);
  const haNoi = h.topUnits.find((t) => t.record.code === anchors.haNoi.unit)!;
  const cutoff = vietnamMidnight(anchors.haNoi.augustBefore);
  const haNoiAuthorsBefore = haNoiAllocation(h, a, groups, haNoi.index, cutoff, anchors.haNoi.augustSubmitters);

  const perAuthor = settings.submissionsPerLeadAuthor as Record<string, number>;
  const leadAuthor = new Int32Array(a.count);
  const authorGrassroots = new Int32Array(a.count);
  let authors = 0;
  for (let key = 0; key < groups.offsets.length - 1; key++) {
    const from = groups.offsets[key]!;
    const to = groups.offsets[key + 1]!;
    if (from === to) continue;
    const grassroots = Math.floor(key / CATEGORIES);
    const top = h.topUnits[h.grassroots.topUnit[grassroots]!]!;
    const rows = groups.rows.subarray(from, to);
    const first = authors + 1;
    if (top.index === haNoi.index) {
      const split = rows.findIndex((r) => a.submittedAt[r]! >= cutoff);
      const before = split === -1 ? rows : rows.subarray(0, split);
      const after = split === -1 ? rows.subarray(rows.length) : rows.subarray(split);
      let known = haNoiAuthorsBefore.get(key) ?? 0;
      spread(rng, before, known, first, leadAuthor);
      for (const row of after) {
        // After 3 August a few new people join; most are the same submitters again.
        if (known === 0 || rng.next() < settings.haNoiNewAuthorShareAfterAugust3) leadAuthor[row] = first + known++;
        else leadAuthor[row] = first + skewedIndex(rng, known);
      }
      authors += known;
    } else {
      const mean = perAuthor[top.record.code] ?? perAuthor.default!;
      const n = Math.min(rows.length, Math.max(1, Math.round((rows.length / mean) * rng.logNormal(1, 0.25))));
      spread(rng, rows, n, first, leadAuthor);
      authors += n;
    }
    authorGrassroots.fill(grassroots, first - 1, authors);
  }
  return { count: authors, grassroots: authorGrassroots.slice(0, authors), leadAuthor };
}

/** Row indexes grouped by (grassroots union, category), each group in submission order (a counting sort). */
function groupRows(h: Hierarchy, a: Allocation) {
  const keys = h.grassroots.count * CATEGORIES;
  const offsets = new Int32Array(keys + 1);
  for (let r = 0; r < a.count; r++) offsets[a.grassroots[r]! * CATEGORIES + a.category[r]! + 1]! += 1;
  for (let k = 0; k < keys; k++) offsets[k + 1]! += offsets[k]!;
  const cursor = offsets.slice(0, keys);
  const rows = new Int32Array(a.count);
  for (let r = 0; r < a.count; r++) rows[cursor[a.grassroots[r]! * CATEGORIES + a.category[r]!]!++] = r;
  return { offsets, rows };
}

/** How many distinct authors each Hà Nội group has before the cutoff, so that together they make the published count. */
function haNoiAllocation(
  h: Hierarchy,
  a: Allocation,
  groups: ReturnType<typeof groupRows>,
  unit: number,
  cutoff: number,
  total: number,
): Map<number, number> {
  const keys: number[] = [];
  const sizes: number[] = [];
  for (let key = 0; key < groups.offsets.length - 1; key++) {
    if (h.grassroots.topUnit[Math.floor(key / CATEGORIES)] !== unit) continue;
    let n = 0;
    for (let i = groups.offsets[key]!; i < groups.offsets[key + 1]!; i++)
      if (a.submittedAt[groups.rows[i]!]! < cutoff) n++;
    if (n > 0) {
      keys.push(key);
      sizes.push(n);
    }
  }
  const rows = sizes.reduce((s, n) => s + n, 0);
  if (total < keys.length || total > rows) {
    throw new Error(`Hà Nội: ${total} submitters cannot be spread over ${keys.length} groups of ${rows} submissions`);
  }
  // One author per group, the rest in proportion to what each group has beyond its first submission.
  const extra = apportion(
    total - keys.length,
    sizes.map((n) => n - 1),
  );
  return new Map(keys.map((key, i) => [key, 1 + extra[i]!]));
}

/** Gives each of `n` authors at least one of `rows`; the others repeat, a few authors many times. */
function spread(rng: Rng, rows: Int32Array, n: number, firstId: number, leadAuthor: Int32Array): void {
  const order = rng.shuffle(Int32Array.from(rows));
  for (let i = 0; i < order.length; i++) {
    leadAuthor[order[i]!] = firstId + (i < n ? i : skewedIndex(rng, n));
  }
}

function skewedIndex(rng: Rng, n: number): number {
  return Math.min(n - 1, Math.floor(n * Math.pow(rng.next(), settings.repeatSkew)));
}
