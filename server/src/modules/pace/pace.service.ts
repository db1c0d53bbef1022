import { inject, injectable } from "tsyringe";
import { badInput } from "../../common/errors";
import type { RequestContext } from "../../common/request-context";
import { PaceBoard, SemanticEngine, type PaceFigures, type PaceRequest, type ProjectionPoint } from "../../semantic";
import type { PaceQuestion } from "../dashboard/dashboard.types";

/** Pace and projection for the API: arguments checked here, figures from the engine's PaceBoard. */
@injectable()
export class PaceService {
  private readonly board: PaceBoard;

  constructor(@inject(SemanticEngine) engine: SemanticEngine) {
    this.board = new PaceBoard(engine);
  }

  pace(ctx: RequestContext, request: PaceRequest, release?: string | null): Promise<PaceFigures> {
    checkRelease(release);
    return this.board.pace(ctx, request);
  }

  projection(ctx: RequestContext, request: PaceRequest): Promise<ProjectionPoint[]> {
    return this.board.projection(ctx, request);
  }

  /**
   * A unit's pace beside the targets page's or the overview's figures: null under a filter that narrows
   * the initiatives counted (a worker category, a field…): a target counts every initiative of its unit.
   * `unitFilters`: the dimensions that only choose units (the targets page's kind and cluster filters).
   */
  async paceBeside(
    ctx: RequestContext,
    phase: number,
    { unit, asOf, filters }: PaceQuestion,
    unitFilters: readonly string[] = [],
  ): Promise<PaceFigures | null> {
    if ((filters ?? []).some((f) => f.dimension !== "phase" && !unitFilters.includes(f.dimension))) return null;
    return (await this.board.all(ctx, phase, asOf)).get(unit) ?? null;
  }
}

/**
 * Releases (issue 19) are wired into every figure by their own branch; until pace reads them, asking
 * for one is refused rather than answered from the live data under a release's name.
 */
function checkRelease(release: string | null | undefined): void {
  if (release != null && release !== "live")
    throw badInput(`release: pace is computed from the live data only for now ("live"), not "${release}"`, {
      field: "release",
    });
}
