import type { DataSource } from "typeorm";
import type { Locale } from "../answer/answer";
import { vietnamLocal, vietnamMidnight } from "../../common/vietnam-time.sql";

const STEP = 100_000;

export type MilestoneKind = "EVERY_100000" | "MILLION" | "PHASE1_TARGET";

/** The instant the national cumulative count of submissions reached a round number or a target. */
export interface Milestone {
  count: number;
  kind: MilestoneKind;
  label: string;
  reachedAt: Date;
  /** The same in Vietnam time, to the minute: "2022-10-03 15:34". */
  reachedAtVietnam: string;
}

/**
 * Milestones of the national count: every 100,000, each million, and the phase-1 target. The day
 * comes from the national daily submissions (`days`, the engine's answer from its daily rollup);
 * the exact submission within that day from the base table's index, so the answer is exact and cheap.
 */
export async function findMilestones(
  db: Pick<DataSource, "query">,
  days: Array<{ day: string; submissions: number }>,
  phase1Target: number | undefined,
): Promise<Milestone[]> {
  const total = days.reduce((s, d) => s + d.submissions, 0);
  const wanted = new Map<number, MilestoneKind>();
  for (let n = STEP; n <= total; n += STEP) wanted.set(n, n % 1_000_000 === 0 ? "MILLION" : "EVERY_100000");
  if (phase1Target && phase1Target <= total) wanted.set(phase1Target, "PHASE1_TARGET");
  const out: Milestone[] = [];
  let before = 0;
  let next = [...wanted.keys()].sort((a, b) => a - b);
  for (const day of days) {
    const after = before + day.submissions;
    for (const n of next.filter((m) => m > before && m <= after)) {
      const [row] = (await db.query(
        `SELECT submitted_at, to_char(${vietnamLocal("submitted_at")}, 'YYYY-MM-DD HH24:MI') AS local
           FROM initiative WHERE submitted_at >= ${vietnamMidnight("$1::date")}
          ORDER BY submitted_at, id OFFSET $2 LIMIT 1`,
        [day.day, n - before - 1],
      )) as Array<{ submitted_at: Date; local: string }>;
      out.push({
        count: n,
        kind: wanted.get(n)!,
        label: "",
        reachedAt: row!.submitted_at,
        reachedAtVietnam: row!.local,
      });
    }
    next = next.filter((m) => m > after);
    before = after;
  }
  return out;
}

export function milestoneLabel(m: Milestone, locale: Locale): string {
  const n = m.count.toLocaleString(locale === "en" ? "en-US" : "vi-VN");
  if (m.kind === "PHASE1_TARGET") return locale === "en" ? `Phase-1 target (${n})` : `Chỉ tiêu giai đoạn 1 (${n})`;
  return locale === "en" ? `${n} initiatives` : `${n} sáng kiến`;
}
