import type { MeasureUnit } from "@/format/number-format";
import type { AnalyticsRow, MeasureValue } from "@/graphql/result-types";
import type { TableData } from "../define-chart";
import type { PivotAxes } from "./explorer-input";
import type { PivotFigure, PivotSort } from "./explorer-parts";

/** The key of the totals column, for sorting by it. */
export const TOTAL_COLUMN = "__total";

/** The parts of an answer a pivot reads (an `analytics` answer, or its margins). */
export interface PivotSource {
  rows: AnalyticsRow[];
  totals: MeasureValue[];
}

export interface PivotLine {
  key: string;
  label: string;
  cells: Array<number | null>;
  total: number | null;
}

export interface Pivot {
  columns: Array<{ key: string; label: string; total: number | null }>;
  rows: PivotLine[];
  grandTotal: number | null;
}

/** One figure of a measure in a cell: the value, its share, or its comparison. */
export function figureOf(values: MeasureValue[], measure: string, figure: PivotFigure): number | null {
  const value = values.find((v) => v.measure === measure) as Record<string, unknown> | undefined;
  const figureValue = value?.[figure];
  return typeof figureValue === "number" ? figureValue : null;
}

/** The unit a figure is shown in: shares and percent changes are fractions. */
export const figureUnit = (figure: PivotFigure, measureUnit: MeasureUnit): MeasureUnit | "share" =>
  figure === "share" || figure === "percentChange" ? "share" : measureUnit;

const keyOf = (row: AnalyticsRow, axis: string) =>
  axis === "time" ? (row.time ?? "") : (row.dimensions.find((d) => d.dimension === axis)?.code ?? "");

/**
 * Rows × columns from an answer with two breakdowns; the totals come from the API's own margins
 * (`byRows`, `byColumns`) and totals, never summed here: a ratio's total is not the sum of its cells.
 * Rows keep the answer's order; columns are chronological for time, else in the margin's order.
 */
export function buildPivot(
  answer: { main: PivotSource; byRows: PivotSource; byColumns: PivotSource },
  axes: PivotAxes,
  measure: string,
  figure: PivotFigure,
  labelOf: (axis: string, key: string, row: AnalyticsRow) => string,
): Pivot {
  const columnKeys: string[] = [];
  const seen = new Set<string>();
  const add = (key: string) => (seen.has(key) ? undefined : (seen.add(key), columnKeys.push(key)));
  answer.byColumns.rows.forEach((r) => add(keyOf(r, axes.columns)));
  answer.main.rows.forEach((r) => add(keyOf(r, axes.columns)));
  if (axes.columns === "time") columnKeys.sort();

  const columnLabel = new Map<string, string>();
  const cells = new Map<string, Map<string, number | null>>();
  const rowOrder: Array<{ key: string; label: string }> = [];
  for (const row of answer.main.rows) {
    const rowKey = keyOf(row, axes.rows);
    const columnKey = keyOf(row, axes.columns);
    if (!columnLabel.has(columnKey)) columnLabel.set(columnKey, labelOf(axes.columns, columnKey, row));
    if (!cells.has(rowKey)) {
      cells.set(rowKey, new Map());
      rowOrder.push({ key: rowKey, label: labelOf(axes.rows, rowKey, row) });
    }
    cells.get(rowKey)!.set(columnKey, figureOf(row.values, measure, figure));
  }
  for (const row of answer.byColumns.rows) {
    const key = keyOf(row, axes.columns);
    if (!columnLabel.has(key)) columnLabel.set(key, labelOf(axes.columns, key, row));
  }
  const margin = (source: PivotSource, axis: string) =>
    new Map(source.rows.map((r) => [keyOf(r, axis), figureOf(r.values, measure, figure)]));
  const rowTotals = margin(answer.byRows, axes.rows);
  const columnTotals = margin(answer.byColumns, axes.columns);
  return {
    columns: columnKeys.map((key) => ({
      key,
      label: columnLabel.get(key) ?? key,
      total: columnTotals.get(key) ?? null,
    })),
    rows: rowOrder.map(({ key, label }) => ({
      key,
      label,
      cells: columnKeys.map((c) => cells.get(key)?.get(c) ?? null),
      total: rowTotals.get(key) ?? null,
    })),
    grandTotal: figureOf(answer.main.totals, measure, figure),
  };
}

/** Rows by one column's figures; missing figures last either way; ties keep their order (a stable sort). */
export function sortPivot(pivot: Pivot, sort: PivotSort | undefined): Pivot {
  if (!sort) return pivot;
  const index = pivot.columns.findIndex((c) => c.key === sort.column);
  if (index < 0 && sort.column !== TOTAL_COLUMN) return pivot;
  const figure = (line: PivotLine) => (index < 0 ? line.total : line.cells[index]!);
  const rows = pivot.rows
    .map((line, position) => ({ line, position }))
    .sort((a, b) => {
      const x = figure(a.line);
      const y = figure(b.line);
      if (x === null || y === null) return x === y ? a.position - b.position : x === null ? 1 : -1;
      return (sort.descending ? y - x : x - y) || a.position - b.position;
    })
    .map(({ line }) => line);
  return { ...pivot, rows };
}

/** The pivot as the table shown and downloaded: one row per member, then the totals row. */
export function pivotTable(
  pivot: Pivot,
  labels: { rows: string; total: string },
  unit: MeasureUnit | "share",
): TableData {
  return {
    columns: [
      { key: "row", label: labels.rows },
      ...pivot.columns.map((c) => ({ key: c.key, label: c.label, unit })),
      { key: TOTAL_COLUMN, label: labels.total, unit },
    ],
    rows: [
      ...pivot.rows.map((line) => [line.label, ...line.cells, line.total]),
      [labels.total, ...pivot.columns.map((c) => c.total), pivot.grandTotal],
    ],
  };
}
