import { describe, expect, it } from "vitest";
import { addDays, formatDate, formatMonth, formatVietnamMinute } from "@/format/date-format";
import { parseDateInput } from "@/format/date-input";
import { fixedDigits } from "@/format/fixed-digits";
import {
  SIGNS,
  formatBillions,
  formatChange,
  formatMeasure,
  formatNumber,
  formatPercent,
  formatShare,
} from "@/format/number-format";

describe("Vietnamese number and date forms", () => {
  it("writes figures exactly as Intl.NumberFormat does, without making one (its first costs 17–34 ms)", () => {
    // Halves that binary cannot hold (1.45, 79.05: ICU rounds the shortest decimal up), −0 and what rounds to
    // it, the largest figures (đồng), then many random ones of every size.
    const values = [0, -0, 0.5, 1.5, 2.5, -0.5, -0.04, 0.05, 1.005, 1.45, 79.05, 9.995, 0.995, 999.95, -1234.5];
    values.push(1234, 12_345_678.9, 584_200_000_000, 1e15, 123_456_789_012_345, 1e20, 0.000001, 1e-7, 1e21, 5e300);
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let i = 0; i < 20_000; i++) {
      values.push(
        (random() - 0.3) * 10 ** Math.floor(random() * 14),
        Math.round(random() * 2000) / 20,
        random() * 33.3,
      );
    }
    for (const [locale, tag] of [
      ["vi", "vi-VN"],
      ["en", "en-GB"],
    ] as const) {
      for (const digits of [0, 1, 2]) {
        const intl = new Intl.NumberFormat(tag, { minimumFractionDigits: digits, maximumFractionDigits: digits });
        const differing = values.filter((v) => formatNumber(v, locale, digits) !== intl.format(v));
        expect(differing, `${locale}, ${digits} decimals`).toEqual([]);
      }
    }
    expect(fixedDigits(1e21, 0, SIGNS.vi)).toBeUndefined();
    expect(fixedDigits(1e-7, 1, SIGNS.vi)).toBeUndefined();
  });

  it("writes figures the Vietnamese way and the English way", () => {
    expect(formatNumber(696948, "vi")).toBe("696.948");
    expect(formatNumber(2205000, "vi")).toBe("2.205.000");
    expect(formatNumber(696948, "en")).toBe("696,948");
    expect(formatShare(0.5462, "vi")).toBe("54,6%");
    expect(formatShare(0.5462, "en")).toBe("54.6%");
    expect(formatPercent(232.316, "vi")).toBe("232,3%");
    expect(formatBillions(584_200_000_000, "vi")).toBe("584,2 tỷ đồng");
    expect(formatBillions(584_200_000_000, "en")).toBe("584.2 bn VND");
    expect(formatMeasure(1417.0025, "ratio", "vi")).toBe("1.417,0");
  });

  it("marks missing figures and signs changes with a real minus", () => {
    expect(formatNumber(null, "vi")).toBe("—");
    expect(formatShare(null, "vi")).toBe("—");
    expect(formatChange(182491, "vi")).toBe("+182.491");
    expect(formatChange(-56, "vi")).toBe("−56");
    expect(formatChange(0, "vi")).toBe("0");
  });

  it("writes dates as 31/5/2022 in Vietnamese and 31 May 2022 in English", () => {
    expect(formatDate("2022-05-31", "vi")).toBe("31/5/2022");
    expect(formatDate("2022-05-31", "en")).toBe("31 May 2022");
    expect(formatMonth("2022-05-01", "vi")).toBe("5/2022");
    expect(formatVietnamMinute("2022-10-03 15:34", "vi")).toBe("15:34 ngày 3/10/2022");
    expect(addDays("2022-06-01", -7)).toBe("2022-05-25");
  });

  it("reads dates typed either way and refuses impossible ones", () => {
    expect(parseDateInput("31/5/2022")).toBe("2022-05-31");
    expect(parseDateInput(" 1.6.2022 ")).toBe("2022-06-01");
    expect(parseDateInput("2022-05-31")).toBe("2022-05-31");
    expect(parseDateInput("31/2/2022")).toBeNull();
    expect(parseDateInput("5/31/2022")).toBeNull();
    expect(parseDateInput("hôm qua")).toBeNull();
  });
});
