import { describe, expect, it } from "vitest";
import { planSuppression } from "../../../server/src/semantic/privacy/small-cell-suppression";

const plan = (counts: number[], options: Partial<Parameters<typeof planSuppression>[0]> = {}) =>
  planSuppression({
    counts,
    isCell: counts.map(() => true),
    totalsIsCell: false,
    totalCount: counts.reduce((a, b) => a + b, 0),
    rowsAddUp: true,
    k: 5,
    ...options,
  });

describe("small-cell suppression rule", () => {
  it("withholds cells under k", () => {
    expect(plan([10, 3, 2, 8]).rows).toEqual([null, "SMALL_CELL", "SMALL_CELL", null]);
  });

  it("never leaves exactly one withheld row: the smallest other row goes with it", () => {
    expect(plan([10, 3, 7, 8]).rows).toEqual([null, "SMALL_CELL", "COMPLEMENTARY", null]);
    expect(plan([6, 3, 6]).rows).toEqual(["COMPLEMENTARY", "SMALL_CELL", null]);
  });

  it("withholds the totals when a lone small row has no partner", () => {
    expect(plan([3])).toEqual({ rows: ["SMALL_CELL"], totals: "COMPLEMENTARY" });
  });

  it("withholds totals that are themselves a small grassroots cell", () => {
    expect(plan([1, 2], { totalsIsCell: true }).totals).toBe("SMALL_CELL");
    expect(plan([4, 2], { totalsIsCell: true }).totals).toBeNull();
  });

  it("leaves rows that are not grassroots cells alone, but may use them as partners", () => {
    expect(plan([2, 9], { isCell: [true, false] }).rows).toEqual(["SMALL_CELL", "COMPLEMENTARY"]);
    expect(plan([2, 9], { isCell: [false, false] }).rows).toEqual([null, null]);
  });

  it("adds no partner where rows do not add up to the totals (cumulative series)", () => {
    expect(plan([2, 9], { rowsAddUp: false }).rows).toEqual(["SMALL_CELL", null]);
  });
});
