import { audienceOf } from "../../auth/roles";
import { badInput } from "../../common/errors";
import { SharedComputations } from "../../cache/lru";
import type { AskContext } from "../answer/answer";
import type { SemanticEngine } from "../engine";
import { AsOf } from "../time/as-of";
import { logWidth, type PhaseHistory } from "./interval";
import { learnedRush, rushOf, RUSH_DAYS } from "./momentum-model";
import { paceFigures, projectionPath, type PaceFigures, type PaceInputs, type ProjectionPoint } from "./pace-figures";
import {
  nationalOn,
  PACE_MEASURE,
  recentOf,
  recentSnapshots,
  unitTargets,
  weeklyHistory,
  type Ask,
} from "./pace-questions";
import { historyBefore, type WeeklyHistory } from "./weekly-history";
import { addDays, daysBetween, PHASE_WINDOWS, phaseOfDate, phaseWindow, type PhaseWindow } from "./phase-calendar";

export interface PaceRequest {
  /** A unit code: the confederation (default) or one of the top-level units, which registered targets. */
  unit?: string | null;
  /** Default: the phase the as-of date falls in (the last one after the programme). */
  phase?: number | null;
  /** Default: the end of the data. */
  asOf?: AsOf | null;
}

/** A phase whose deadline has passed: its history as of the deadline, and the deadline rush it showed. */
interface CompletedPhase {
  history: PhaseHistory["history"];
  window: PhaseWindow;
  rushShown: number | null;
}

/** Everything one phase as of one moment needs, for every unit at once (the targets page shows 83). */
interface Board {
  inputs: Map<string, PaceInputs>;
  /** Computed once: the targets page asks for each of its 166 rows. */
  figures: Map<string, PaceFigures>;
}

/**
 * Pace and projection (docs/projection.md), asked of the engine like every other figure: a board is
 * a handful of rollup reads (the phase's figures now, 7 and 28 days before, the targets, the weekly
 * history; each completed phase's history and rush once), kept per data version, audience and moment.
 * Only the confederation and the top-level units have targets; their figures are exact for every
 * role (docs/privacy.md protects what lies below the second tier), and no other unit is answered.
 */
export class PaceBoard {
  private readonly boards = new SharedComputations<Board>(64);
  private readonly completed = new SharedComputations<CompletedPhase>(8);
  /** Each phase's weekly history to the data's end, per data version and audience: every earlier moment's is cut from it. */
  private readonly histories = new SharedComputations<WeeklyHistory>(8);

  /** The engine's door, in the dashboard's lane (the targets page and the overview ask for pace). */
  private readonly ask: Ask;

  constructor(private readonly engine: SemanticEngine) {
    this.ask = (ctx, question) => engine.answer(ctx, question, { lane: "dashboard" });
  }

  async pace(ctx: AskContext, request: PaceRequest): Promise<PaceFigures> {
    const { code, window, asOf } = await this.checked(ctx, request);
    return (await this.board(ctx, window, asOf)).figures.get(code)!;
  }

  async projection(ctx: AskContext, request: PaceRequest): Promise<ProjectionPoint[]> {
    const { code, window, asOf } = await this.checked(ctx, request);
    const inputs = (await this.board(ctx, window, asOf)).inputs.get(code)!;
    return inputs.ended ? [] : projectionPath(inputs);
  }

  /** Every top-level unit's pace and the confederation's, by unit code. */
  async all(ctx: AskContext, phase: number, asOf?: AsOf | null): Promise<ReadonlyMap<string, PaceFigures>> {
    const { window, asOf: moment } = await this.checked(ctx, { phase, asOf });
    return (await this.board(ctx, window, moment)).figures;
  }

  /** Of the caller's release: its data's end is the default moment, its unit tree the units. */
  private async checked(
    ctx: AskContext,
    request: PaceRequest,
  ): Promise<{ code: string; window: PhaseWindow; asOf: AsOf }> {
    const asOf = request.asOf ?? AsOf.at((await this.engine.current(ctx)).dataEnd);
    const window = request.phase == null ? phaseOfDate(asOf.date) : phaseWindow(request.phase);
    if (!window)
      throw badInput(`phase: ${PHASE_WINDOWS.map((w) => w.phase).join(" or ")}, not ${request.phase}`, {
        field: "phase",
      });
    const units = await this.engine.unitsFor(ctx);
    const root = await units.root();
    const code = request.unit ?? root.code;
    const unit = await units.byCode(code);
    if (!unit) throw badInput(`unit: no unit has the code "${code}"`, { field: "unit" });
    if (unit.tier > 1)
      throw badInput(
        `unit: pace is for the confederation and the top-level units, which registered targets; "${code}" is below them`,
        { field: "unit" },
      );
    return { code, window, asOf };
  }

