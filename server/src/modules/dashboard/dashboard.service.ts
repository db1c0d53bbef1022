import { inject, injectable } from "tsyringe";
import type { RequestContext } from "../../common/request-context";
import { badInput } from "../../common/errors";
import { audienceOf } from "../../auth/roles";
import { SharedComputations } from "../../cache/lru";
import {
  SemanticEngine,
  valueOf,
  type AnalyticsQuery,
  type Answer,
  type AsOf,
  type CompareQuestion,
} from "../../semantic";
import { compareOf, type ConvenienceCompare } from "./convenience-compare";
import type { Overview, Ranking, TargetRow } from "./dashboard.types";
import { toRelease } from "../releases/releases.types";
import type { UnitRecord } from "../../semantic";

type Filters = AnalyticsQuery["filters"];
const KPI_MEASURES = ["submissions", "valid", "benefitVnd", "submitters", "participationRate"];
/** Members are not split by category or field, so rates per member are left out under those filters. */
const PER_MEMBER = ["participationRate"];
const RANKED_BY = ["topUnit", "province", "province2025", "region", "emulationCluster"];

/** Typed answers for the dashboard, each one or a few questions to the engine, asked in the dashboard's lane. */
@injectable()
export class DashboardService {
  /** Overviews per data version, audience, language and arguments: the page everyone opens, assembled once. */
  private readonly overviews = new SharedComputations<Overview>(200);

  constructor(@inject(SemanticEngine) private readonly engine: SemanticEngine) {}

  async overview(
    ctx: RequestContext,
    asOf: AsOf | undefined,
    filters: Filters = [],
    compare: ConvenienceCompare = {},
  ): Promise<Overview> {
    // The audience is part of the key: an overview assembled for leadership holds figures the public must not see.
    // Of the caller's release: its data version (the live one, or the release's), and the release's id in the key.
    const { dataVersion } = await this.engine.current(ctx);
    const release = (await this.engine.releaseFor(ctx))?.id ?? "live";
    const against = compareOf(compare) ?? { to: "PREVIOUS_PERIOD", days: 7 };
    const key = `${dataVersion}|${release}|${audienceOf(ctx)}|${ctx.locale}|${asOf ?? ""}|${JSON.stringify([filters ?? [], against])}`;
    return this.overviews.get(key, () => this.assembleOverview(ctx, asOf, filters, against));
  }

  private async assembleOverview(
    ctx: RequestContext,
    asOf: AsOf | undefined,
    filters: Filters,
    compare: CompareQuestion,
  ): Promise<Overview> {
    const memberless = (filters ?? []).some((f) => f.dimension !== "phase");
    const measures = KPI_MEASURES.filter((m) => !(memberless && PER_MEMBER.includes(m)));
    const [now, byPhase] = await this.askTogether(ctx, [
      { measures, asOf, filters, compare },
      { measures: ["submissions", "valid"], dimensions: ["phase"], asOf, filters },
    ]);
    const targets = (await this.engine.current(ctx)).nationalTargets;
    const measure = (m: string) => this.engine.registry.measures.get(m)!;
    const programmeTarget = await this.programmeTarget(ctx, []);
    const root = await (await this.engine.unitsFor(ctx)).root();
    return {
      asOf: now.asOf,
      asOfDate: now.asOfDate,
      dataVersion: now.dataVersion,
      synthetic: now.synthetic,
      compared: now.compared!,
      release: toRelease(now.release),
      kpis: measures.map((m) => {
        const total = now.totals.find((t) => t.measure === m)!;
        const label = ctx.locale === "en" ? measure(m).labelEn : measure(m).labelVi;
        return {
          measure: m,
          label,
          unit: measure(m).unit,
          value: total.value,
          previous: total.compared ?? null,
          change: total.difference ?? null,
          percentChange: total.percentChange ?? null,
        };
      }),
      programmeTarget,
      programmeProgress: programmeTarget ? ((valueOf(now.totals, "submissions") ?? 0) * 100) / programmeTarget : 0,
      phases: [1, 2].map((phase) => {
        const row = byPhase.rows.find((r) => r.dimensions[0]!.code === String(phase));
        // No row: no initiative in that phase (0). A withheld row: null with its reason, never a false 0.
        const figure = (m: string) => (row ? valueOf(row.values, m) : 0);
        const submissions = figure("submissions");
        // The programme's targets are for all submissions: under a category or field filter there is nothing to compare with.
        const target = memberless ? null : (targets.get(phase) ?? null);
        return {
          phase,
          label: ctx.locale === "en" ? `Phase ${phase}` : `Giai đoạn ${phase}`,
          submissions,
          valid: figure("valid"),
          suppressed: row?.suppressed ?? null,
          perturbed: row?.perturbed ?? false,
          target,
          progress: target && submissions !== null ? (submissions * 100) / target : null,
          paceQuestion: { unit: root.code, asOf, filters, release: ctx.release },
        };
      }),
    };
  }

