import type { Answer, AskContext } from "../answer/answer";
import { valueOf } from "../answer/answer";
import type { AnalyticsQuery } from "../query/analytics-query";
import { AsOf } from "../time/as-of";
import { addDays } from "./phase-calendar";
import type { Recent } from "./momentum-model";
import type { WeeklyHistory } from "./weekly-history";

/** The measure targets are counted in: valid initiatives, as `targetAttainment` (valid / target) and the programme measured them. */
export const PACE_MEASURE = "valid";

/** Asks the engine (its one door: normalise, plan, protect, cache) in the dashboard's lane. */
export type Ask = (ctx: AskContext, question: AnalyticsQuery) => Promise<Answer>;

/** Each top-level unit's figure and the programme's (the totals), for one phase as of one moment. */
export interface Snapshot {
  units: Map<string, number>;
  national: number;
}

/** The engine's row limit (MAX_LIMIT). */
const WEEKLY_ROWS = 10_000;

const phaseFilter = (phase: number) => [{ dimension: "phase", operator: "EQUALS" as const, values: [String(phase)] }];

/** The phase's figure per top-level unit as of `asOf` (one rollup read). */
export async function snapshot(ask: Ask, ctx: AskContext, phase: number, asOf: AsOf): Promise<Snapshot> {
  const answer = await ask(ctx, {
    measures: [PACE_MEASURE],
    dimensions: ["topUnit"],
    filters: phaseFilter(phase),
    asOf,
    limit: 1000,
  });
  const units = new Map(answer.rows.map((r) => [r.dimensions[0]!.code, valueOf(r.values, PACE_MEASURE) ?? 0]));
  return { units, national: valueOf(answer.totals, PACE_MEASURE) ?? 0 };
}

/** The three snapshots the rates and the momentum read: as of the moment, 7 and 28 days before. */
export async function recentSnapshots(
  ask: Ask,
  ctx: AskContext,
  phase: number,
  asOf: AsOf,
): Promise<{ now: Snapshot; weekAgo: Snapshot; fourWeeksAgo: Snapshot }> {
  const [now, weekAgo, fourWeeksAgo] = await Promise.all(
    [0, 7, 28].map((days) => snapshot(ask, ctx, phase, asOf.daysEarlier(days))),
  );
  return { now: now!, weekAgo: weekAgo!, fourWeeksAgo: fourWeeksAgo! };
}

/** One unit's (or, with no code, the programme's) recent figures out of the three snapshots. */
export function recentOf(s: { now: Snapshot; weekAgo: Snapshot; fourWeeksAgo: Snapshot }, code: string | null): Recent {
  const pick = (x: Snapshot) => (code === null ? x.national : (x.units.get(code) ?? 0));
  return { now: pick(s.now), weekAgo: pick(s.weekAgo), fourWeeksAgo: pick(s.fourWeeksAgo) };
}

/** The registered target of each top-level unit for the phase. */
export async function unitTargets(ask: Ask, ctx: AskContext, phase: number): Promise<Map<string, number | null>> {
  const answer = await ask(ctx, {
    measures: ["target"],
    dimensions: ["topUnit"],
    filters: phaseFilter(phase),
    limit: 1000,
  });
  return new Map(answer.rows.map((r) => [r.dimensions[0]!.code, valueOf(r.values, "target")]));
}

/**
 * Every top-level unit's cumulative figure at each week end before `asOf` (one rollup read, ISO weeks).
 * With `endsAtDeadline` the last, partial week is kept and dated `endsAtDeadline` (a completed phase
 * read as of its deadline's 24h); otherwise only whole weeks are kept.
 */
export async function weeklyHistory(
  ask: Ask,
  ctx: AskContext,
  phase: number,
  asOf: AsOf,
  endsAtDeadline?: string,
): Promise<WeeklyHistory> {
  const answer = await ask(ctx, {
    measures: [PACE_MEASURE],
    dimensions: ["topUnit"],
    filters: phaseFilter(phase),
    timeDimension: { granularity: "WEEK", cumulative: true },
    asOf,
    limit: WEEKLY_ROWS,
  });
  // 83 units × the weeks since the data began fit (about 90 weeks for the programme); cut short, the history would lie.
  if (answer.rows.length >= WEEKLY_ROWS) throw new Error(`pace: the weekly history has over ${WEEKLY_ROWS} rows`);
  const starts = [...new Set(answer.rows.map((r) => r.time!))].sort();
  const ends = starts.map((monday) => addDays(monday, 6));
  const complete = ends.filter((end) => (asOf.isEndOfDay ? end <= asOf.date : end < asOf.date));
  const kept = endsAtDeadline ? ends.length : complete.length;
  const cumulative = new Map<string, Map<string, number>>();
  for (const row of answer.rows) {
    const code = row.dimensions[0]!.code;
    if (!cumulative.has(code)) cumulative.set(code, new Map());
    cumulative.get(code)!.set(row.time!, valueOf(row.values, PACE_MEASURE) ?? 0);
  }
  const units = new Map<string, number[]>();
  for (const [code, byWeek] of cumulative) {
    let last = 0;
    // A week a unit has no row for keeps its figure: the series is cumulative.
    units.set(
      code,
      starts.slice(0, kept).map((start) => (last = byWeek.get(start) ?? last)),
    );
  }
  const national = starts.slice(0, kept).map((_, i) => [...units.values()].reduce((s, series) => s + series[i]!, 0));
  const weekEnds = ends.slice(0, kept);
  if (endsAtDeadline && weekEnds.length) weekEnds[weekEnds.length - 1] = endsAtDeadline;
  return { weekEnds, units, national };
}

/** The programme's figure for a phase as of 24h on `date`. */
export async function nationalOn(ask: Ask, ctx: AskContext, phase: number, date: string): Promise<number> {
  const answer = await ask(ctx, { measures: [PACE_MEASURE], filters: phaseFilter(phase), asOf: AsOf.parse(date) });
  return valueOf(answer.totals, PACE_MEASURE) ?? 0;
}
