import type { Answer } from "../answer/answer";
import { MAX_LIMIT, type AnalyticsQuery } from "../query/analytics-query";
import type { Registry } from "../registry/registry";
import type { UnitDirectory } from "../units/unit-directory";
import { fineCellsOf } from "./fine-cells";
import { perturbAnswer, rowKey } from "./perturb-answer";
import { planSuppression } from "./small-cell-suppression";

/** How the guard asks the engine for the exact figures it protects (never shown as such). */
export interface ExactAnswers {
  /** The question as asked, or with every leaf measure (ratios' parts, pending's parts) as values. */
  exact(question: AnalyticsQuery, shape: "asked" | "parts"): Promise<Answer>;
  /** The sums of record keys of the same cells (base table). */
  keys(question: AnalyticsQuery): Promise<Answer>;
}

/**
 * The public's figures (docs/privacy.md): exact down to the second tier; below it, cells counting
 * fewer than k initiatives withheld and the others perturbed with the cell key method, so that no
 * combination of public answers yields a withheld figure exactly.
 */
export class SmallCellGuard {
  constructor(
    private readonly k: number,
    private readonly units: UnitDirectory,
    private readonly registry: Registry,
  ) {}

  async protect(raw: AnalyticsQuery, answer: Answer, ask: ExactAnswers): Promise<Answer> {
    const first = await fineCellsOf(raw, answer, this.units);
    if (!first.scope && !first.rows.some(Boolean)) return { ...answer, suppressionThreshold: this.k };

    // Every row, so that order and paging follow the shown figures, not the exact ones.
    const whole: AnalyticsQuery = { ...raw, offset: undefined, limit: MAX_LIMIT };
    const full = await ask.exact(whole, "asked");
    const fine = await fineCellsOf(raw, full, this.units);
    const plain = { ...whole, share: undefined, order: undefined };
    const [parts, keys] = await Promise.all([ask.exact(plain, "parts"), ask.keys(plain)]);
    const counts = new Map(parts.rows.map((r) => [rowKey(r), submissionsOf(r.values)]));
    const plan = planSuppression({
      counts: full.rows.map((r) => counts.get(rowKey(r)) ?? 0),
      isCell: fine.rows,
      totalsIsCell: fine.scope,
      totalCount: submissionsOf(parts.totals),
      // A cumulative series' points are nested sets: nothing adds up to subtract from.
      rowsAddUp: !raw.timeDimension?.cumulative,
      k: this.k,
    });
    return { ...answer, ...perturbAnswer({ raw, full, parts, keys, fine, plan, registry: this.registry, k: this.k }), suppressionThreshold: this.k };
  }
}

const submissionsOf = (values: Answer["totals"]) => values.find((v) => v.measure === "submissions")?.value ?? 0;
