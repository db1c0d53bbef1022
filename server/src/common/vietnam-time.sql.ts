import { VIETNAM_OFFSET_MS } from "./vietnam-time";

const OFFSET_HOURS = VIETNAM_OFFSET_MS / 3_600_000;

/**
 * Vietnam local time of a timestamptz expression, as SQL. Vietnam has kept UTC+7 without daylight
 * saving since 1975, so a fixed offset is exact for this data, and it is about twice as fast as
 * AT TIME ZONE with the zone's name (VIETNAM_TIME_ZONE), which looks the zone up for every one of millions of rows.
 */
export function vietnamLocal(instant: string): string {
  return `((${instant}) AT TIME ZONE 'UTC' + interval '${OFFSET_HOURS} hours')`;
}

/** The instant a Vietnam calendar date (a SQL date expression) begins: its 00:00 in UTC+7, as timestamptz. */
export function vietnamMidnight(date: string): string {
  return `((${date})::timestamp AT TIME ZONE 'UTC' - interval '${OFFSET_HOURS} hours')`;
}
