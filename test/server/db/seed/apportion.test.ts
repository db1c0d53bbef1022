import { describe, expect, it } from "vitest";
import { apportion, apportionWithMinimum, fitMatrix } from "../../../../server/src/db/seed/apportion";

describe("apportion", () => {
  it("splits a total exactly, in proportion, largest remainders first", () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(696_948, [380_656, 168_921, 110_976, 36_395])).toEqual([380_656, 168_921, 110_976, 36_395]);
    const parts = apportion(1_000_003, [0.1, 0.7, 0.2, 1e-9]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(1_000_003);
  });

  it("gives nothing to a zero weight and refuses impossible inputs", () => {
    expect(apportion(5, [0, 2, 0])).toEqual([0, 5, 0]);
    expect(() => apportion(5, [0, 0])).toThrow(/all zero/);
    expect(() => apportion(-1, [1])).toThrow(/whole number/);
    expect(() => apportion(1.5, [1])).toThrow(/whole number/);
  });

  it("respects a minimum per part", () => {
    const parts = apportionWithMinimum(100, [100, 1, 1], 3);
    expect(Math.min(...parts)).toBeGreaterThanOrEqual(3);
    expect(apportionWithMinimum(9, [5, 0, 0], 3)).toEqual([3, 3, 3]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(100);
    expect(() => apportionWithMinimum(5, [1, 1], 3)).toThrow();
  });
});

describe("fitMatrix", () => {
  it("meets both margins exactly and keeps the prior's shape", () => {
    const prior = [
      [10, 1, 1],
      [1, 10, 1],
      [5, 5, 5],
    ];
    const rows = [101, 57, 300];
    const cols = [200, 158, 100];
    const m = fitMatrix(prior, rows, cols);
    expect(m.map((r) => r.reduce((a, b) => a + b, 0))).toEqual(rows);
    expect(cols.map((_, c) => m.reduce((a, r) => a + r[c]!, 0))).toEqual(cols);
    expect(m[0]![0]).toBeGreaterThan(m[0]![1]!);
    expect(m[1]![1]).toBeGreaterThan(m[1]![0]!);
    expect(m.flat().every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
  });

  it("refuses margins that do not add up", () => {
    expect(() => fitMatrix([[1]], [2], [3])).toThrow(/row totals/);
  });
});
