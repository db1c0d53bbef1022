import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { inject, injectable } from "tsyringe";
import type { RequestContext } from "../../common/request-context";
import { AsOfScalar } from "../../graphql/scalars/as-of.scalar";
import type { AsOf } from "../../semantic";
import { PhaseProgress, TargetRow } from "../dashboard/dashboard.types";
import { releaseArg } from "../releases/release.arg";
import { PaceService } from "./pace.service";
import { Pace, PaceStatus, ProjectionPoint } from "./pace.types";

const unitArg = {
  nullable: true,
  description: "The confederation (default, the programme's target) or a top-level unit's code",
} as const;
const phaseArg = { nullable: true, description: "1 or 2; default: the phase the as-of date falls in" } as const;
const asOfArg = {
  nullable: true,
  description: "A date means 24h of that day, Vietnam time; default: the end of the data",
} as const;

@injectable()
@Resolver()
export class PaceResolver {
  constructor(@inject(PaceService) private readonly service: PaceService) {}

  @Query(() => Pace, {
    name: "pace",
    description:
      "A unit's pace against its phase target: rates needed and achieved, a projection with its 80 % interval",
  })
  async pace(
    @Ctx() ctx: RequestContext,
    @Arg("unit", () => String, unitArg) unit?: string,
    @Arg("phase", () => Int, phaseArg) phase?: number,
    @Arg("asOf", () => AsOfScalar, asOfArg) asOf?: AsOf,
    @Arg("release", () => ID, releaseArg) release?: string,
  ): Promise<Pace> {
    return toPace(await this.service.pace(ctx, { unit, phase, asOf }, release));
  }

  @Query(() => [ProjectionPoint], {
    description:
      "The projected cumulative figure with its 80 % interval for each day from the as-of date to the deadline",
  })
  projection(
    @Ctx() ctx: RequestContext,
    @Arg("unit", () => String, unitArg) unit?: string,
    @Arg("phase", () => Int, phaseArg) phase?: number,
    @Arg("asOf", () => AsOfScalar, asOfArg) asOf?: AsOf,
    @Arg("release", () => ID, releaseArg) release?: string,
  ): Promise<ProjectionPoint[]> {
    return this.service.projection(ctx, { unit, phase, asOf }, release);
  }
}

/** Filters of the targets page that choose which units are listed, not which of their initiatives count. */
const UNIT_CHOOSING = ["topUnit", "topUnitKind", "emulationCluster"] as const;

/** `pace` on the targets page's rows. */
@injectable()
@Resolver(() => TargetRow)
export class TargetRowPaceResolver {
  constructor(@inject(PaceService) private readonly service: PaceService) {}

  @FieldResolver(() => Pace, {
    nullable: true,
    description: "Null under a filter other than the phase, the unit, its kind or its emulation cluster",
  })
  async pace(@Root() row: TargetRow, @Ctx() ctx: RequestContext): Promise<Pace | null> {
    const figures = await this.service.paceBeside(ctx, row.phase, row.paceQuestion, UNIT_CHOOSING);
    return figures && toPace(figures);
  }
}

/** `pace` on the overview's phases: the programme's. */
@injectable()
@Resolver(() => PhaseProgress)
export class PhaseProgressPaceResolver {
  constructor(@inject(PaceService) private readonly service: PaceService) {}

  @FieldResolver(() => Pace, { nullable: true, description: "Null under a filter other than the phase" })
  async pace(@Root() row: PhaseProgress, @Ctx() ctx: RequestContext): Promise<Pace | null> {
    const figures = await this.service.paceBeside(ctx, row.phase, row.paceQuestion);
    return figures && toPace(figures);
  }
}

function toPace(figures: Awaited<ReturnType<PaceService["pace"]>>): Pace {
  return { ...figures, status: figures.status as PaceStatus };
}
