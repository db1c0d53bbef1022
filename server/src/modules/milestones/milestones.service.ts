import type { RequestContext } from "../../common/request-context";
import type { DataStateCache } from "../../semantic/data-state";
import { parseMoment } from "../../semantic/query/dates";
import type { Milestone } from "./milestones.types";

const STEP = 100_000;

/**
 * Milestones of the national count: every 100,000, each million, and the phase-1 target. The
 * day comes from the daily rollup; the exact submission within that day from the base table's
 * index, so the answer is exact and cheap. Cached per data version.
 */
export class MilestonesService {
  /** The milestones being computed or computed: requests arriving meanwhile wait for the same computation. */
  private cache: { version: string; milestones: Promise<Milestone[]> } | undefined;

  constructor(private readonly state: DataStateCache) {}

  async list(ctx: RequestContext, asOf: string | undefined, locale: "vi" | "en"): Promise<Milestone[]> {
    const data = await this.state.current();
    if (this.cache?.version !== data.dataVersion) {
      const entry = { version: data.dataVersion, milestones: this.compute(ctx) };
      this.cache = entry;
      // A failed computation (database down) is not kept: the next request tries again.
      entry.milestones.catch(() => {
        if (this.cache === entry) this.cache = undefined;
      });
    }
    const before = asOf ? parseMoment(asOf, "asOf", true) : data.dataEnd;
    return (await this.cache.milestones)
      .filter((m) => m.reachedAt.getTime() < before)
      .map((m) => ({ ...m, label: labelOf(m, locale) }));
  }

  private async compute(ctx: RequestContext): Promise<Milestone[]> {
    const days = (await ctx.dataSource.query(
      `SELECT bucket::text AS day, sum(n)::bigint AS n FROM rollup_category_daily WHERE event = 1 GROUP BY bucket ORDER BY bucket`,
    )) as Array<{ day: string; n: string }>;
    const [phase1] = (await ctx.dataSource.query(
      `SELECT t.target FROM target t JOIN unit u ON u.id = t.unit_id WHERE u.tier = 0 AND t.phase_id = 1`,
    )) as Array<{ target: number }>;
    const total = days.reduce((s, d) => s + Number(d.n), 0);
    const wanted = new Map<number, string>();
    for (let n = STEP; n <= total; n += STEP) wanted.set(n, n % 1_000_000 === 0 ? "MILLION" : "EVERY_100000");
    if (phase1 && phase1.target <= total) wanted.set(phase1.target, "PHASE1_TARGET");
    const out: Milestone[] = [];
    let before = 0;
    let next = [...wanted.keys()].sort((a, b) => a - b);
    for (const day of days) {
      const after = before + Number(day.n);
      for (const n of next.filter((m) => m > before && m <= after)) {
        const [row] = (await ctx.dataSource.query(
          `SELECT submitted_at,
                  to_char(submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI') AS local
             FROM initiative WHERE submitted_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
            ORDER BY submitted_at, id OFFSET $2 LIMIT 1`,
          [day.day, n - before - 1],
        )) as Array<{ submitted_at: Date; local: string }>;
        out.push({ count: n, kind: wanted.get(n)!, label: "", reachedAt: row!.submitted_at, reachedAtVietnam: row!.local });
      }
      next = next.filter((m) => m > after);
      before = after;
    }
    return out;
  }
}

function labelOf(m: Milestone, locale: "vi" | "en"): string {
  const n = m.count.toLocaleString(locale === "en" ? "en-US" : "vi-VN");
  if (m.kind === "PHASE1_TARGET") return locale === "en" ? `Phase-1 target (${n})` : `Chỉ tiêu giai đoạn 1 (${n})`;
  return locale === "en" ? `${n} initiatives` : `${n} sáng kiến`;
}
