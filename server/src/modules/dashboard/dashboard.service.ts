import type { RequestContext } from "../../common/request-context";
import { badInput } from "../../common/errors";
import { audienceOf } from "../../auth/roles";
import type { AnalyticsQuery } from "../../semantic/query/analytics-query";
import { REGISTRY } from "../../semantic/registry/registry";
import type { DataStateCache } from "../../semantic/data-state";
import type { AnalyticsService } from "../analytics/analytics.service";
import type { AnalyticsResult } from "../analytics/analytics.types";
import type { Overview, Ranking, TargetRow, UnitDrilldown, UnitRef } from "./dashboard.types";

type Filters = AnalyticsQuery["filters"];
const WEEK_MS = 7 * 86_400_000;
const KPI_MEASURES = ["submissions", "valid", "benefitVnd", "submitters", "participationRate"];
/** Members are not split by category or field, so rates per member are left out under those filters. */
const PER_MEMBER = ["participationRate"];

/** Typed answers for the dashboard, each one or a few calls of the same engine as `analytics`. */
export class DashboardService {
  /** Overviews per data version, language and arguments: the page everyone opens, assembled once. */
  private readonly overviews = new Map<string, Promise<Overview>>();

  constructor(
    private readonly analytics: AnalyticsService,
    private readonly state: DataStateCache,
  ) {}

  async overview(ctx: RequestContext, asOf: string | undefined, filters: Filters = []): Promise<Overview> {
    // The audience is part of the key: an overview assembled for leadership holds figures the public must not see.
    const key = `${(await this.state.current()).dataVersion}|${audienceOf(ctx)}|${ctx.locale}|${asOf ?? ""}|${JSON.stringify(filters ?? [])}`;
    let answer = this.overviews.get(key);
    if (!answer) {
      answer = this.assembleOverview(ctx, asOf, filters);
      this.overviews.set(key, answer);
      answer.catch(() => this.overviews.delete(key));
      if (this.overviews.size > 200) this.overviews.delete(this.overviews.keys().next().value!);
    }
    return answer;
  }

  private async assembleOverview(ctx: RequestContext, asOf: string | undefined, filters: Filters = []): Promise<Overview> {
    const memberless = (filters ?? []).some((f) => f.dimension !== "phase");
    const measures = KPI_MEASURES.filter((m) => !(memberless && PER_MEMBER.includes(m)));
    const now = await this.analytics.runForDashboard(ctx, { measures, asOf, filters });
    const weekAgo = await this.analytics.runForDashboard(ctx, { measures, asOf: new Date(now.asOf.getTime() - WEEK_MS).toISOString(), filters });
    const byPhase = await this.analytics.runForDashboard(ctx, { measures: ["submissions", "valid"], dimensions: ["phase"], asOf, filters });
    const targets = (await this.state.current()).nationalTargets;
    const value = (r: AnalyticsResult, m: string) => r.totals.find((t) => t.measure === m)?.value ?? null;
    const label = (m: string) => (ctx.locale === "en" ? REGISTRY.measures.get(m)!.labelEn : REGISTRY.measures.get(m)!.labelVi);
    const programmeTarget = (targets.get(1) ?? 0) + (targets.get(2) ?? 0);
    return {
      asOf: now.asOf, asOfDate: now.asOfDate, dataVersion: now.dataVersion, synthetic: now.synthetic,
      kpis: measures.map((m) => {
        const v = value(now, m);
        const p = value(weekAgo, m);
        return { measure: m, label: label(m), unit: REGISTRY.measures.get(m)!.unit, value: v, previous: p, change: v === null || p === null ? null : v - p };
      }),
      programmeTarget,
      programmeProgress: programmeTarget ? ((value(now, "submissions") ?? 0) * 100) / programmeTarget : 0,
      phases: [1, 2].map((phase) => {
        const row = byPhase.rows.find((r) => r.dimensions[0]!.code === String(phase));
        const submissions = row?.values.find((v) => v.measure === "submissions")?.value ?? 0;
        const target = targets.get(phase) ?? null;
        return {
          phase, label: ctx.locale === "en" ? `Phase ${phase}` : `Giai đoạn ${phase}`,
          submissions, valid: row?.values.find((v) => v.measure === "valid")?.value ?? 0,
          target, progress: target ? (submissions * 100) / target : null,
        };
      }),
    };
  }

