import { describe, expect, it } from "vitest";
import { formatBucket, isoWeek } from "@/format/bucket-format";

describe("time buckets are labelled by their grain", () => {
  it("a month reads as a month, not as its first day", () => {
    expect(formatBucket("2022-03-01", "MONTH", "vi")).toBe("3/2022");
    expect(formatBucket("2022-03-01", "MONTH", "en")).toBe("Mar 2022");
    expect(formatBucket("2022-03-01", "DAY", "vi")).toBe("1/3/2022");
    expect(formatBucket("2022-03-01", undefined, "vi")).toBe("1/3/2022");
  });

  it("weeks are ISO weeks of the year they belong to", () => {
    expect(formatBucket("2022-03-21", "WEEK", "vi")).toBe("Tuần 12/2022");
    expect(formatBucket("2022-03-21", "WEEK", "en")).toBe("Week 12/2022");
    // A Monday in the last days of December can open week 1 of the next year, and 1 January can be week 52 or 53 of the year before.
    expect(isoWeek("2024-12-30")).toEqual({ week: 1, year: 2025 });
    expect(isoWeek("2020-12-28")).toEqual({ week: 53, year: 2020 });
    expect(isoWeek("2022-01-03")).toEqual({ week: 1, year: 2022 });
    expect(isoWeek("2021-01-01")).toEqual({ week: 53, year: 2020 });
  });

  it("quarters and years", () => {
    expect(formatBucket("2022-04-01", "QUARTER", "vi")).toBe("Quý 2/2022");
    expect(formatBucket("2022-10-01", "QUARTER", "en")).toBe("Q4 2022");
    expect(formatBucket("2023-01-01", "YEAR", "vi")).toBe("2023");
  });
});
