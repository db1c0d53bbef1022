import type { DataSource } from "typeorm";
import { seesSmallCells } from "../auth/roles";
import { connectionFailureOf } from "../db/connection-failure";
import { readCurrentDataset, type CurrentDataset } from "../db/current-dataset";
import { SharedComputations } from "../cache/lru";
import { countAnalyticsAnswer, countAnalyticsCache } from "../observability/metrics";
import type { Answer, AskContext, Locale } from "./answer/answer";
import { AnswerCache } from "./answer/answer-cache";
import { buildAnswer } from "./answer/answer-builder";
import { DataStateCache, type DataState } from "./data-state";
import type { BaseQueryGate, BaseQueryLane } from "./execution/base-query-gate";
import { executeQuery } from "./execution/execute";
import { StatementMemo } from "./execution/statement-memo";
import { DataVersionMoved } from "./execution/version-guard";
import { findMilestones, milestoneLabel, type Milestone } from "./milestones/milestones";
import { KEY_MEASURE } from "./privacy/record-key";
import { SmallCellGuard } from "./privacy/small-cell-guard";
import { MAX_LIMIT, type AnalyticsQuery, type NormalizedQuery } from "./query/analytics-query";
import { normalizeQuery, pagingOf } from "./query/normalize";
import { derivedDefinitions, withDerived } from "./registry/derived-measures";
import { REGISTRY, type Registry } from "./registry/registry";
import { comparedQuestion } from "./compare/compared-question";
import { joinCompared } from "./compare/join-compared";
import { AsOf } from "./time/as-of";
import { UnitDirectory } from "./units/unit-directory";

/** Everything the engine is built from, named: one object, not a row of positional numbers. */
export interface EngineOptions {
  dataSource: DataSource;
  /** Every statement of an answer runs under this timeout. */
  statementTimeoutMs: number;
  /** Default: the registry declared in registry/ (tests may pass another). */
  registry?: Registry;
  /** Answers kept per part of the answer cache (0 turns it off, e.g. to measure the engine itself). Default 1000. */
  answersKept?: number;
  /** Public answers withhold grassroots cells counting fewer initiatives than this. Default 5. */
  suppressionThreshold?: number;
  /** How long the known data version is trusted before asking the database again. Default 1000 ms. */
  dataVersionRecheckMs?: number;
  /** Limits questions no rollup answers (absent: unlimited, e.g. to measure the engine alone). */
  baseQueries?: BaseQueryGate;
  /**
   * `dataSource` routes reads over replicas (DATABASE_READ_URL): an answer whose replica went away
   * under it is asked once more, and the replica set sends it elsewhere. Default false.
   */
  retryLostReads?: boolean;
}

/** How often an answer is begun again because the data version moved under it (a load, a replica replaying one). */
const VERSION_RETRIES = 3;

/** How a question is asked: in which language (default the caller's) and in whose lane a base-table scan waits. */
export interface AskOptions {
  locale?: Locale;
  lane?: BaseQueryLane;
}

/**
 * The semantic layer's one door. `answer` owns the whole way of a question: normalise (names,
 * codes, dates checked once) → plan and execute (rollups where they answer exactly) → label →
 * protect (small cells withheld from the public) → cache (per data version). Resolvers, services,
 * exports and scripts ask here; nothing outside semantic/ runs SQL on the engine's tables.
 */
export class SemanticEngine {
  readonly registry: Registry;
  /** Unit look-ups, remembered per data version. */
  readonly units: UnitDirectory;
  /** The loaded data's version, dates and catalogue (also what the HTTP layer keys its caches on). */
  readonly data: DataStateCache;
  private readonly answers: AnswerCache<Answer>;
  private readonly statements = new StatementMemo();
  private readonly guard: SmallCellGuard;
  private readonly milestonesByVersion = new SharedComputations<Milestone[]>(2);
  private readonly db: DataSource;
  private readonly statementTimeoutMs: number;
  private readonly cacheAnswers: boolean;
  private readonly baseQueries?: BaseQueryGate;
  private readonly retryLostReads: boolean;

