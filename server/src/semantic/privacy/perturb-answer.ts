import { rowKey, type Answer, type AnswerRow, type MeasureValue } from "../answer/answer";
import type { AnalyticsQuery } from "../query/analytics-query";
import { derivedValue } from "../registry/derivation";
import type { Registry } from "../registry/registry";
import { cellFraction, KEY_POSITION, perturbBenefit, perturbCount, positionOf } from "./cell-key-perturbation";
import type { FineCells } from "./fine-cells";
import { KEY_MEASURE } from "./record-key";
import type { SuppressionPlan } from "./small-cell-suppression";

type Figures = Record<string, number>;

/** The three answers a fine-grained question is made of: as asked, its parts (leaf measures), its cell keys. */
export interface PerturbationInput {
  raw: AnalyticsQuery;
  full: Answer;
  parts: Answer;
  keys: Answer;
  fine: FineCells;
  plan: SuppressionPlan;
  registry: Registry;
  /** Sets of fewer initiatives than this are withheld. */
  k: number;
}

/**
 * Public figures of a fine-grained answer: withheld cells null, other fine-grained cells perturbed
 * from their cell keys (counts by the table, benefit multiplicatively), ratios and shares derived
 * from what is shown, rows ordered by what is shown (withheld last, by code), then paged.
 */
export function perturbAnswer({
  raw,
  full,
  parts,
  keys,
  fine,
  plan,
  registry,
  k,
}: PerturbationInput): Pick<Answer, "rows" | "totals" | "totalsSuppressed" | "totalsPerturbed"> {
  const partsOf = new Map(parts.rows.map((r) => [rowKey(r), figures(r.values)]));
  const keysOf = new Map(keys.rows.map((r) => [rowKey(r), figures(r.values)]));
  // Without a date range or a bucketed series, pending is a set (submitted, not judged): never below 0.
  const pendingIsSet = !raw.dateRange && !(raw.timeDimension && !raw.timeDimension.cumulative);
  const shown = (exact: MeasureValue[], part: Figures | undefined, key: Figures | undefined): MeasureValue[] => {
    const leaves = perturbParts(part ?? {}, key ?? {}, k, pendingIsSet);
    return exact.map((v) => ({ measure: v.measure, value: derive(leaves, v.measure, registry), share: null }));
  };
  const withheld = (values: MeasureValue[]) => values.map((v) => ({ ...v, value: null, share: null }));

  let totals = full.totals;
  if (plan.totals) totals = withheld(full.totals);
  else if (fine.scope) totals = shown(full.totals, figures(parts.totals), figures(keys.totals));

  const rows: AnswerRow[] = full.rows.map((row, i) => {
    if (plan.rows[i]) return { ...row, values: withheld(row.values), suppressed: plan.rows[i], perturbed: false };
    if (!fine.rows[i]) return { ...row, suppressed: null, perturbed: false };
    return {
      ...row,
      values: shown(row.values, partsOf.get(rowKey(row)), keysOf.get(rowKey(row))),
      suppressed: null,
      perturbed: true,
    };
  });
  withShares(rows, totals, raw);
  const ordered = orderByShown(rows, raw, fine.rows.some(Boolean) || fine.scope);
  const offset = raw.offset ?? 0;
  return {
    rows: ordered.slice(offset, offset + (raw.limit ?? 1000)),
    totals,
    totalsSuppressed: plan.totals,
    totalsPerturbed: fine.scope && !plan.totals,
  };
}

/**
 * Each leaf measure perturbed from the cell key of its own events, or withheld (null) when its own
 * set counts fewer than k (2 valid of 7 submissions: valid, benefit and their ratios are withheld,
 * and an empty set's 0 is never a certain 0). Members and targets are units' figures: exact.
 */
