import type { Answer } from "../answer/answer";
import type { DataState } from "../data-state";
import { DataVersionMoved } from "../execution/version-guard";
import { MAX_LIMIT, type AnalyticsQuery } from "../query/analytics-query";
import { pagingOf } from "../query/normalize";
import { derivedDefinitions, withDerived } from "../registry/derived-measures";
import type { Registry } from "../registry/registry";
import { AsOf } from "../time/as-of";
import { comparedQuestion } from "./compared-question";
import { joinCompared } from "./join-compared";

/** How often a comparison is asked again because a load fell between its two halves. */
const VERSION_RETRIES = 3;

/** What a comparison needs of the engine: its one door for each half, and the data of the caller's release. */
export interface ComparedAsking {
  ask(question: AnalyticsQuery): Promise<Answer>;
  current(): Promise<DataState>;
  /** Forget the trusted data version: a load fell between the halves. */
  invalidate(): void;
  registry: Registry;
}

/**
 * A question with a comparison is two questions, each answered (and protected) like any other, so
 * a compared figure is exactly what asking at that point shows: from the same rollups, through the
 * same privacy step, of the same release. Both halves must come from one data version: the engine
 * reads them in one transaction (execution/shared-read.ts), and if they were read apart (one from the
 * cache, or one too late to share) and a load fell between them, both are asked again.
 */
export async function askCompared(engine: ComparedAsking, question: AnalyticsQuery): Promise<Answer> {
  const { compare, ...asked } = question;
  const { limit, offset } = pagingOf(question);
  for (let attempt = 1; ; attempt++) {
    const data = await engine.current();
    let plan = comparedQuestion(question, compare!, data.dataEnd);
    const whole = { ...asked, offset: undefined, limit: MAX_LIMIT };
    const [value, first] = await Promise.all([engine.ask(whole), engine.ask(plan.question)]);
    let compared = first;
    if (value.asOf.getTime() !== plan.value.asOf) {
      // The default as-of is the end of the data that answered (a load, or other data, may have moved it): compare from there.
      plan = comparedQuestion({ ...question, asOf: AsOf.at(value.asOf.getTime()) }, compare!, data.dataEnd);
      compared = await engine.ask(plan.question);
    }
    if (value.dataVersion === compared.dataVersion || attempt >= VERSION_RETRIES) {
      if (value.dataVersion !== compared.dataVersion) throw new DataVersionMoved();
      const registry = withDerived(engine.registry, derivedDefinitions(question.derived, engine.registry));
      const granularity = question.timeDimension?.granularity;
      return joinCompared({ value, compared, plan, registry, granularity, dataStart: data.dataStart, offset, limit });
    }
    engine.invalidate();
  }
}
