import type { Answer } from "../../semantic";
import type { AnalyticsResult } from "./analytics.types";
import { toRelease } from "../releases/releases.types";

/** The engine's answer as the GraphQL type shows it: the answering tables named in one string, "+" between them. */
export function toAnalyticsResult(answer: Answer): AnalyticsResult {
  const source = answer.sources.join("+");
  return {
    ...answer,
    source,
    explain: { ...answer.explain, source },
    rows: answer.rows.map((row) => ({ ...row, perturbed: row.perturbed ?? false })),
    totalsPerturbed: answer.totalsPerturbed ?? false,
    release: toRelease(answer.release),
  };
}