function perturbParts(part: Figures, key: Figures, k: number, pendingIsSet: boolean): Record<string, number | null> {
  const u = (kind: keyof typeof KEY_MEASURE) => cellFraction(key[KEY_MEASURE[kind]] ?? 0);
  const out: Record<string, number | null> = { ...part };
  const count = (measure: keyof typeof KEY_POSITION, cellKey: number, setSize: number | undefined) => {
    if (part[measure] === undefined) return;
    out[measure] = (setSize ?? 0) < k ? null : perturbCount(part[measure]!, positionOf(cellKey, KEY_POSITION[measure]));
  };
  count("submissions", u("submission"), part.submissions);
  count("submitters", u("submission"), part.submissions);
  count("valid", u("valid"), part.valid);
  count("invalid", u("invalid"), part.invalid);
  count("pricedValid", u("valid"), part.valid);
  if (part.benefitVnd !== undefined) {
    out.benefitVnd =
      (part.pricedValid ?? 0) < k
        ? null
        : perturbBenefit(part.benefitVnd, positionOf(u("valid"), KEY_POSITION.benefitVnd));
  }
  if (part.submissions !== undefined && part.valid !== undefined && part.invalid !== undefined) {
    // Pending is its own set (submitted, not judged): its key is the submissions' minus the decisions'.
    const pending = part.submissions - part.valid - part.invalid;
    const pendingKey = cellFraction(
      (key[KEY_MEASURE.submission] ?? 0) - (key[KEY_MEASURE.valid] ?? 0) - (key[KEY_MEASURE.invalid] ?? 0),
    );
    const shown = Math.abs(pending) < k ? null : perturbCount(pending, positionOf(pendingKey, KEY_POSITION.pending));
    out.pending = shown === null ? null : pendingIsSet ? Math.max(0, shown) : shown;
  }
  return out;
}

/**
 * A requested measure from the shown leaves: ratios and differences of shown (perturbed) parts; null
 * where a part is withheld. A leaf perturbed as its own set (pending) is taken as shown, not recomputed.
 */
function derive(leaves: Record<string, number | null>, name: string, registry: Registry): number | null {
  if (name in leaves) return leaves[name] ?? null;
  const computed = derivedValue(registry.measures.get(name)!, (part) => derive(leaves, part, registry));
  return computed ?? null;
}

function figures(values: MeasureValue[]): Figures {
  // A null (no members, no target in scope) stays absent: "no figure", not 0.
  return Object.fromEntries(values.filter((v) => v.value !== null).map((v) => [v.measure, v.value!]));
}

/** Shares of the shown figures: of the shown totals, or of the shown rows of the same bucket in a series. */
function withShares(rows: AnswerRow[], totals: MeasureValue[], raw: AnalyticsQuery): void {
  for (const measure of raw.share ?? []) {
    const whole = new Map<string, number | null>();
    if (raw.timeDimension) {
      for (const row of rows) {
        const v = row.values.find((x) => x.measure === measure)?.value;
        whole.set(
          row.time ?? "",
          v === null || v === undefined ? (whole.get(row.time ?? "") ?? 0) : (whole.get(row.time ?? "") ?? 0) + v,
        );
      }
    }
    const total = totals.find((t) => t.measure === measure)?.value ?? null;
    for (const row of rows) {
      const value = row.values.find((x) => x.measure === measure)!;
      const base = raw.timeDimension ? (whole.get(row.time ?? "") ?? null) : total;
      value.share = value.value === null || !base ? null : value.value / base;
    }
  }
}

/** Ordered by measures as shown (ties by time and codes), withheld rows last by code: nothing hidden decides a position. */
function orderByShown(rows: AnswerRow[], raw: AnalyticsQuery, touched: boolean): AnswerRow[] {
  const order = raw.order ?? [];
  // Derived measures too: an order by a hidden ratio would rank withheld figures.
  const measures = [...raw.measures, ...(raw.derived ?? []).map((d) => d.name)];
  if (!touched || !order.some((o) => measures.includes(o.by))) return rows;
  const dims = raw.dimensions ?? [];
  const code = rowKey;
  const byCode = (a: AnswerRow, b: AnswerRow) => (code(a) < code(b) ? -1 : code(a) > code(b) ? 1 : 0);
  const value = (row: AnswerRow, by: string): number | string | null =>
    by === "time"
      ? row.time
      : dims.includes(by)
        ? row.dimensions[dims.indexOf(by)]!.code
        : (row.values.find((v) => v.measure === by)?.value ?? null);
  const shown = rows
    .filter((r) => !r.suppressed)
    .sort((a, b) => {
      for (const o of order) {
        const [x, y] = [value(a, o.by), value(b, o.by)];
        if (x === y) continue;
        if (x === null) return 1;
        if (y === null) return -1;
        return (o.direction === "DESC" ? -1 : 1) * (x < y ? -1 : 1);
      }
      return byCode(a, b);
    });
  return [...shown, ...rows.filter((r) => r.suppressed).sort(byCode)];
}
