import { inject, injectable } from "tsyringe";
import type { RequestContext } from "../../common/request-context";
import { PaceBoard, SemanticEngine, type PaceFigures, type PaceRequest, type ProjectionPoint } from "../../semantic";
import type { PaceQuestion } from "../dashboard/dashboard.types";
import { askingFor } from "../releases/release.arg";

/** Pace and projection for the API: arguments checked here, figures from the engine's PaceBoard. */
@injectable()
export class PaceService {
  private readonly board: PaceBoard;

  constructor(@inject(SemanticEngine) engine: SemanticEngine) {
    this.board = new PaceBoard(engine);
  }

  /** Of the release asked (absent: the caller's default, as for every figure). */
  pace(ctx: RequestContext, request: PaceRequest, release?: string): Promise<PaceFigures> {
    return this.board.pace(askingFor(ctx, release), request);
  }

  projection(ctx: RequestContext, request: PaceRequest, release?: string): Promise<ProjectionPoint[]> {
    return this.board.projection(askingFor(ctx, release), request);
  }

  /**
   * A unit's pace beside the targets page's or the overview's figures: null under a filter that narrows
   * the initiatives counted (a worker category, a field…): a target counts every initiative of its unit.
   * `unitFilters`: the dimensions that only choose units (the targets page's kind and cluster filters).
   */
  async paceBeside(
    ctx: RequestContext,
    phase: number,
    { unit, asOf, filters, release }: PaceQuestion,
    unitFilters: readonly string[] = [],
  ): Promise<PaceFigures | null> {
    if ((filters ?? []).some((f) => f.dimension !== "phase" && !unitFilters.includes(f.dimension))) return null;
    return (await this.board.all(askingFor(ctx, release), phase, asOf)).get(unit) ?? null;
  }
}
