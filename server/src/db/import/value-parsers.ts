import { searchable } from "../../common/searchable-text";
import { VIETNAM_OFFSET_MS } from "../../common/vietnam-time";

/** A parsed value, or why the cell could not be read (the reason never quotes the cell: it may be personal). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const NOT_A_DATE = "không phải ngày dạng dd/mm/yyyy [HH:mm[:ss]] / not a date written dd/mm/yyyy [HH:mm[:ss]]";
/** Vietnam midnight of each day met so far: an export spans a few hundred days, written a million times. */
const midnights = new Map<string, Parsed<number>>();

/**
 * "31/5/2022", "31/05/2022 15:34" or "31/05/2022 15:34:18", Vietnam time (UTC+7, no daylight
 * saving since 1975), as epoch milliseconds. A date without a time is its first instant.
 */
export function parseVietnamDateTime(text: string): Parsed<number> {
  let space = text.indexOf(" ");
  if (space < 0) space = text.indexOf("T");
  const day = vietnamMidnight(space < 0 ? text : text.slice(0, space));
  if (!day.ok || space < 0) return day;
  const time = timeOfDay(text, space + 1);
  if (time === null) return { ok: false, reason: NOT_A_DATE };
  if (time < 0) return { ok: false, reason: "giờ không hợp lệ / not a valid time of day" };
  return { ok: true, value: day.value + time };
}

/** Milliseconds since midnight of "H:mm" or "HH:mm:ss" from `from` (spaces first allowed); null if not written so, -1 if out of range. */
function timeOfDay(text: string, from: number): number | null {
  let i = from;
  while (text.charCodeAt(i) === 32) i++;
  const parts: number[] = [];
  while (parts.length < 3) {
    const first = text.charCodeAt(i) - 48;
    const second = text.charCodeAt(i + 1) - 48;
    if (!(first >= 0 && first <= 9)) return null;
    const twoDigits = second >= 0 && second <= 9;
    if (!twoDigits && parts.length > 0) return null;
    parts.push(twoDigits ? first * 10 + second : first);
    i += twoDigits ? 2 : 1;
    if (i === text.length) break;
    if (text.charCodeAt(i) !== 58) return null;
    i++;
  }
  if (i !== text.length || parts.length < 2) return null;
  const [hour, minute, second = 0] = parts as [number, number, number?];
  if (hour > 23 || minute > 59 || second > 59) return -1;
  return ((hour * 60 + minute) * 60 + second) * 1000;
}

function vietnamMidnight(text: string): Parsed<number> {
  let result = midnights.get(text);
  if (result) return result;
  result = parseDay(text);
  if (midnights.size < 100_000) midnights.set(text, result);
  return result;
}

function parseDay(text: string): Parsed<number> {
  const m = DATE.exec(text);
  if (!m) return { ok: false, reason: NOT_A_DATE };
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900 || year > 2100)
    return { ok: false, reason: "năm ngoài khoảng 1900–2100 / the year is outside 1900–2100" };
  const midnight = Date.UTC(year, month - 1, day);
  const check = new Date(midnight);
  if (month < 1 || month > 12 || check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) {
    return { ok: false, reason: "ngày không có trên lịch / no such day in the calendar" };
  }
  return { ok: true, value: midnight - VIETNAM_OFFSET_MS };
}

// "1.234.567", "1 234 567" or "1234567", then an optional currency word: đ, đồng, vnđ, vnd, ₫.
const AMOUNT = /^(\d{1,3}(?:\.\d{3})+|\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:,0+)?\s*(?:đ|đồng|vnđ|vnd|₫)?$/i;

/** An amount in đồng written the Vietnamese way; empty means "no monetary figure" (null). */
export function parseAmount(text: string): Parsed<number | null> {
  if (text === "") return { ok: true, value: null };
  const m = AMOUNT.exec(text);
  if (!m) {
    const reason = text.startsWith("-")
      ? "số tiền âm / a negative amount"
      : "không phải số tiền viết kiểu Việt Nam (vd. 1.234.567 đ) / not an amount written the Vietnamese way (e.g. 1.234.567 đ)";
    return { ok: false, reason };
  }
  const value = Number(m[1]!.replace(/[.\s\u00a0]/g, ""));
  if (!Number.isSafeInteger(value)) return { ok: false, reason: "số tiền quá lớn / the amount is too large" };
  return { ok: true, value };
}

/** A count of people (co-authors): a whole number from 0; empty means 0. */
export function parseCount(text: string, max = 32_767): Parsed<number> {
  if (text === "") return { ok: true, value: 0 };
  if (!/^\d+$/.test(text)) return { ok: false, reason: "không phải số nguyên không âm / not a whole number from 0" };
  const value = Number(text);
  if (value > max) return { ok: false, reason: `lớn hơn ${max} / larger than ${max}` };
  return { ok: true, value };
}

/**
 * The key labels and headers are matched on: no diacritics, lower case, punctuation and
 * parenthesised notes dropped ("Giá trị làm lợi (đồng)" → "gia tri lam loi", "PUBLIC_SERVICE" → "public service").
 */
export function labelKey(text: string): string {
  return searchable(text.normalize("NFC").replace(/\([^)]*\)/g, " "))
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
