/** Vietnam keeps UTC+7 all year (no daylight saving since 1975): every calendar computation here uses this one offset. */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;
/** The IANA zone, for SQL's AT TIME ZONE: the same offset, named. */
export const VIETNAM_TIME_ZONE = "Asia/Ho_Chi_Minh";
