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
import { SharedRead } from "./execution/shared-read";
import { StatementMemo } from "./execution/statement-memo";
import { DataVersionMoved } from "./execution/version-guard";
import { findMilestones, milestoneLabel, type Milestone } from "./milestones/milestones";
import { withKeys, withParts } from "./privacy/guard-questions";
import { SmallCellGuard } from "./privacy/small-cell-guard";
import type { AnalyticsQuery, NormalizedQuery } from "./query/analytics-query";
import { normalizeQuery } from "./query/normalize";
import { withDerived } from "./registry/derived-measures";
import { REGISTRY, type Registry } from "./registry/registry";
import { askCompared } from "./compare/ask-compared";
import { AsOf } from "./time/as-of";
import { UnitDirectory } from "./units/unit-directory";
import type { ReleaseRecord, ReleaseRequest } from "../db/releases/release-store";
import { listRevisions, type RevisionRecord } from "../db/releases/revision-store";
import { DataViews, type DataView, type ReleaseAsked } from "./releases/data-views";
import { publishRelease } from "./releases/publish";
import { LIVE, ReleaseViews, searchPathOf } from "./releases/release-views";

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

export type { ReleaseAsked } from "./releases/data-views";

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
  private readonly milestonesByVersion = new SharedComputations<Milestone[]>(4);
  /** Each caller's release and where its figures are read (the live tables or a kept version's schema). */
  private readonly views: DataViews;
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
    const threshold = options.suppressionThreshold ?? 5;
    this.guard = new SmallCellGuard(threshold, this.units, this.registry);
    this.views = new DataViews(
      { db: this.db, data: this.data, units: this.units, guard: this.guard },
      new ReleaseViews(this.db, options.dataVersionRecheckMs ?? 1000),
      (units) => new SmallCellGuard(threshold, units, this.registry),
    );
  }

  /**
   * The data a caller's figures come from (its release's, see `answer`): version, whether synthetic,
   * its first and last day, the catalogue, the national targets. Without a caller: the live data.
   */
  async current(ctx?: ReleaseAsked): Promise<DataState> {
    return ctx ? (await this.retried(() => this.views.viewFor(ctx))).data : this.data.current();
  }

  /** The unit tree of the caller's release (units may be renamed or added by a load). */
  async unitsFor(ctx: ReleaseAsked): Promise<UnitDirectory> {
    return (await this.retried(() => this.views.viewFor(ctx))).units;
  }

  /** The release a caller's figures come from: null for the live data. Unknown ids are refused (BAD_USER_INPUT). */
  releaseFor(ctx: ReleaseAsked): Promise<ReleaseRecord | null> {
    return this.views.releaseFor(ctx);
  }

  /** Every published release, newest first. */
  releases(): Promise<ReleaseRecord[]> {
    return this.views.releases.releases();
  }

  /** The revision log of one release, or of all (newest first). */
  revisions(release?: string): Promise<RevisionRecord[]> {
    return listRevisions(this.db, release);
  }

  /** Publishes a release of the live data with its revision log (releases/publish.ts); `writer` reaches the primary. */
  async publish(writer: DataSource, request: ReleaseRequest): Promise<ReleaseRecord> {
    // The version read now, not the one trusted for a second: a load elsewhere may have committed.
    this.data.invalidate();
    const release = await publishRelease(this, writer, request);
    this.views.releases.invalidate();
    this.data.invalidate();
    return release;
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
    if (!question.compare) return this.answerOne(ctx, question, locale, lane);
    // A comparison's two halves are asked like any question, and read in one transaction.
    const shared = new SharedRead(this.db, this.statementTimeoutMs, 2);
    return askCompared(
      {
        ask: (q) => this.answerOne(ctx, q, locale, lane, shared),
        current: () => this.current(ctx),
        invalidate: () => this.data.invalidate(),
        registry: this.registry,
      },
      question,
    );
  }

  private async answerOne(
    ctx: AskContext,
    question: AnalyticsQuery,
    locale: Locale,
    lane: BaseQueryLane,
    shared?: SharedRead,
  ): Promise<Answer> {
    if (lane === "dashboard") this.baseQueries?.noteDashboardRead();
    return this.retried(async () => {
      const view = await this.views.viewFor(ctx);
      const answer = await this.exact(view, question, locale, lane, undefined, shared);
      const release = view.release;
      if (seesSmallCells(ctx.role ?? "public")) return { ...answer, release };
      const shown = await view.guard.protect(question, answer, {
        exact: (q, shape) => this.exact(view, q, locale, lane, shape === "parts" ? withParts : undefined),
        keys: (q) => this.exact(view, { ...q, measures: ["submissions"] }, locale, lane, withKeys),
      });
      return { ...shown, release };
    });
  }

  /** The `dataset` row the figures come from, read now; null before the first load has committed. */
  loadedDataset(): Promise<CurrentDataset | null> {
    return readCurrentDataset(this.db);
  }

  /** When the national count crossed each 100,000, each million and the phase-1 target, before `asOf`. */
  async milestones(
    asOf: AsOf | undefined,
    locale: Locale,
    ctx: ReleaseAsked = { release: LIVE },
  ): Promise<Milestone[]> {
    const view = await this.retried(() => this.views.viewFor(ctx));
    const data = view.data;
    const all = await this.milestonesByVersion.get(data.dataVersion, async () => {
      const daily = await this.retried(async () =>
        this.exact(
          await this.views.viewFor(ctx),
          { measures: ["submissions"], timeDimension: { granularity: "DAY" }, limit: 10_000 },
          "vi",
          "dashboard",
        ),
      );
      const days = daily.rows.map((row) => ({ day: row.time!, submissions: row.values[0]!.value ?? 0 }));
      return findMilestones(view.reader, days, data.nationalTargets.get(1));
    });
    const before = asOf ? asOf.before : data.dataEnd;
    return all.filter((m) => m.reachedAt.getTime() < before).map((m) => ({ ...m, label: milestoneLabel(m, locale) }));
  }

  /** `work` begun again (with the data version read anew) when the data version moved under it. */
  private async retried<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof DataVersionMoved) || attempt >= VERSION_RETRIES) throw error;
        this.data.invalidate();
      }
    }
  }

  /**
   * Every figure, unprotected: cached per data version, language and normalised question. `reshape`
   * turns the checked question into an internal one (its parts, its cell keys) that no caller may ask.
   */
  private async exact(
    view: DataView,
    question: AnalyticsQuery,
    locale: Locale,
    lane: BaseQueryLane,
    reshape?: (q: NormalizedQuery) => NormalizedQuery,
    shared?: SharedRead,
  ): Promise<Answer> {
    const data = view.data;
    const checked = await normalizeQuery(question, {
      registry: this.registry,
      catalogue: data.catalogue,
      dataEnd: data.dataEnd,
      dataStart: data.dataStart,
      findUnit: (code) => view.units.byCode(code),
      rootUnit: () => view.units.root(),
    });
    const reshaped = reshape ? reshape(checked) : checked;
    // A kept version whose rollups another build made answers from its base table: exact, slower.
    const query = view.baseOnly ? { ...reshaped, useRollups: false } : reshaped;
    const key = `${data.dataVersion}|${locale}|${JSON.stringify(query)}`;
    const cached = this.answers.get(key);
    countAnalyticsCache(cached !== undefined);
    if (cached) return cached;
    const answer = this.compute(view, query, locale, lane, shared);
    // A failed answer (timeout, database down) is not kept.
    this.answers.set(key, answer);
    return answer;
  }

  private async compute(
    view: DataView,
    query: NormalizedQuery,
    locale: Locale,
    lane: BaseQueryLane,
    shared?: SharedRead,
  ): Promise<Answer> {
    const { data, schema } = view;
    const gate = this.baseQueries;
    const registry = withDerived(this.registry, query.derived);
    // A kept schema never changes: no version guard; its statements are not memoised beside the live ones.
    const execute = () =>
      executeQuery(this.db, registry, query, this.statementTimeoutMs, {
        limitBaseQuery: gate && ((work) => gate.run(lane, work)),
        memo: this.cacheAnswers && !schema ? { statements: this.statements, dataVersion: data.dataVersion } : undefined,
        dataVersion: schema ? undefined : data.dataVersion,
        searchPath: schema && searchPathOf(schema),
        shared,
      });
    const result = await execute().catch((error: unknown) => {
      if (this.retryLostReads && connectionFailureOf(error) === "unavailable") return execute();
      throw error;
    });
    const answer = await buildAnswer(registry, view.units, data, query, result, locale);
    countAnalyticsAnswer(answer.sources.join("+"));
    return answer;
  }
}