  private async board(ctx: AskContext, window: PhaseWindow, asOf: AsOf): Promise<Board> {
    // A data version names its figures for good: a release's answers and the live ones share a board when they are one version.
    const { dataVersion } = await this.engine.current(ctx);
    const key = `${dataVersion}|${audienceOf(ctx)}|${window.phase}|${asOf.before}`;
    return this.boards.get(key, () => this.build(ctx, window, asOf));
  }

  private async build(ctx: AskContext, window: PhaseWindow, asOf: AsOf): Promise<Board> {
    const ask = this.ask;
    const data = await this.engine.current(ctx);
    const units = await this.engine.unitsFor(ctx);
    const [snapshots, targets, history, completed, root, topUnits] = await Promise.all([
      recentSnapshots(ask, ctx, window.phase, asOf),
      unitTargets(ask, ctx, window.phase),
      this.historyAsOf(ctx, window.phase, asOf, data),
      this.completedBefore(ctx, asOf),
      units.root(),
      units.topUnits(),
    ]);
    const rush = learnedRush(completed.map((c) => c.rushShown));
    const daysLeft = Math.max(0, daysBetween(asOf.date, window.deadline));
    const ended = asOf.before >= AsOf.parse(window.deadline).before;
    const current: PhaseHistory = { history, opens: window.opens, deadline: window.deadline, rush };
    const shared = {
      phase: window.phase,
      measure: PACE_MEASURE,
      national: recentOf(snapshots, null),
      asOfDate: asOf.date,
      deadline: window.deadline,
      daysLeft,
      ended,
      rush,
      steady: daysBetween(window.opens, asOf.date) < 28,
      logWidth: ended
        ? 0
        : logWidth(
            current,
            completed.map((c) => replayed(c, rush)),
            daysLeft,
          ),
    };
    const inputs = new Map<string, PaceInputs>();
    inputs.set(root.code, {
      ...shared,
      unit: root.code,
      target: data.nationalTargets.get(window.phase) ?? null,
      own: shared.national,
    });
    for (const unit of topUnits)
      inputs.set(unit.code, {
        ...shared,
        unit: unit.code,
        target: targets.get(unit.code) ?? null,
        own: recentOf(snapshots, unit.code),
      });
    return { inputs, figures: new Map([...inputs].map(([code, input]) => [code, paceFigures(input)])) };
  }

  /**
   * The phase's weekly history as of `asOf`, cut from one read to the data's end (historyBefore): a
   * board for a new date then costs three snapshots, not a scan of the phase's whole rollup. A moment
   * after the data's end has weeks that read lacks, and is read as of itself.
   */
  private async historyAsOf(
    ctx: AskContext,
    phase: number,
    asOf: AsOf,
    data: { dataVersion: string; dataEnd: number },
  ): Promise<WeeklyHistory> {
    if (asOf.before > data.dataEnd) return weeklyHistory(this.ask, ctx, phase, asOf);
    const key = `${data.dataVersion}|${audienceOf(ctx)}|${phase}`;
    const later = await this.histories.get(key, () => weeklyHistory(this.ask, ctx, phase, AsOf.at(data.dataEnd)));
    return historyBefore(later, asOf.date, asOf.isEndOfDay);
  }

  /** The phases whose deadline had passed by `asOf`, each read as of its own deadline: nothing later is seen. */
  private async completedBefore(ctx: AskContext, asOf: AsOf): Promise<CompletedPhase[]> {
    const done = PHASE_WINDOWS.filter((w) => AsOf.parse(w.deadline).before <= asOf.before);
    const { dataVersion } = await this.engine.current(ctx);
    return Promise.all(
      done.map((window) =>
        this.completed.get(`${dataVersion}|${audienceOf(ctx)}|${window.phase}`, () => this.completedPhase(ctx, window)),
      ),
    );
  }

  private async completedPhase(ctx: AskContext, window: PhaseWindow): Promise<CompletedPhase> {
    const ask = this.ask;
    const start = addDays(window.deadline, -RUSH_DAYS);
    const [history, atDeadline, now, weekAgo, fourWeeksAgo] = await Promise.all([
      weeklyHistory(ask, ctx, window.phase, AsOf.parse(window.deadline), window.deadline),
      nationalOn(ask, ctx, window.phase, window.deadline),
      nationalOn(ask, ctx, window.phase, start),
      nationalOn(ask, ctx, window.phase, addDays(start, -7)),
      nationalOn(ask, ctx, window.phase, addDays(start, -28)),
    ]);
    return { history, window, rushShown: rushOf({ now, weekAgo, fourWeeksAgo }, atDeadline) };
  }
}

/** A completed phase replayed with the model as it stands now (the rush it has learned included). */
function replayed(phase: CompletedPhase, rush: number): PhaseHistory {
  return { history: phase.history, opens: phase.window.opens, deadline: phase.window.deadline, rush };
}