  constructor(options: EngineOptions) {
    this.db = options.dataSource;
    this.statementTimeoutMs = options.statementTimeoutMs;
    this.registry = options.registry ?? REGISTRY;
    this.baseQueries = options.baseQueries;
    this.retryLostReads = options.retryLostReads ?? false;
    const kept = options.answersKept ?? 1000;
    this.cacheAnswers = kept > 0;
    this.data = new DataStateCache(this.db, options.dataVersionRecheckMs ?? 1000);
    this.units = new UnitDirectory(this.db, async () => (await this.data.current()).dataVersion);
    this.answers = new AnswerCache(kept, (answer) => answer.sources.includes("initiative"));
    this.guard = new SmallCellGuard(options.suppressionThreshold ?? 5, this.units, this.registry);
  }

  /** The loaded data: version, whether synthetic, its first and last day, the catalogue, the national targets. */
  current(): Promise<DataState> {
    return this.data.current();
  }

  /**
   * The answer for the caller's role: below the second tier the public gets small cells withheld
   * and the others perturbed by the cell key method (SmallCellGuard, docs/privacy.md); leadership
   * and admin get every figure exact.
   */
  async answer(
    ctx: AskContext,
    question: AnalyticsQuery,
    { locale = ctx.locale, lane = "explorer" }: AskOptions = {},
  ): Promise<Answer> {
    // Each half of a comparison is a read of its own.
    if (question.compare) return this.compared(ctx, question, { locale, lane });
    if (lane === "dashboard") this.baseQueries?.noteDashboardRead();
    const answer = await this.exact(question, locale, lane);
    if (seesSmallCells(ctx.role ?? "public")) return answer;
    return this.guard.protect(question, answer, {
      exact: (q, shape) => this.exact(q, locale, lane, shape === "parts" ? withParts : undefined),
      keys: (q) => this.exact({ ...q, measures: ["submissions"] }, locale, lane, withKeys),
    });
  }

  /**
   * A question with a comparison is two questions, each answered (and protected) like any other, so
   * a compared figure is exactly what asking at that point shows: from the same rollups, through the
   * same privacy step. Both halves must come from one data version: if a load fell between them, both are asked again.
   */
  private async compared(ctx: AskContext, question: AnalyticsQuery, options: AskOptions): Promise<Answer> {
    const { compare, ...asked } = question;
    const { limit, offset } = pagingOf(question);
    for (let attempt = 1; ; attempt++) {
      const data = await this.current();
      let plan = comparedQuestion(question, compare!, data.dataEnd);
      const whole = { ...asked, offset: undefined, limit: MAX_LIMIT };
      const [value, first] = await Promise.all([
        this.answer(ctx, whole, options),
        this.answer(ctx, plan.question, options),
      ]);
      let compared = first;
      if (value.asOf.getTime() !== plan.value.asOf) {
        // The default as-of is the end of the data that answered (a load, or other data, may have moved it): compare from there.
        plan = comparedQuestion({ ...question, asOf: AsOf.at(value.asOf.getTime()) }, compare!, data.dataEnd);
        compared = await this.answer(ctx, plan.question, options);
      }
      if (value.dataVersion === compared.dataVersion || attempt >= VERSION_RETRIES) {
        if (value.dataVersion !== compared.dataVersion) throw new DataVersionMoved();
        const registry = withDerived(this.registry, derivedDefinitions(question.derived, this.registry));
        const granularity = question.timeDimension?.granularity;
        return joinCompared({ value, compared, plan, registry, granularity, dataStart: data.dataStart, offset, limit });
      }
      this.data.invalidate();
    }
  }

  /** The `dataset` row the figures come from, read now; null before the first load has committed. */
  loadedDataset(): Promise<CurrentDataset | null> {
    return readCurrentDataset(this.db);
  }

