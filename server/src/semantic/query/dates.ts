import { badInput } from "../../common/errors";
import { DAY_MS, VIETNAM_OFFSET_MS } from "../../common/vietnam-time";

/** 00:00 Vietnam time of a "YYYY-MM-DD" date, or an error naming the field when the date does not exist. */
export function startOfVietnamDay(date: string, field: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw badInput(`${field}: "${date}" is not a date (YYYY-MM-DD) or an instant with an offset`, { field });
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(y, m - 1, d);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    throw badInput(`${field}: ${date} does not exist`, { field });
  }
  return utc - VIETNAM_OFFSET_MS;
}

/**
 * The dates a question may name: wide enough for any as-of a journalist might type (before the
 * programme: zero; long after: the final figures), narrow enough that a time series from the data's
 * start stays bounded and PostgreSQL's timestamps never overflow (`asOf: "9999-12-31"` once did).
 */
export const ANSWERABLE_DATES = { first: "2000-01-01", last: "2099-12-31" } as const;
export const ANSWERABLE_FROM_MS = Date.UTC(2000, 0, 1) - VIETNAM_OFFSET_MS;
export const ANSWERABLE_BEFORE_MS = Date.UTC(2100, 0, 1) - VIETNAM_OFFSET_MS;

/**
 * A date or an instant. A date alone means the end of that day ("as of 24h on 31/5/2022" is
 * before 2022-06-01 00:00 Vietnam time) when `endOfDay`, else its start.
 */
export function parseMoment(value: string, field: string, endOfDay: boolean): number {
  const ms = parseAnyMoment(value, field, endOfDay);
  if (ms < ANSWERABLE_FROM_MS || ms > ANSWERABLE_BEFORE_MS) {
    throw badInput(
      `${field}: ${value} is outside the dates this API answers, ${ANSWERABLE_DATES.first} to ${ANSWERABLE_DATES.last}; the programme ran 2021–2023`,
      {
        field,
        first: ANSWERABLE_DATES.first,
        last: ANSWERABLE_DATES.last,
      },
    );
  }
  return ms;
}

function parseAnyMoment(value: string, field: string, endOfDay: boolean): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return startOfVietnamDay(value, field) + (endOfDay ? DAY_MS : 0);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    throw badInput(
      `${field}: "${value}" is not a date (YYYY-MM-DD) or an instant with an offset (2022-05-31T17:00:00+07:00)`,
      { field },
    );
  }
  const ms = Date.parse(value);
  startOfVietnamDay(value.slice(0, 10), field);
  if (Number.isNaN(ms)) throw badInput(`${field}: ${value} does not exist`, { field });
  return ms;
}

export function isVietnamDayStart(ms: number): boolean {
  return (ms + VIETNAM_OFFSET_MS) % DAY_MS === 0;
}

export function isVietnamMonthStart(ms: number): boolean {
  return isVietnamDayStart(ms) && new Date(ms + VIETNAM_OFFSET_MS).getUTCDate() === 1;
}

/** "YYYY-MM-DD" of the Vietnam day containing an instant. */
export function vietnamDateOf(ms: number): string {
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 Vietnam time on the first day of the Vietnam month containing an instant. */
export function vietnamMonthStartOf(ms: number): number {
  return startOfVietnamDay(`${vietnamDateOf(ms).slice(0, 8)}01`, "month");
}
