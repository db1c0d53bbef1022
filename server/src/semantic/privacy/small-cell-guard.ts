import { UNIT_TIER } from "../../db/entities/unit.entity";
import type { Answer } from "../answer/answer";
import type { AnalyticsQuery } from "../query/analytics-query";
import { UNIT_DIMENSION } from "../registry/dimensions";
import type { UnitDirectory } from "../units/unit-directory";
import { planSuppression } from "./small-cell-suppression";

const keyOf = (row: Answer["rows"][number]) => `${row.time ?? ""}|${row.dimensions.map((d) => d.code).join("|")}`;

/**
 * Applies small-cell suppression to a public answer. Only answers that reach grassroots unions
 * are concerned: children of a unit that are grassroots unions, or a filter to grassroots unions.
 */
export class SmallCellGuard {
  constructor(
    private readonly k: number,
    private readonly units: UnitDirectory,
  ) {}

  async protect(raw: AnalyticsQuery, answer: Answer, countsOf: (query: AnalyticsQuery) => Promise<Answer>): Promise<Answer> {
    const unitFilters = (raw.filters ?? []).filter((f) => f.dimension === UNIT_DIMENSION && f.operator !== "NOT_IN");
    const filterUnits = await Promise.all(unitFilters.flatMap((f) => f.values).map((code) => this.units.byCode(code)));
    const scopeIsCell = filterUnits.some((unit) => unit !== null && unit.tier >= UNIT_TIER.GRASSROOTS);
    const unitIndex = (raw.dimensions ?? []).indexOf(UNIT_DIMENSION);
    if (!scopeIsCell && unitIndex < 0) return { ...answer, suppressionThreshold: this.k };

    const grassroots = unitIndex >= 0
      ? await this.units.grassrootsAmong([...new Set(answer.rows.map((r) => r.dimensions[unitIndex]!.code))])
      : new Set<string>();
    const isCell = answer.rows.map((r) => scopeIsCell || (unitIndex >= 0 && grassroots.has(r.dimensions[unitIndex]!.code)));
    if (!isCell.some(Boolean) && !scopeIsCell) return { ...answer, suppressionThreshold: this.k };

    const counts = await this.counts(raw, answer, countsOf);
    const plan = planSuppression({
      counts: answer.rows.map((r) => counts.rows.get(keyOf(r)) ?? 0),
      isCell,
      totalsIsCell: scopeIsCell,
      totalCount: counts.total,
      // Even a page of rows (limit, offset) is protected as if it held them all: over-suppressing is safe.
      rowsAddUp: !raw.timeDimension?.cumulative,
      k: this.k,
    });
    const withhold = <V extends { value: number | null; share: number | null }>(values: V[]) => values.map((v) => ({ ...v, value: null, share: null }));
    return {
      ...answer,
      rows: answer.rows.map((row, i) => (plan.rows[i] ? { ...row, values: withhold(row.values), suppressed: plan.rows[i] } : { ...row, suppressed: null })),
      totals: plan.totals ? withhold(answer.totals) : answer.totals,
      totalsSuppressed: plan.totals,
      suppressionThreshold: this.k,
    };
  }

  /** Initiatives per row: from the answer when it has submissions, else from the same question asked for them. */
  private async counts(raw: AnalyticsQuery, answer: Answer, countsOf: (query: AnalyticsQuery) => Promise<Answer>) {
    const source = raw.measures.includes("submissions") && !raw.timeDimension?.cumulative
      ? answer
      : await countsOf({ ...raw, measures: ["submissions"], share: undefined, order: undefined, offset: undefined, limit: 10_000, timeDimension: raw.timeDimension && { ...raw.timeDimension, cumulative: false } });
    const value = (values: Answer["totals"]) => values.find((v) => v.measure === "submissions")?.value ?? 0;
    return { rows: new Map(source.rows.map((r) => [keyOf(r), value(r.values)])), total: value(source.totals) };
  }
}