  async ranking(
    ctx: RequestContext,
    measure: string,
    by: string,
    limit: number,
    asOf?: AsOf,
    filters: Filters = [],
  ): Promise<Ranking> {
    if (!RANKED_BY.includes(by))
      throw badInput(`by: rank ${RANKED_BY.slice(0, -1).join(", ")} or ${RANKED_BY.at(-1)}, not ${by}`, {
        field: "by",
      });
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw badInput("limit: a whole number from 1 to 1000", { field: "limit" });
    const additive = this.engine.registry.measures.get(measure)!.additivity !== "derived";
    const result = await this.ask(ctx, {
      measures: [measure],
      dimensions: [by],
      asOf,
      filters,
      limit: 10_000,
      order: [{ by: measure, direction: "DESC" }],
      share: additive ? [measure] : [],
    });
    // Stated tie-break: equal values are listed by code, ascending.
    const sorted = [...result.rows].sort(
      (a, b) =>
        (b.values[0]!.value ?? -Infinity) - (a.values[0]!.value ?? -Infinity) ||
        (a.dimensions[0]!.code < b.dimensions[0]!.code ? -1 : 1),
    );
    let rank = 0;
    let previous: number | null | undefined;
    const rows = sorted.map((row, i) => {
      const v = row.values[0]!;
      if (v.value !== previous) rank = i + 1;
      previous = v.value;
      return {
        rank,
        code: row.dimensions[0]!.code,
        label: row.dimensions[0]!.label,
        value: v.value,
        share: v.share,
        suppressed: row.suppressed ?? null,
        perturbed: row.perturbed ?? false,
      };
    });
    return {
      measure,
      rows: rows.slice(0, limit),
      count: rows.length,
      asOfDate: result.asOfDate,
      source: result.sources.join("+"),
      release: toRelease(result.release),
    };
  }

  /** A unit, its ancestors, and its children with their figures (totals: the unit's own). */
  async unitDrilldown(
    ctx: RequestContext,
    code: string,
    asOf?: AsOf,
    filters: Filters = [],
    against: ConvenienceCompare = {},
  ): Promise<{ unit: UnitRecord; ancestors: UnitRecord[]; children: Answer }> {
    const compare = compareOf(against);
    const units = await this.engine.unitsFor(ctx);
    const unit = await units.byCode(code);
    if (!unit) throw badInput(`unit: no unit has the code "${code}"`, { field: "unit" });
    const ancestors = await units.ancestorsOf(unit);
    const categoryFilter = (filters ?? []).some((f) => f.dimension !== "phase");
    const measures = [
      "submissions",
      "valid",
      "validRate",
      "benefitVnd",
      ...(categoryFilter ? [] : ["members", "submissionsPerThousandMembers"]),
      ...(unit.tier === 0 && !categoryFilter ? ["target", "targetAttainment"] : []),
    ];
    // The unit's own figures: its whole subtree (for a grassroots union, itself). Only these are compared: the
    // KPI cards show the unit's change; comparing every child too doubled a second-tier unit's base-table scans
    // (docs/benchmarks.md, "A regression after the merges"). Analysts compare children through `analytics`.
    const [children, own] = await this.askTogether(ctx, [
      {
        measures,
        dimensions: ["unit"],
        parentUnit: code,
        asOf,
        filters,
        order: [{ by: "submissions", direction: "DESC" }],
        limit: 10_000,
      },
      {
        measures,
        asOf,
        filters: [...(filters ?? []), { dimension: "unit", operator: "EQUALS", values: [code] }],
        compare,
      },
    ]);
    // Where the children's own totals had to be withheld (a lone small child), the unit's totals are that child's figures: withheld too.
    const totals = children.totalsSuppressed ? children : own;
    // The confederation's own target is the programme's (1,000,000: facts §1), the one the overview shows; its
    // children's rows keep the targets they registered, which sum to a little more (1,008,005 in the demo).
    const ownTotals =
      unit.tier === 0 && !categoryFilter
        ? withProgrammeTarget(totals.totals, await this.programmeTarget(ctx, filters))
        : totals.totals;
    return {
      unit,
      ancestors,
      children: {
        ...children,
        totals: ownTotals,
        compared: own.compared ?? null,
        totalsSuppressed: totals.totalsSuppressed,
        totalsPerturbed: totals.totalsPerturbed,
      },
    };
  }

