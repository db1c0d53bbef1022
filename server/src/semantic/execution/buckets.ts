import { DAY_MS, VIETNAM_OFFSET_MS } from "../../common/vietnam-time";
import type { Granularity } from "../query/analytics-query";

/** Start date ("YYYY-MM-DD", Vietnam calendar) of the bucket that holds an instant. */
export function bucketOf(ms: number, granularity: Granularity): string {
  const d = new Date(ms + VIETNAM_OFFSET_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (granularity) {
    case "DAY":
      return iso(Date.UTC(y, m, d.getUTCDate()));
    case "WEEK": {
      const monday = Date.UTC(y, m, d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * DAY_MS;
      return iso(monday);
    }
    case "MONTH":
      return iso(Date.UTC(y, m, 1));
    case "QUARTER":
      return iso(Date.UTC(y, m - (m % 3), 1));
    case "YEAR":
      return iso(Date.UTC(y, 0, 1));
  }
}

/** Every bucket start from `first` to `last` inclusive: the rows of a gap-free time series. */
export function bucketsBetween(first: string, last: string, granularity: Granularity): string[] {
  const out: string[] = [];
  let [y, m, d] = first.split("-").map(Number) as [number, number, number];
  if (granularity === "DAY" || granularity === "WEEK") {
    // UTC calendar days are all 24 h long: step in milliseconds (a daily series has hundreds of buckets).
    const step = (granularity === "DAY" ? 1 : 7) * DAY_MS;
    for (let t = Date.UTC(y, m - 1, d), guard = 0; guard < 100_000; t += step, guard++) {
      const current = iso(t);
      if (current > last) break;
      out.push(current);
    }
    return out;
  }
  for (let guard = 0; guard < 100_000; guard++) {
    const current = iso(Date.UTC(y, m - 1, d));
    if (current > last) break;
    out.push(current);
    if (granularity === "MONTH") m += 1;
    else if (granularity === "QUARTER") m += 3;
    else y += 1;
    const next = new Date(Date.UTC(y, m - 1, d));
    [y, m, d] = [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()];
  }
  return out;
}

/** Dates are formatted thousands of times per daily series, always the same few hundred: remember them. */
const ISO_DATES = new Map<number, string>();

function iso(utc: number): string {
  let text = ISO_DATES.get(utc);
  if (text === undefined) {
    text = new Date(utc).toISOString().slice(0, 10);
    if (ISO_DATES.size < 100_000) ISO_DATES.set(utc, text);
  }
  return text;
}
