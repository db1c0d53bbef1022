import { describe, expect, it } from "vitest";
import { FirstLineOfCode } from "../../../../server/src/db/import/first-line-of-code";

describe("the first line of each portal code", () => {
  it("finds no repeat while codes rise, then finds repeats of any earlier code once they stop rising", () => {
    const codes = new FirstLineOfCode();
    expect(["SK-001", "SK-002", "SK-010"].map((code, i) => codes.claim(code, i + 2))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(codes.claim("SK-005", 5)).toBeUndefined(); // out of order but new
    expect(codes.claim("SK-001", 6)).toBe(2);
    expect(codes.claim("SK-010", 7)).toBe(4);
    expect(codes.claim("SK-005", 8)).toBe(5);
    expect(codes.claim("SK-011", 9)).toBeUndefined();
    expect(codes.claim("SK-011", 10)).toBe(9);
  });

  it("takes an immediate repeat for a code out of order", () => {
    const codes = new FirstLineOfCode();
    expect(codes.claim("A-0000000000000001", 2)).toBeUndefined();
    expect(codes.claim("A-0000000000000001", 3)).toBe(2);
  });
});
