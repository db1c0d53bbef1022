import { ref } from "vue";
import type { PanelField } from "./panel-query";

/**
 * The overview's first answer, put in its HTML by the server (server/src/http/first-page.ts): the
 * same answer GraphQL gives the same question, with the data version it is of. The page shows it
 * at once, without waiting for its GraphQL request, which still goes out and replaces it.
 *
 * It is not trusted when the browser took the page from its cache without asking the server (the
 * server sends it `no-cache`, but history navigation may reuse a page as it is): the figures could
 * be of an older data version. And it is withdrawn as soon as the catalogue (use-meta.ts) reports
 * that the public's default is another answer than its own — another newest release, or another
 * live data version when nothing is published — so an older answer's figures never stand as current.
 */
interface FirstAnswer {
  dataVersion: string;
  /** The release that answered, null for the live data (the public's default before the first release). */
  release?: string | null;
  fields: PanelField[];
  data: Record<string, unknown>;
}

/** The page came from the browser's cache with no request to the server (a 304 revalidation transfers its headers). */
function servedFromCacheUnasked(): boolean {
  const entry = globalThis.performance?.getEntriesByType?.("navigation")[0] as PerformanceNavigationTiming | undefined;
  return entry !== undefined && entry.transferSize === 0;
}

function readFirstAnswer(): FirstAnswer | undefined {
  if (typeof document === "undefined") return undefined;
  const content = document.querySelector('meta[name="first-answer"]')?.getAttribute("content");
  if (!content || servedFromCacheUnasked()) return undefined;
  try {
    return JSON.parse(content) as FirstAnswer;
  } catch {
    return undefined;
  }
}

let first = readFirstAnswer();
const firstVersion = first?.dataVersion;
const firstRelease = first?.release ?? null;
/** Set once another answer is known to be the public's default: seeded figures go, and the server's drawing with them. */
export const firstAnswerWithdrawn = ref(first === undefined);

/** What the public reads by default: the newest release (its id and the data version it pins), else the live data. */
export interface DefaultRead {
  dataVersion: string;
  release: string | null;
}

/** The catalogue's news of the public's default: the first answer stands only if it is of this release and version. */
export function noteDefaultRead({ dataVersion, release }: DefaultRead): void {
  if (firstVersion !== undefined && (firstVersion !== dataVersion || firstRelease !== release)) {
    first = undefined;
    firstAnswerWithdrawn.value = true;
  }
}

/** The data version of the server's first answer (and of its drawing), while it stands. */
export const firstAnswerVersion = (): string | undefined => (firstAnswerWithdrawn.value ? undefined : firstVersion);

/**
 * The first answers to these questions, by alias: only for the same question (operation arguments
 * included), and only once (later visits ask GraphQL or reuse its answers, use-page-data.ts).
 */
export function takeFirstAnswers(fields: PanelField[]): Record<string, unknown> {
  if (!first) return {};
  const asked = new Set(fields.map((f) => JSON.stringify(f)));
  const answers = Object.fromEntries(
    first.fields.filter((f) => asked.has(JSON.stringify(f))).map((f) => [f.alias, first!.data[f.alias]]),
  );
  if (Object.keys(answers).length) first = undefined;
  return answers;
}
