import { AsOf, PaceBoard, type AskContext, type PaceFigures, type SemanticEngine } from "../../server/src/semantic";

/** The goals for the projection (issue 20). */
export const BACKTEST_GOALS = { mapeAt60: 0.1, coverageLow: 0.75, coverageHigh: 0.85, callsRight: 0.9 };

/** The phases' windows the back-test walks (the reference catalogue's, as the model reads them). */
export interface PhaseSpan {
  phase: number;
  opens: string;
  deadline: string;
}

/** One projection made on a Monday, next to what happened. */
export interface Forecast {
  phase: number;
  monday: string;
  daysLeft: number;
  unit: string;
  target: number | null;
  projected: number;
  low: number;
  high: number;
  /** The status called that Monday. */
  status: PaceFigures["status"];
  /** The figure at the deadline's 24h. */
  actual: number;
}

export interface HorizonFigures {
  /** The Monday used: the last one at least `days` before the deadline. */
  monday: string;
  daysLeft: number;
  mape: number;
  coverage: number;
  /** Units whose call (REACHED or ON_PACE = will reach, AT_RISK = will not) matched whether they reached the target. */
  callsRight: number;
  units: number;
}

export interface PhaseReport {
  phase: number;
  mondays: number;
  at60: HorizonFigures;
  at30: HorizonFigures;
  /** Over every Monday and unit of the phase. */
  coverage: number;
  /** MAPE by weeks before the deadline, every Monday (for the curve). */
  byMonday: Array<{ monday: string; daysLeft: number; mape: number; coverage: number }>;
}

export interface BacktestReport {
  phases: PhaseReport[];
  /** Both phases together: the figures. */
  mapeAt60: number;
  mapeAt30: number;
  coverage: number;
  callsRightAt30: number;
  forecasts: number;
  seconds: number;
}

/**
 * Runs the projection as it is served (PaceBoard, through the engine's as-of machinery) on every
 * Monday of each phase for every top-level unit, and scores it against the figure at the deadline.
 * Every forecast is asked as of its Monday: the board reads nothing after it.
 */
export async function runBacktest(engine: SemanticEngine, phases: PhaseSpan[]): Promise<BacktestReport> {
  const started = Date.now();
  // Leadership sees the figures exactly; for top-level units the public's are the same (docs/privacy.md).
  const ctx: AskContext = { locale: "vi", role: "leadership" };
  const board = new PaceBoard(engine);
  const topUnits = new Set((await engine.units.topUnits()).map((u) => u.code));
  const reports: PhaseReport[] = [];
  const all: Forecast[] = [];
  for (const span of phases) {
    const final = await board.all(ctx, span.phase, AsOf.parse(span.deadline));
    const forecasts: Forecast[] = [];
    for (const monday of mondaysOf(span)) {
      for (const [unit, pace] of await board.all(ctx, span.phase, AsOf.parse(monday))) {
        if (!topUnits.has(unit) || pace.projected === null) continue;
        forecasts.push({
          phase: span.phase,
          monday,
          daysLeft: pace.daysLeft,
          unit,
          target: pace.target,
          projected: pace.projected,
          low: pace.projectedLow!,
          high: pace.projectedHigh!,
          status: pace.status,
          actual: final.get(unit)!.current,
        });
      }
    }
    all.push(...forecasts);
    const mondays = [...new Set(forecasts.map((f) => f.monday))];
    reports.push({
      phase: span.phase,
      mondays: mondays.length,
      at60: horizon(forecasts, 60),
      at30: horizon(forecasts, 30),
      coverage: coverage(forecasts),
      byMonday: mondays.map((monday) => {
        const those = forecasts.filter((f) => f.monday === monday);
        return { monday, daysLeft: those[0]!.daysLeft, mape: mape(those), coverage: coverage(those) };
      }),
    });
  }
  const pooled = (pick: (r: PhaseReport) => HorizonFigures, of: (h: HorizonFigures) => number) =>
    reports.reduce((s, r) => s + of(pick(r)) * pick(r).units, 0) / reports.reduce((s, r) => s + pick(r).units, 0);
  return {
    phases: reports,
    mapeAt60: pooled(
      (r) => r.at60,
      (h) => h.mape,
    ),
    mapeAt30: pooled(
      (r) => r.at30,
      (h) => h.mape,
    ),
    coverage: coverage(all),
    callsRightAt30: pooled(
      (r) => r.at30,
      (h) => h.callsRight,
    ),
    forecasts: all.length,
    seconds: (Date.now() - started) / 1000,
  };
}

/** Every Monday from the phase's opening to the day before its deadline (Vietnam dates). */
export function mondaysOf(span: PhaseSpan): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${span.opens}T00:00:00Z`); ; t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    if (date >= span.deadline) return out;
    if (new Date(t).getUTCDay() === 1) out.push(date);
  }
}

/** Figures on the last Monday at least `days` before the deadline. */
function horizon(forecasts: Forecast[], days: number): HorizonFigures {
  const candidates = forecasts.filter((f) => f.daysLeft >= days);
  const daysLeft = Math.min(...candidates.map((f) => f.daysLeft));
  const those = candidates.filter((f) => f.daysLeft === daysLeft);
  const right = those.filter((f) => {
    const reached = f.target !== null && f.actual >= f.target;
    return (f.status === "REACHED" || f.status === "ON_PACE") === reached;
  });
  return {
    monday: those[0]?.monday ?? "",
    daysLeft,
    mape: mape(those),
    coverage: coverage(those),
    callsRight: those.length ? right.length / those.length : NaN,
    units: those.length,
  };
}

/** Mean absolute percentage error of the projected end-of-phase figure (units that ended with none are left out). */
export function mape(forecasts: Forecast[]): number {
  const scored = forecasts.filter((f) => f.actual > 0);
  return scored.reduce((s, f) => s + Math.abs(f.projected - f.actual) / f.actual, 0) / scored.length;
}

/** The share of forecasts whose 80 % interval held the figure at the deadline. */
export function coverage(forecasts: Forecast[]): number {
  return forecasts.filter((f) => f.low <= f.actual && f.actual <= f.high).length / forecasts.length;
}