  /** When the national count crossed each 100,000, each million and the phase-1 target, before `asOf`. */
  async milestones(asOf: AsOf | undefined, locale: Locale): Promise<Milestone[]> {
    const data = await this.current();
    const all = await this.milestonesByVersion.get(data.dataVersion, async () => {
      const daily = await this.exact(
        { measures: ["submissions"], timeDimension: { granularity: "DAY" }, limit: 10_000 },
        "vi",
        "dashboard",
      );
      const days = daily.rows.map((row) => ({ day: row.time!, submissions: row.values[0]!.value ?? 0 }));
      return findMilestones(this.db, days, data.nationalTargets.get(1));
    });
    const before = asOf ? asOf.before : data.dataEnd;
    return all.filter((m) => m.reachedAt.getTime() < before).map((m) => ({ ...m, label: milestoneLabel(m, locale) }));
  }

  /**
   * Every figure, unprotected: cached per data version, language and normalised question. `reshape`
   * turns the checked question into an internal one (its parts, its cell keys) that no caller may ask.
   */
  private async exact(
    question: AnalyticsQuery,
    locale: Locale,
    lane: BaseQueryLane,
    reshape?: (q: NormalizedQuery) => NormalizedQuery,
  ): Promise<Answer> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.exactOnce(question, locale, lane, reshape);
      } catch (error) {
        if (!(error instanceof DataVersionMoved) || attempt >= VERSION_RETRIES) throw error;
        this.data.invalidate();
      }
    }
  }

  private async exactOnce(
    question: AnalyticsQuery,
    locale: Locale,
    lane: BaseQueryLane,
    reshape?: (q: NormalizedQuery) => NormalizedQuery,
  ): Promise<Answer> {
    const data = await this.current();
    const checked = await normalizeQuery(question, {
      registry: this.registry,
      catalogue: data.catalogue,
      dataEnd: data.dataEnd,
      dataStart: data.dataStart,
      findUnit: (code) => this.units.byCode(code),
      rootUnit: () => this.units.root(),
    });
    const query = reshape ? reshape(checked) : checked;
    const key = `${data.dataVersion}|${locale}|${JSON.stringify(query)}`;
    const cached = this.answers.get(key);
    countAnalyticsCache(cached !== undefined);
    if (cached) return cached;
    const answer = this.compute(data, query, locale, lane);
    // A failed answer (timeout, database down) is not kept.
    this.answers.set(key, answer);
    return answer;
  }

  private async compute(data: DataState, query: NormalizedQuery, locale: Locale, lane: BaseQueryLane): Promise<Answer> {
    const gate = this.baseQueries;
    const registry = withDerived(this.registry, query.derived);
    const execute = () =>
      executeQuery(this.db, registry, query, this.statementTimeoutMs, {
        limitBaseQuery: gate && ((work) => gate.run(lane, work)),
        memo: this.cacheAnswers ? { statements: this.statements, dataVersion: data.dataVersion } : undefined,
        dataVersion: data.dataVersion,
      });
    const result = await execute().catch((error: unknown) => {
      if (this.retryLostReads && connectionFailureOf(error) === "unavailable") return execute();
      throw error;
    });
    const answer = await buildAnswer(registry, this.units, data, query, result, locale);
    countAnalyticsAnswer(answer.sources.join("+"));
    return answer;
  }
}

/** Every leaf measure as a value (ratios' parts, pending's parts), and the sizes of their sets: what perturbation starts from. */
function withParts(query: NormalizedQuery): NormalizedQuery {
  // pricedValid: how many initiatives a benefit sums, so that a benefit of fewer than k is withheld.
  const leaves = [
    ...new Set([
      ...query.components,
      "submissions",
      ...(query.components.includes("benefitVnd") ? ["pricedValid"] : []),
    ]),
  ];
  return { ...query, measures: leaves, components: leaves, share: [], order: [] };
}

/** The sums of record keys per cell, one per kind of event, from the base table (rollups keep no keys). */
function withKeys(query: NormalizedQuery): NormalizedQuery {
  const keys = Object.values(KEY_MEASURE);
  return { ...query, measures: keys, components: keys, share: [], order: [], useRollups: false };
}
