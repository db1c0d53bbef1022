import { describe, expect, it } from "vitest";
import { buildPivot, pivotTable, sortPivot, TOTAL_COLUMN, type PivotSource } from "@/charts/explorer/pivot";
import type { AnalyticsRow } from "@/graphql/result-types";

/** An `analytics` row as the API answers it: region × phase (or one of them) with submissions and valid. */
function row(region: string | null, phase: string | null, submissions: number, valid: number): AnalyticsRow {
  return {
    time: null,
    suppressed: null,
    perturbed: false,
    dimensions: [
      ...(region ? [{ dimension: "region", code: region, label: `Vùng ${region}` }] : []),
      ...(phase ? [{ dimension: "phase", code: phase, label: `Giai đoạn ${phase}` }] : []),
    ],
    values: [
      { measure: "submissions", value: submissions, share: null },
      { measure: "valid", value: valid, share: null },
    ],
  } as AnalyticsRow;
}
const totals = (rows: AnalyticsRow[]) =>
  ["submissions", "valid"].map((measure) => ({
    measure,
    value: rows.reduce((s, r) => s + r.values.find((v) => v.measure === measure)!.value!, 0),
    share: null,
  })) as PivotSource["totals"];
const source = (rows: AnalyticsRow[]): PivotSource => ({ rows, totals: totals(rows) });

/** A random additive answer and its margins computed the way the API computes them: sums over the base cells. */
function randomAnswer(seed: number) {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2 ** 31), x % 1000);
  const regions = ["NORTH", "CENTRAL", "SOUTH", "HIGHLANDS"].slice(0, 2 + (seed % 3));
  const phases = ["1", "2"];
  const cells = regions.flatMap((r) => phases.filter(() => next() > 100).map((p) => row(r, p, next(), next() % 300)));
  const margin = (keep: "region" | "phase") => {
    const keys = [...new Set(cells.map((c) => c.dimensions.find((d) => d.dimension === keep)!.code))];
    return keys.map((k) => {
      const mine = cells.filter((c) => c.dimensions.some((d) => d.dimension === keep && d.code === k));
      const t = totals(mine);
      return row(keep === "region" ? k : null, keep === "phase" ? k : null, t[0]!.value!, t[1]!.value!);
    });
  };
  return { main: source(cells), byRows: source(margin("region")), byColumns: source(margin("phase")) };
}
const label = (_axis: string, key: string) => key;
const axes = { rows: "region", columns: "phase" };

describe("the pivot", () => {
  it("puts every cell where its row and column meet, and its totals equal the sum of the cells (additive measures)", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const answer = randomAnswer(seed);
      for (const measure of ["submissions", "valid"]) {
        const pivot = buildPivot(answer, axes, measure, "value", label);
        for (const line of pivot.rows) expect(line.total).toBe(line.cells.reduce((s, c) => s! + (c ?? 0), 0));
        pivot.columns.forEach((column, i) =>
          expect(column.total).toBe(pivot.rows.reduce((s, line) => s + (line.cells[i] ?? 0), 0)),
        );
        expect(pivot.grandTotal).toBe(pivot.rows.reduce((s, line) => s + line.total!, 0));
        const cellCount = pivot.rows.flatMap((l) => l.cells).filter((c) => c !== null).length;
        expect(cellCount).toBe(answer.main.rows.length);
      }
    }
  });

  it("takes its totals from the API's margins, never sums them itself (a ratio's total is not the sum of its cells)", () => {
    const answer = randomAnswer(7);
    answer.byRows.rows[0]!.values[0]!.value = 123_456;
    answer.main.totals[0]!.value = 42;
    const pivot = buildPivot(answer, axes, "submissions", "value", label);
    expect(pivot.rows.find((r) => r.key === answer.byRows.rows[0]!.dimensions[0]!.code)!.total).toBe(123_456);
    expect(pivot.grandTotal).toBe(42);
  });

  it("sorts by any column, missing figures last, ties in their original order (stable)", () => {
    const main = source([
      row("A", "1", 5, 0),
      row("B", "1", 9, 0),
      row("C", "1", 5, 0),
      row("D", "2", 1, 0),
      row("E", "1", 5, 0),
    ]);
    const answer = { main, byRows: main, byColumns: source([row(null, "1", 24, 0), row(null, "2", 1, 0)]) };
    const pivot = buildPivot(
      { ...answer, byRows: source(["A", "B", "C", "D", "E"].map((r, i) => row(r, null, [5, 9, 5, 1, 5][i]!, 0))) },
      axes,
      "submissions",
      "value",
      label,
    );
    const order = (column: string, descending: boolean) =>
      sortPivot(pivot, { column, descending }).rows.map((r) => r.key);
    expect(order("1", true)).toEqual(["B", "A", "C", "E", "D"]);
    expect(order("1", false)).toEqual(["A", "C", "E", "B", "D"]);
    expect(order(TOTAL_COLUMN, false)).toEqual(["D", "A", "C", "E", "B"]);
    expect(sortPivot(pivot, { column: "nope", descending: true })).toBe(pivot);
  });

  it("is the table shown and downloaded: the row label, the columns, the totals column and a totals row", () => {
    const answer = randomAnswer(3);
    const pivot = buildPivot(answer, axes, "submissions", "value", label);
    const table = pivotTable(pivot, { rows: "Vùng", total: "Tổng" }, "count");
    expect(table.columns.map((c) => c.key)).toEqual(["row", ...pivot.columns.map((c) => c.key), TOTAL_COLUMN]);
    expect(table.rows.at(-1)).toEqual(["Tổng", ...pivot.columns.map((c) => c.total), pivot.grandTotal]);
    expect(table.rows).toHaveLength(pivot.rows.length + 1);
  });
});
