/**
 * Facts about the programme that the API does not (yet) serve, written once for the whole client.
 * Both mirror server/src/db/reference/catalogues.ts; when `meta` exposes them, read them from there.
 */

/**
 * The confederation (Tổng Liên đoàn Lao động Việt Nam): the root of the unit tree. A unit page
 * without a unit shows it, and its figures are the unfiltered whole (no `unit` filter).
 */
export const CONFEDERATION_UNIT = "TLĐ";

/** The programme's phases as the portal ran them (Vietnam dates, both included): phase 2 ended with the portal on 1/9/2023. */
export const PHASES = [
  { phase: 1, from: "2022-01-08", to: "2022-05-31" },
  { phase: 2, from: "2022-06-01", to: "2023-09-01" },
] as const;
