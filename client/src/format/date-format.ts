import type { Locale } from "./number-format";

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function parts(isoDate: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) throw new Error(`not a date: ${isoDate}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** A calendar date (YYYY-MM-DD, Vietnam calendar): vi "31/5/2022", en "31 May 2022". */
export function formatDate(isoDate: string, locale: Locale): string {
  const [y, m, d] = parts(isoDate);
  return locale === "vi" ? `${d}/${m}/${y}` : `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

/** A month bucket: vi "5/2022", en "May 2022". */
export function formatMonth(isoDate: string, locale: Locale): string {
  const [y, m] = parts(isoDate);
  return locale === "vi" ? `${m}/${y}` : `${MONTHS_EN[m - 1]} ${y}`;
}

/** "2022-10-03 15:34" (Vietnam time, from the API) → vi "15:34 ngày 3/10/2022", en "15:34 on 3 Oct 2022". */
export function formatVietnamMinute(vietnamMinute: string, locale: Locale): string {
  const [date, time] = vietnamMinute.split(" ");
  return locale === "vi" ? `${time} ngày ${formatDate(date!, "vi")}` : `${time} on ${formatDate(date!, "en")}`;
}

/** The date seven days before, for "change over 7 days" labels. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = parts(isoDate);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Vietnam is UTC+7 all year (no summer time): the server's one offset (server/src/common/vietnam-time.ts), mirrored. */
const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** An instant from the API ("2023-10-06T03:12:00Z") as its Vietnam minute: "2023-10-06 10:12". */
export function vietnamMinuteOf(instant: string): string {
  return new Date(Date.parse(instant) + VIETNAM_OFFSET_MS).toISOString().slice(0, 16).replace("T", " ");
}
