import { rowKey, type Answer } from "../answer/answer";
import { MAX_FILTER_VALUES, MAX_LIMIT, type AnalyticsQuery } from "../query/analytics-query";
import { pagingOf } from "../query/normalize";
import { UNIT_DIMENSION } from "../registry/dimensions";
import { derivedDefinitions, withDerived } from "../registry/derived-measures";
import type { Registry } from "../registry/registry";
import type { UnitDirectory } from "../units/unit-directory";
import { fineCellsOf, type FineCells } from "./fine-cells";
import { perturbAnswer } from "./perturb-answer";
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

  private registryFor(raw: AnalyticsQuery): Registry {
    return withDerived(this.registry, derivedDefinitions(raw.derived, this.registry));
  }

  async protect(raw: AnalyticsQuery, answer: Answer, ask: ExactAnswers): Promise<Answer> {
    const first = await fineCellsOf(raw, answer, this.units);
    if (!first.scope && !first.rows.some(Boolean)) return { ...answer, suppressionThreshold: this.k };

    // Every row, so that order and paging follow the shown figures, not the exact ones.
    const whole: AnalyticsQuery = { ...raw, offset: undefined, limit: MAX_LIMIT };
    // An answer its paging did not cut is already every row (paging is the last step, after order):
    // the same figures, without a second read of the same rows.
    const { limit, offset } = pagingOf(raw);
    const full = offset === 0 && answer.rows.length < limit ? answer : await ask.exact(whole, "asked");
    const fine = await fineCellsOf(raw, full, this.units);
    const plain = { ...whole, share: undefined, order: undefined };
    const [parts, keys] = await Promise.all([ask.exact(plain, "parts"), ask.keys(keysQuestion(plain, full, fine))]);
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
    return {
      ...answer,
      // The question's derived measures are shown from the shown parts, like the registry's ratios.
      ...perturbAnswer({ raw, full, parts, keys, fine, plan, registry: this.registryFor(raw), k: this.k }),
      suppressionThreshold: this.k,
    };
  }
}

/**
 * Cell keys are read from the base table; for a unit's children only the fine-grained rows need
 * them, so the question is narrowed to those unions (a top unit's page then reads its few direct
 * grassroots unions' rows, not the whole top unit). Their rows' keys are the same either way.
 */
function keysQuestion(plain: AnalyticsQuery, full: Answer, fine: FineCells): AnalyticsQuery {
  const index = (plain.dimensions ?? []).indexOf(UNIT_DIMENSION);
  if (fine.scope || index < 0) return plain;
  const codes = [...new Set(full.rows.filter((_, i) => fine.rows[i]).map((r) => r.dimensions[index]!.code))];
  if (codes.length === 0 || codes.length > MAX_FILTER_VALUES) return plain;
  return {
    ...plain,
    filters: [...(plain.filters ?? []), { dimension: UNIT_DIMENSION, operator: "IN", values: codes }],
  };
}

const submissionsOf = (values: Answer["totals"]) => values.find((v) => v.measure === "submissions")?.value ?? 0;
