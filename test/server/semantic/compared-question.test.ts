import { describe, expect, it } from "vitest";
import { comparedQuestion } from "../../../server/src/semantic/compare/compared-question";
import { bucketAt, bucketIndex, bucketOf, bucketsBetween } from "../../../server/src/semantic/execution/buckets";
import type { AnalyticsQuery, Granularity } from "../../../server/src/semantic/query/analytics-query";
import { AsOf } from "../../../server/src/semantic";

/** The pure half of comparisons: which question is compared, and how buckets pair. No database. */
const DATA_END = AsOf.parse("2023-10-08").before;
const q = (extra: Partial<AnalyticsQuery> = {}): AnalyticsQuery => ({ measures: ["submissions"], ...extra });
const point = (question: AnalyticsQuery, compare: AnalyticsQuery["compare"]) => {
  const c = comparedQuestion(question, compare!, DATA_END).question;
  return { asOf: c.asOf!.toString(), dateRange: c.dateRange };
};

describe("the compared question", () => {
  it("PREVIOUS_PERIOD: an as-of alone moves back `days` (default 7), keeping its time of day", () => {
    expect(point(q({ asOf: AsOf.parse("2022-05-31") }), { to: "PREVIOUS_PERIOD" })).toEqual({
      asOf: "2022-05-24",
      dateRange: undefined,
    });
    expect(point(q(), { to: "PREVIOUS_PERIOD", days: 28 }).asOf).toBe("2023-09-10");
    expect(point(q({ asOf: AsOf.parse("2022-05-31T12:00:00+07:00") }), { to: "PREVIOUS_PERIOD", days: 1 }).asOf).toBe(
      "2022-05-30T05:00:00.000Z",
    );
    expect(() => point(q(), { to: "PREVIOUS_PERIOD", days: 0 })).toThrow(/compare.days/);
  });

  it("PREVIOUS_PERIOD: a date range moves back by its own length, and its as-of with it", () => {
    const question = q({ dateRange: { from: "2022-05-01", to: "2022-05-31" }, asOf: AsOf.parse("2022-06-30") });
    expect(point(question, { to: "PREVIOUS_PERIOD" })).toEqual({
      asOf: "2022-05-30",
      dateRange: { from: "2022-03-31", to: "2022-04-30" },
    });
    // Instants stay instants; an instant `to` is exclusive, as parseMoment reads it.
    const instants = q({ dateRange: { from: "2022-05-01T12:00:00+07:00", to: "2022-05-02T12:00:00+07:00" } });
    expect(point(instants, { to: "PREVIOUS_PERIOD" }).dateRange).toEqual({
      from: "2022-04-30T05:00:00.000Z",
      to: "2022-05-01T05:00:00.000Z",
    });
    expect(() => point(q({ dateRange: { from: "2022-05-01" } }), { to: "PREVIOUS_PERIOD" })).toThrow(/both its from/);
  });

  it("PREVIOUS_PHASE_SAME_DAY: 144 days back, held to phase 1's close; refused in phase 1", () => {
    expect(point(q({ asOf: AsOf.parse("2022-06-01") }), { to: "PREVIOUS_PHASE_SAME_DAY" }).asOf).toBe("2022-01-08");
    expect(point(q({ asOf: AsOf.parse("2022-10-31") }), { to: "PREVIOUS_PHASE_SAME_DAY" }).asOf).toBe("2022-05-31");
    expect(
      point(q({ dateRange: { from: "2022-06-01" }, asOf: AsOf.parse("2022-07-15") }), {
        to: "PREVIOUS_PHASE_SAME_DAY",
      }),
    ).toEqual({ asOf: "2022-02-21", dateRange: { from: "2022-01-08", to: undefined } });
    expect(() => point(q({ asOf: AsOf.parse("2022-05-31") }), { to: "PREVIOUS_PHASE_SAME_DAY" })).toThrow(
      /phase 1 has no previous phase/,
    );
  });

  it("AS_OF and DATE_RANGE replace one point and keep the other; the compared half is asked whole", () => {
    const question = q({ dateRange: { from: "2022-05-01", to: "2022-05-31" }, limit: 5, offset: 10 });
    const asOf = comparedQuestion(question, { to: "AS_OF", asOf: AsOf.parse("2022-12-31") }, DATA_END).question;
    expect([asOf.asOf!.toString(), asOf.dateRange, asOf.limit, asOf.offset, asOf.compare]).toEqual([
      "2022-12-31",
      { from: "2022-05-01", to: "2022-05-31" },
      10_000,
      undefined,
      undefined,
    ]);
    expect(point(q(), { to: "DATE_RANGE", dateRange: { from: "2022-04-01" } })).toEqual({
      asOf: "2023-10-08",
      dateRange: { from: "2022-04-01", to: undefined },
    });
    expect(() => point(q(), { to: "AS_OF" })).toThrow(/compare.asOf/);
    expect(() => point(q(), { to: "DATE_RANGE", dateRange: {} })).toThrow(/compare.dateRange/);
  });
});

describe("bucket places", () => {
  it.each(["DAY", "WEEK", "MONTH", "QUARTER", "YEAR"] as Granularity[])(
    "%s: consecutive buckets have consecutive places, and a place gives its bucket back",
    (granularity) => {
      const buckets = bucketsBetween(bucketOf(AsOf.parse("2021-12-25").before, granularity), "2023-10-08", granularity);
      buckets.forEach((b, i) => {
        expect(bucketIndex(b, granularity)).toBe(bucketIndex(buckets[0]!, granularity) + i);
        expect(bucketAt(bucketIndex(b, granularity), granularity)).toBe(b);
      });
    },
  );
});
