import type { PageRequests } from "./page-request";

export interface ExplorerStats {
  /** Answered questions: which (the Explorer's URL settings) and in how many milliseconds. */
  answered: Array<{ question: string; ms: number }>;
  /** Refused with SERVER_BUSY after waiting for a slot: milliseconds until the refusal. */
  busy: number[];
  /** Any other failure (timeout, internal error), with what the server said. */
  failed: string[];
}

/** Base-table questions handed out one by one: each is asked once, so no answer comes from the cache. */
export class QuestionQueue {
  private cursor = 0;

  constructor(private readonly questions: PageRequests[]) {}

  next(): PageRequests {
    if (this.cursor >= this.questions.length)
      throw new Error(`ran out of distinct base-table questions (${this.questions.length}): draw more`);
    return this.questions[this.cursor++]!;
  }
}

/** A question's label: its Explorer settings without the day. */
export function questionLabel(question: PageRequests): string {
  const { asOf: _day, ...settings } = question.state.query;
  return Object.entries(settings)
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

/**
 * Analysts on the Explorer asking questions no rollup answers: `workers` of them, each asking the
 * next question as soon as the last one is answered, until `done()` says stop.
 */
export async function runExplorerWorkers(
  entry: URL,
  questions: QuestionQueue,
  workers: number,
  done: () => boolean,
): Promise<ExplorerStats> {
  const stats: ExplorerStats = { answered: [], busy: [], failed: [] };
  const worker = async () => {
    while (!done()) {
      const question = questions.next();
      const started = performance.now();
      const response = await fetch(new URL(question.batch.path, entry), { headers: question.batch.headers });
      const body = await response.text();
      const ms = performance.now() - started;
      if (response.ok && !body.includes('"errors":')) {
        if (!body.includes('"source":"initiative"'))
          throw new Error(`a rollup answered a question meant for the base table: ${questionLabel(question)}`);
        stats.answered.push({ question: questionLabel(question), ms });
      } else if (body.includes('"SERVER_BUSY"')) stats.busy.push(ms);
      else stats.failed.push(`${response.status} ${/"code":"(\w+)"/.exec(body)?.[1] ?? body.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return stats;
}
