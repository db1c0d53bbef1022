import type { RequestContext } from "../../common/request-context";
import type { CatalogueName } from "../../semantic/catalogue";
import type { DataState, DataStateCache } from "../../semantic/data-state";
import { vietnamDateOf, isVietnamDayStart } from "../../semantic/query/dates";
import { executeQuery, sourceTables } from "../../semantic/execution/execute";
import type { BaseQueryGate, BaseQueryLane } from "../../semantic/execution/base-query-gate";
import type { AnalyticsQuery, NormalizedQuery } from "../../semantic/query/analytics-query";
import type { Source } from "../../semantic/planner/planner";
import { normalizeQuery } from "../../semantic/query/normalize";
import { UNIT_DIMENSION } from "../../semantic/registry/dimensions";
import type { Registry } from "../../semantic/registry/registry";
import { seesSmallCells } from "../../auth/roles";
import { SmallCellGuard } from "../../semantic/privacy/small-cell-guard";
import type { AnalyticsResult, ColumnInfo } from "./analytics.types";
import { StatementMemo } from "../../semantic/execution/statement-memo";
import { AnswerCache } from "./answer-cache";
import { countAnalyticsAnswer, countAnalyticsCache } from "../../observability/metrics";

/**
 * The tables that answered, joined by "+": "initiative" for the base table, rollup names otherwise
 * (a monthly rollup with its daily tail, the submitter rollups). Attribute tables are not named.
 */
function sourceName(sources: string[], planned: Source): string {
  if (sources.length) return [...new Set(sources.flatMap((s) => s.split("+")))].join("+");
  return sourceTables(planned);
}

const FORMAT: Record<string, string> = { count: "integer", vnd: "vnd", percent: "percent", ratio: "decimal" };

/** The engine behind `analytics` and every typed convenience built on it. */
export class AnalyticsService {
  /** Answers per data version and normalised query; those that read the base table kept apart (see AnswerCache). */
  private readonly cache: AnswerCache<AnalyticsResult>;
  /** Members and targets, the same whatever the date: kept apart from answers, which differ by date. */
  private readonly statements = new StatementMemo();

  constructor(
    private readonly registry: Registry,
    private readonly state: DataStateCache,
    private readonly statementTimeoutMs: number,
    /** Answers kept per data version (0 turns the cache off, e.g. to measure the engine itself). */
    private readonly cacheSize = 1000,
    /** Cells of grassroots unions counting fewer initiatives than this are withheld from the public. */
    suppressionThreshold = 5,
    /** Limits questions no rollup answers (none: unlimited, e.g. to measure the engine alone). */
    private readonly baseQueries?: BaseQueryGate,
  ) {
    this.cache = new AnswerCache(cacheSize, (answer) => answer.source.split("+").includes("initiative"));
    this.guard = new SmallCellGuard(suppressionThreshold, async (code) => (await this.state.findUnit(code))?.tier ?? null);
  }

  private readonly guard: SmallCellGuard;

  /**
   * The answer for the caller's role: the public gets small grassroots cells withheld (see
   * SmallCellGuard); leadership and admin get every figure.
   */
  async run(ctx: RequestContext, raw: AnalyticsQuery, locale: "vi" | "en" = ctx.locale, lane: BaseQueryLane = "explorer"): Promise<AnalyticsResult> {
    const answer = await this.answer(ctx, raw, locale, lane);
    if (seesSmallCells(ctx.role ?? "public")) return answer;
    return this.guard.protect(raw, answer, ctx.dataSource, (query) => this.answer(ctx, query, locale, lane));
  }

  /** The same for the dashboard's own fields: a base-table scan they need waits in the dashboard's lane. */
  runForDashboard(ctx: RequestContext, raw: AnalyticsQuery): Promise<AnalyticsResult> {
    this.baseQueries?.noteDashboardRead();
    return this.run(ctx, raw, ctx.locale, "dashboard");
  }

  /** Answers are cached per data version and normalised query: a load changes the version, so nothing stale is served. */
  private async answer(ctx: RequestContext, raw: AnalyticsQuery, locale: "vi" | "en", lane: BaseQueryLane): Promise<AnalyticsResult> {
    const data = await this.state.current();
    const query = await normalizeQuery(raw, {
      registry: this.registry, catalogue: data.catalogue, dataEnd: data.dataEnd, dataStart: data.dataStart, findUnit: (code) => this.state.findUnit(code),
    });
    const key = `${data.dataVersion}|${locale}|${JSON.stringify(query)}`;
    const cached = this.cache.get(key);
    countAnalyticsCache(cached !== undefined);
    if (cached) return cached;
    const answer = this.compute(ctx, data, query, locale, lane);
    // A failed answer (timeout, database down) is not kept.
    this.cache.set(key, answer);
    return answer;
  }

