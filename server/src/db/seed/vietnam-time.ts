import { VIETNAM_OFFSET_MS } from "../../common/vietnam-time";

/** The instant 00:00 Vietnam time on a date given as "YYYY-MM-DD". */
export function vietnamMidnight(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) - VIETNAM_OFFSET_MS;
}

/** The instant of a Vietnam wall-clock time "YYYY-MM-DDTHH:MM". */
export function vietnamInstant(dateTime: string): number {
  const [date, time] = dateTime.split("T") as [string, string];
  const [h, min] = time.split(":").map(Number) as [number, number];
  return vietnamMidnight(date) + h * 3600_000 + min * 60_000;
}

/** "YYYY-MM-DD" of the Vietnam day that contains an instant. */
export function vietnamDate(instant: number): string {
  return new Date(instant + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** Day of week in Vietnam, 0 = Sunday. */
export function vietnamWeekday(instant: number): number {
  return new Date(instant + VIETNAM_OFFSET_MS).getUTCDay();
}
