import type { DataSource } from "typeorm";
import { toAnalyticsResult } from "../../server/src/modules/analytics/analytics.result";
import type { AnalyticsResult } from "../../server/src/modules/analytics/analytics.types";
import {
  AsOf,
  SemanticEngine,
  type AnalyticsQuery,
  type AskContext,
  type EngineOptions,
} from "../../server/src/semantic";

/** A question as tests write it: dates as text, as a client would send them. */
export type TestQuestion = Omit<AnalyticsQuery, "asOf"> & { asOf?: string | AsOf };

export interface TestEngine {
  engine: SemanticEngine;
  /** The engine's answer, as the GraphQL `analytics` field gives it. */
  run(ctx: AskContext, question: TestQuestion): Promise<AnalyticsResult>;
}

/** The engine on a test database (answers cached unless `answersKept: 0`), asked the way `analytics` asks it. */
export function createTestEngine(dataSource: DataSource, options: Partial<EngineOptions> = {}): TestEngine {
  const engine = new SemanticEngine({ dataSource, statementTimeoutMs: 30_000, ...options });
  return {
    engine,
    async run(ctx, { asOf, ...question }) {
      const parsed = typeof asOf === "string" ? AsOf.parse(asOf) : asOf;
      return toAnalyticsResult(await engine.answer(ctx, { ...question, asOf: parsed }));
    },
  };
}
