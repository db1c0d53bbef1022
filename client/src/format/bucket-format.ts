import { formatDate, formatMonth } from "./date-format";
import type { Locale } from "./number-format";

/** The API's time grains (weeks start on Monday, as ISO 8601 has them). */
export type Grain = "DAY" | "WEEK" | "MONTH" | "QUARTER" | "YEAR";

/**
 * The ISO 8601 week of a date and the year that week belongs to: 2022-01-03 is week 1 of 2022,
 * 2021-01-01 week 53 of 2020. Computed from the Thursday of the same week, as the standard defines it.
 */
export function isoWeek(isoDate: string): { week: number; year: number } {
  const [y, m, d] = isoDate.slice(0, 10).split("-").map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  const thursday = new Date(day.getTime() + (3 - ((day.getUTCDay() + 6) % 7)) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return { week, year };
}

/**
 * A time bucket by its grain, so a month never reads as a day: vi "1/3/2022" (a day),
 * "Tuần 12/2022", "3/2022", "Quý 1/2022", "2022"; en "1 Mar 2022", "Week 12/2022", "Mar 2022", "Q1 2022", "2022".
 * `bucketStart` is the bucket's first day (YYYY-MM-DD) as the API gives it.
 */
export function formatBucket(bucketStart: string, grain: Grain | string | undefined, locale: Locale): string {
  const year = bucketStart.slice(0, 4);
  switch (grain) {
    case "WEEK": {
      const { week, year: weekYear } = isoWeek(bucketStart);
      return locale === "vi" ? `Tuần ${week}/${weekYear}` : `Week ${week}/${weekYear}`;
    }
    case "MONTH":
      return formatMonth(bucketStart, locale);
    case "QUARTER": {
      const quarter = Math.floor((Number(bucketStart.slice(5, 7)) - 1) / 3) + 1;
      return locale === "vi" ? `Quý ${quarter}/${year}` : `Q${quarter} ${year}`;
    }
    case "YEAR":
      return year;
    default:
      return formatDate(bucketStart, locale);
  }
}