  async targetAttainment(ctx: RequestContext, asOf?: AsOf, filters: Filters = []): Promise<TargetRow[]> {
    const result = await this.ask(ctx, {
      measures: ["target", "valid", "targetAttainment"],
      dimensions: ["topUnit", "phase"],
      asOf,
      filters,
      limit: 10_000,
    });
    const units = new Map((await (await this.engine.unitsFor(ctx)).topUnits()).map((u) => [u.code, u]));
    return result.rows.map((row) => {
      const v = (m: string) => valueOf(row.values, m);
      const unit = units.get(row.dimensions[0]!.code);
      return {
        code: row.dimensions[0]!.code,
        label: row.dimensions[0]!.label,
        kind: unit?.kind ?? "",
        cluster: unit?.clusterCode ?? null,
        phase: Number(row.dimensions[1]!.code),
        target: v("target"),
        valid: row.suppressed ? null : (v("valid") ?? 0),
        attainment: v("targetAttainment"),
        suppressed: row.suppressed ?? null,
        perturbed: row.perturbed ?? false,
        paceQuestion: { unit: row.dimensions[0]!.code, asOf, filters, release: ctx.release },
      };
    });
  }

  /** The programme's target (the confederation's own), for the phases a filter keeps: defined once, in the target table at tier 0. */
  async programmeTarget(ctx: RequestContext, filters: Filters = []): Promise<number> {
    const targets = (await this.engine.current(ctx)).nationalTargets;
    const phases = (filters ?? []).find((f) => f.dimension === "phase" && f.operator !== "NOT_IN")?.values.map(Number);
    return [...targets].filter(([phase]) => !phases || phases.includes(phase)).reduce((sum, [, t]) => sum + t, 0);
  }

  /**
   * Questions whose answers are shown as one, of one data version: a load that commits between
   * them would put figures of two versions under one label. Asked again then (loads are minutes apart).
   */
  private async askTogether(ctx: RequestContext, questions: AnalyticsQuery[]): Promise<Answer[]> {
    for (let attempt = 1; ; attempt++) {
      // One after another, as before: a request takes one pooled connection at a time.
      const answers: Answer[] = [];
      for (const question of questions) answers.push(await this.ask(ctx, question));
      if (attempt >= 3 || answers.every((a) => a.dataVersion === answers[0]!.dataVersion)) return answers;
    }
  }

  /** A question in the dashboard's lane: a base-table scan it needs never queues behind analysts' questions. */
  ask(ctx: RequestContext, question: AnalyticsQuery): Promise<Answer> {
    return this.engine.answer(ctx, question, { lane: "dashboard" });
  }
}

/** The confederation's totals with its own (programme) target, and attainment against it: valid / target, as the measure says. */
function withProgrammeTarget(totals: Answer["totals"], target: number): Answer["totals"] {
  const valid = valueOf(totals, "valid");
  return totals.map((v) =>
    v.measure === "target"
      ? { ...v, value: target }
      : v.measure === "targetAttainment"
        ? { ...v, value: valid === null || !target ? null : (valid * 100) / target }
        : v,
  );
}