  private async compute(ctx: RequestContext, data: DataState, query: NormalizedQuery, locale: "vi" | "en", lane: BaseQueryLane): Promise<AnalyticsResult> {
    const gate = this.baseQueries;
    const result = await executeQuery(ctx.dataSource, this.registry, query, this.statementTimeoutMs, {
      limitBaseQuery: gate && ((work) => gate.run(lane, work)),
      memo: this.cacheSize > 0 ? { statements: this.statements, dataVersion: data.dataVersion } : undefined,
    });
    countAnalyticsAnswer(sourceName(result.sources, result.plan.source));
    const label = await this.labeller(ctx, data, query, result.rows.map((r) => r.keys), locale);
    return {
      rows: result.rows.map((row) => ({
        time: row.time ?? null,
        dimensions: query.dimensions.map((d, i) => ({ dimension: d, ...label(d, row.keys[i]!) })),
        values: query.measures.map((m) => ({ measure: m, value: row.values[m] ?? null, share: query.share.includes(m) ? row.shares[m] ?? null : null })),
      })),
      totals: query.measures.map((m) => ({ measure: m, value: result.totals[m] ?? null, share: query.share.includes(m) ? 1 : null })),
      columns: this.columns(query, locale),
      asOf: new Date(query.asOf),
      asOfDate: vietnamDateOf(isVietnamDayStart(query.asOf) ? query.asOf - 1 : query.asOf),
      dataVersion: data.dataVersion,
      synthetic: data.synthetic,
      source: sourceName(result.sources, result.plan.source),
      explain: {
        source: sourceName(result.sources, result.plan.source),
        rejected: [
          ...result.plan.rejected,
          ...(result.submittersRejected ? [{ rollup: "rollup_submitters_*", reason: result.submittersRejected }] : []),
        ],
        sql: result.statements.map((s) => s.text.replace(/\s+/g, " ").trim()),
        parameters: result.statements.map((s) => JSON.stringify(s.values)),
      },
    };
  }

  private columns(query: NormalizedQuery, locale: "vi" | "en"): ColumnInfo[] {
    const text = (vi: string, en: string) => (locale === "en" ? en : vi);
    return [
      ...(query.time ? [{ name: "time", kind: "time", label: text("Thời gian", "Time"), unit: null, format: "date" }] : []),
      ...query.dimensions.map((name) => {
        const d = this.registry.dimensions.get(name)!;
        return { name, kind: "dimension", label: text(d.labelVi, d.labelEn), unit: null, format: null };
      }),
      ...query.measures.map((name) => {
        const m = this.registry.measures.get(name)!;
        return { name, kind: "measure", label: text(m.labelVi, m.labelEn), unit: m.unit, format: FORMAT[m.unit] ?? null };
      }),
    ];
  }

  /** Codes and labels of the row keys; child units are looked up in one query. */
  private async labeller(ctx: RequestContext, data: DataState, query: NormalizedQuery, keys: Array<Array<number | string>>, locale: "vi" | "en") {
    const unitIndex = query.dimensions.indexOf(UNIT_DIMENSION);
    const units = new Map<number, { code: string; name: string }>();
    if (unitIndex >= 0) {
      const ids = [...new Set(keys.map((k) => Number(k[unitIndex])))];
      const rows = (await ctx.dataSource.query(`SELECT id, code, name FROM unit WHERE id = ANY($1::int[])`, [ids])) as Array<{ id: number; code: string; name: string }>;
      for (const r of rows) units.set(r.id, r);
    }
    return (dimension: string, key: number | string) => {
      if (dimension === UNIT_DIMENSION) {
        const unit = units.get(Number(key));
        return { code: unit?.code ?? String(key), label: unit?.name ?? String(key) };
      }
      const catalogue = this.registry.dimensions.get(dimension)!.catalogue as CatalogueName;
      const member = data.catalogue[catalogue].find((m) => m.key === key);
      return { code: member?.code ?? String(key), label: member ? (locale === "en" ? member.labelEn : member.labelVi) : String(key) };
    };
  }
}
