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

/**
 * A bucket's place on its granularity's scale (days, weeks, months, quarters or years since 1970):
 * what pairs the buckets of two periods in a comparison. 1970-01-01 was a Thursday: weeks count
 * from Monday 1969-12-29.
 */
export function bucketIndex(bucket: string, granularity: Granularity): number {
  const [y, m, d] = bucket.split("-").map(Number) as [number, number, number];
  const months = y * 12 + m - 1;
  const days = Date.UTC(y, m - 1, d) / DAY_MS;
  switch (granularity) {
    case "DAY":
      return days;
    case "WEEK":
      return Math.floor((days + 3) / 7);
    case "MONTH":
      return months;
    case "QUARTER":
      return Math.floor(months / 3);
    case "YEAR":
      return y;
  }
}

/** The bucket at a place on its scale: bucketIndex's inverse. */
export function bucketAt(index: number, granularity: Granularity): string {
  const month = (months: number) => iso(Date.UTC(Math.floor(months / 12), months % 12, 1));
  switch (granularity) {
    case "DAY":
      return iso(index * DAY_MS);
    case "WEEK":
      return iso((index * 7 - 3) * DAY_MS);
    case "MONTH":
      return month(index);
    case "QUARTER":
      return month(index * 3);
    case "YEAR":
      return iso(Date.UTC(index, 0, 1));
  }
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
