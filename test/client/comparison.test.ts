import { describe, expect, it } from "vitest";
import { compareArgs, comparisonOf } from "@/state/comparison";
import { parseState } from "@/state/dashboard-state";

describe("the KPI cards' comparison in the URL", () => {
  it("reads ?so-sanh= (a key with a hyphen survives the URL parser) and defaults to 7 days", () => {
    expect(compareArgs(parseState({}))).toEqual({ compare: "PREVIOUS_PERIOD", compareDays: 7 });
    expect(compareArgs(parseState({ "so-sanh": "28n" }))).toEqual({ compare: "PREVIOUS_PERIOD", compareDays: 28 });
    expect(compareArgs(parseState({ "so-sanh": "giai-doan-truoc" }))).toEqual({ compare: "PREVIOUS_PHASE_SAME_DAY" });
    expect(comparisonOf(parseState({ "so-sanh": "1-nam" }))).toBe("7n");
  });

  it("falls back to 7 days in phase 1, which has no previous phase", () => {
    expect(comparisonOf(parseState({ "so-sanh": "giai-doan-truoc", asOf: "2022-05-31" }))).toBe("7n");
    expect(comparisonOf(parseState({ "so-sanh": "giai-doan-truoc", asOf: "2022-06-01" }))).toBe("giai-doan-truoc");
  });
});
