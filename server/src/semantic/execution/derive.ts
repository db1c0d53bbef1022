import type { NormalizedQuery } from "../query/analytics-query";
import { derivedValue } from "../registry/derivation";
import type { Registry } from "../registry/registry";

export interface ResultRow {
  time?: string;
  keys: Array<number | string>;
  /** Requested measures; null where a ratio has a zero denominator. */
  values: Record<string, number | null>;
  /** Share of the total (of the row's time bucket in a series), for the measures asked in `share`. */
  shares: Record<string, number | null>;
}

type Values = Record<string, number>;

/** Derived measures from exact sums, shares, then order (stated tie-break: dimension keys ascending) and paging. */
export function finishRows(
  rows: Array<{ time?: string; keys: Array<number | string>; values: Values; bucketTotal?: Values }>,
  totals: Values,
  query: NormalizedQuery,
  registry: Registry,
): { rows: ResultRow[]; totals: Record<string, number | null> } {
  const finished = rows.map((row) => {
    const values = measureValues(row.values, query.measures, registry);
    const base = row.bucketTotal ?? totals;
    const shares: Record<string, number | null> = {};
    for (const m of query.share) {
      const whole = measureValues(base, [m], registry)[m];
      shares[m] = whole ? (values[m] ?? 0) / whole! : null;
    }
    return { time: row.time, keys: row.keys, values, shares };
  });
  finished.sort(comparator(query));
  return {
    rows: finished.slice(query.offset, query.offset + query.limit),
    totals: measureValues(totals, query.measures, registry),
  };
}

export function measureValues(
  components: Values,
  measures: string[],
  registry: Registry,
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  const value = (name: string): number | null => {
    const m = registry.measures.get(name)!;
    const computed = derivedValue(m, value);
    if (computed !== undefined) return computed;
    const v = components[name];
    // No row in scope: zero events, but for an attribute (no unit, no target) no figure.
    if (v === undefined) return m.attribute?.nullWithoutRows ? null : 0;
    return v;
  };
  for (const m of measures) out[m] = value(m);
  return out;
}

function comparator(query: NormalizedQuery) {
  return (a: ResultRow, b: ResultRow): number => {
    for (const o of query.order) {
      const sign = o.direction === "DESC" ? -1 : 1;
      const x =
        o.by === "time"
          ? a.time
          : query.dimensions.includes(o.by)
            ? a.keys[query.dimensions.indexOf(o.by)]
            : a.values[o.by];
      const y =
        o.by === "time"
          ? b.time
          : query.dimensions.includes(o.by)
            ? b.keys[query.dimensions.indexOf(o.by)]
            : b.values[o.by];
      const c = compareValues(x ?? null, y ?? null);
      if (c !== 0) return sign * c;
    }
    // Tie-break, stated in the API: time, then each dimension's key, ascending.
    if (a.time !== b.time) return (a.time ?? "") < (b.time ?? "") ? -1 : 1;
    for (let i = 0; i < a.keys.length; i++) {
      const c = compareValues(a.keys[i]!, b.keys[i]!);
      if (c !== 0) return c;
    }
    return 0;
  };
}

/** Numbers numerically, text by code point; nulls last. */
function compareValues(x: number | string | null, y: number | string | null): number {
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  return x < y ? -1 : 1;
}