  async ranking(ctx: RequestContext, measure: string, by: string, limit: number, asOf?: string, filters: Filters = []): Promise<Ranking> {
    if (!["topUnit", "province", "province2025", "region", "emulationCluster"].includes(by)) {
      throw badInput(`by: rank topUnit, province, province2025, region or emulationCluster, not ${by}`, { field: "by" });
    }
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw badInput("limit: a whole number from 1 to 1000", { field: "limit" });
    const additive = REGISTRY.measures.get(measure)!.additivity !== "derived";
    const result = await this.analytics.runForDashboard(ctx, {
      measures: [measure], dimensions: [by], asOf, filters, limit: 10_000,
      order: [{ by: measure, direction: "DESC" }], share: additive ? [measure] : [],
    });
    // Stated tie-break: equal values are listed by code, ascending.
    const sorted = [...result.rows].sort((a, b) =>
      (b.values[0]!.value ?? -Infinity) - (a.values[0]!.value ?? -Infinity) || (a.dimensions[0]!.code < b.dimensions[0]!.code ? -1 : 1));
    let rank = 0;
    let previous: number | null | undefined;
    const rows = sorted.map((row, i) => {
      const v = row.values[0]!;
      if (v.value !== previous) rank = i + 1;
      previous = v.value;
      return { rank, code: row.dimensions[0]!.code, label: row.dimensions[0]!.label, value: v.value, share: v.share };
    });
    return { measure, rows: rows.slice(0, limit), count: rows.length, asOfDate: result.asOfDate, source: result.source };
  }

  async unitDrilldown(ctx: RequestContext, code: string, asOf?: string, filters: Filters = []): Promise<UnitDrilldown> {
    const [unit] = (await ctx.dataSource.query(`SELECT code, name, kind, tier, path FROM unit WHERE code = $1`, [code])) as Array<UnitRef & { path: string }>;
    if (!unit) throw badInput(`unit: no unit has the code "${code}"`, { field: "unit" });
    const ancestorIds = unit.path.split("/").filter(Boolean).slice(0, -1).map(Number);
    const ancestors = (await ctx.dataSource.query(
      `SELECT code, name, kind, tier FROM unit WHERE id = ANY($1::int[]) ORDER BY depth`, [ancestorIds])) as UnitRef[];
    const categoryFilter = (filters ?? []).some((f) => f.dimension !== "phase");
    const measures = ["submissions", "valid", "validRate", "benefitVnd",
      ...(categoryFilter ? [] : ["members", "submissionsPerThousandMembers"]), ...(unit.tier === 0 && !categoryFilter ? ["target", "targetAttainment"] : [])];
    const children = await this.analytics.runForDashboard(ctx, {
      measures, dimensions: ["unit"], parentUnit: code, asOf, filters, order: [{ by: "submissions", direction: "DESC" }], limit: 10_000,
    });
    // The unit's own figures: its whole subtree (for a grassroots union, itself).
    const own = await this.analytics.runForDashboard(ctx, {
      measures, asOf, filters: [...(filters ?? []), { dimension: "unit", operator: "EQUALS", values: [code] }],
    });
    // Where the children's own totals had to be withheld (a lone small child), the unit's totals are that child's figures: withheld too.
    const totals = children.totalsSuppressed ? { totals: children.totals, totalsSuppressed: children.totalsSuppressed } : { totals: own.totals, totalsSuppressed: own.totalsSuppressed };
    return { unit, ancestors, children: { ...children, ...totals } };
  }

  async targetAttainment(ctx: RequestContext, asOf?: string, filters: Filters = []): Promise<TargetRow[]> {
    const result = await this.analytics.runForDashboard(ctx, {
      measures: ["target", "valid", "targetAttainment"], dimensions: ["topUnit", "phase"], asOf, filters, limit: 10_000,
    });
    const units = new Map(((await ctx.dataSource.query(`SELECT code, kind, cluster_code FROM unit WHERE tier = 1`)) as Array<{ code: string; kind: string; cluster_code: string | null }>)
      .map((u) => [u.code, u]));
    return result.rows.map((row) => {
      const v = (m: string) => row.values.find((x) => x.measure === m)?.value ?? null;
      const unit = units.get(row.dimensions[0]!.code);
      return {
        code: row.dimensions[0]!.code, label: row.dimensions[0]!.label, kind: unit?.kind ?? "", cluster: unit?.cluster_code ?? null,
        phase: Number(row.dimensions[1]!.code), target: v("target"), valid: v("valid") ?? 0, attainment: v("targetAttainment"),
      };
    });
  }
}

