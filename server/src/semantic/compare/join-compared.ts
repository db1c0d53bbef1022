import { rowKey, type Answer, type AnswerRow, type MeasureValue } from "../answer/answer";
import { bucketAt, bucketIndex, bucketOf } from "../execution/buckets";
import { measureValues } from "../execution/derive";
import type { Granularity } from "../query/analytics-query";
import type { Registry } from "../registry/registry";
import { AsOf } from "../time/as-of";
import { rangeText, type ComparedQuestion, type Window } from "./compared-question";

export interface JoinInput {
  /** The question's answer, every row (not paged), and the compared question's. */
  value: Answer;
  compared: Answer;
  plan: ComparedQuestion;
  /** Knows the question's derived measures: what an empty set's figure is. */
  registry: Registry;
  granularity?: Granularity;
  /** The first day of the data: where a series without a range starts. */
  dataStart: number;
  offset: number;
  limit: number;
}

/**
 * One answer from two: each value beside the same figure at the compared point. Rows pair by their
 * dimension codes and their time bucket (see ComparedQuestion.alignFrom). A row on one side only
 * is an empty set on the other: 0 events (a count or a sum), no figure for a ratio or an attribute
 * (measureValues of nothing, as the engine answers it) — but null where the present side is
 * protected (withheld or perturbed), since a fine-grained set is never shown as an exact 0. Rows
 * only in the compared half come after the others; then the rows are paged.
 */
export function joinCompared({
  value,
  compared,
  plan,
  registry,
  granularity,
  dataStart,
  offset,
  limit,
}: JoinInput): Answer {
  const measures = value.columns.filter((c) => c.kind === "measure").map((c) => c.name);
  const empty = measureValues({}, measures, registry);
  const align = granularity ? aligner(plan, granularity, dataStart) : undefined;
  const others = new Map(compared.rows.map((row) => [rowKey(row), row]));
  const emptyOf = (row: AnswerRow): MeasureValue[] =>
    measures.map((measure) => ({
      measure,
      value: row.suppressed || row.perturbed ? null : empty[measure]!,
      share: null,
    }));

  const rows: AnswerRow[] = value.rows.map((row) => {
    const pairedKey = rowKey({ ...row, time: align && row.time ? align.toCompared(row.time) : row.time });
    const other = others.get(pairedKey);
    others.delete(pairedKey);
    return { ...row, values: side(row.values, other?.values ?? emptyOf(row)) };
  });
  for (const other of others.values()) {
    const time = align && other.time ? align.toValue(other.time) : other.time;
    if (time === undefined) continue;
    rows.push({
      time,
      dimensions: other.dimensions,
      values: side(emptyOf(other), other.values),
      suppressed: null,
      perturbed: false,
    });
  }
  return {
    ...value,
    rows: rows.slice(offset, offset + limit),
    totals: side(value.totals, compared.totals),
    sources: [...new Set([...value.sources, ...compared.sources])],
    explain: {
      rejected: value.explain.rejected,
      sql: [...value.explain.sql, ...compared.explain.sql],
      parameters: [...value.explain.parameters, ...compared.explain.parameters],
    },
    compared: pointOf(plan.compared),
  };
}

function side(values: MeasureValue[], compared: MeasureValue[]): MeasureValue[] {
  return values.map((v) => {
    const c = compared.find((x) => x.measure === v.measure)?.value ?? null;
    const difference = v.value === null || c === null ? null : v.value - c;
    return { ...v, compared: c, difference, percentChange: difference === null || c === 0 ? null : difference / c! };
  });
}

/**
 * Pairs buckets by their distance from an anchor: the ranges' first buckets, or the buckets holding
 * the last instant each side counts. A compared bucket outside the asked series has no place in it.
 */
function aligner(plan: ComparedQuestion, granularity: Granularity, dataStart: number) {
  const anchor = (w: Window) =>
    bucketIndex(
      bucketOf(
        plan.alignFrom === "start" ? w.range!.from! : Math.min(w.asOf, w.range?.before ?? Infinity) - 1,
        granularity,
      ),
      granularity,
    );
  const shift = anchor(plan.compared) - anchor(plan.value);
  const first = bucketOf(plan.value.range?.from ?? dataStart, granularity);
  const last = bucketOf(Math.min(plan.value.asOf, plan.value.range?.before ?? Infinity) - 1, granularity);
  return {
    toCompared: (time: string) => bucketAt(bucketIndex(time, granularity) + shift, granularity),
    toValue: (time: string) => {
      const back = bucketAt(bucketIndex(time, granularity) - shift, granularity);
      return back >= first && back <= last ? back : undefined;
    },
  };
}

function pointOf(window: Window): NonNullable<Answer["compared"]> {
  const range = window.range && rangeText(window.range);
  return {
    asOf: new Date(window.asOf),
    asOfDate: AsOf.at(window.asOf).date,
    dateRange: range ? { from: range.from ?? null, to: range.to ?? null } : null,
  };
}
