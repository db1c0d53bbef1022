import { describe, expect, it } from "vitest";
import { CatalogueLabels } from "../../../../server/src/db/import/catalogue-labels";
import { CsvParser } from "../../../../server/src/db/import/csv-reader";
import { csvCell } from "../../../../server/src/common/csv";
import { defaultErrorFile } from "../../../../server/src/db/import/error-file";
import { mapHeader } from "../../../../server/src/db/import/header-map";
import {
  labelKey,
  parseAmount,
  parseCount,
  parseVietnamDateTime,
} from "../../../../server/src/db/import/value-parsers";

const iso = (text: string) => {
  const r = parseVietnamDateTime(text);
  return r.ok ? new Date(r.value).toISOString() : r.reason;
};

describe("dates in Vietnam time", () => {
  it("reads dd/mm/yyyy with or without HH:mm[:ss] as UTC+7", () => {
    expect(iso("31/5/2022")).toBe("2022-05-30T17:00:00.000Z");
    expect(iso("31/05/2022 23:59:59")).toBe("2022-05-31T16:59:59.000Z");
    expect(iso("03/10/2022 15:34")).toBe("2022-10-03T08:34:00.000Z");
    expect(iso("8/1/2022 0:05")).toBe("2022-01-07T17:05:00.000Z");
  });

  it("rejects what is not a day on the calendar or not written dd/mm/yyyy", () => {
    expect(iso("29/02/2022")).toMatch(/no such day/);
    expect(iso("29/02/2024")).toBe("2024-02-28T17:00:00.000Z");
    expect(iso("2022-05-31")).toMatch(/not a date written dd\/mm\/yyyy/);
    expect(iso("31/05/2022 24:00")).toMatch(/not a valid time/);
    expect(iso("31/13/2022")).toMatch(/no such day/);
    expect(iso("01/01/0222")).toMatch(/outside 1900–2100/);
  });
});

describe("amounts written the Vietnamese way", () => {
  it.each([
    ["1.234.567", 1_234_567],
    ["1.234.567 đ", 1_234_567],
    ["1.234.567 đồng", 1_234_567],
    ["1.234.567đ", 1_234_567],
    ["1234567", 1_234_567],
    ["1 234 567 ₫", 1_234_567],
    ["2.500.000 VNĐ", 2_500_000],
    ["0", 0],
    ["12.000,00", 12_000],
    ["", null],
  ])("%j → %j", (text, value) => expect(parseAmount(text)).toEqual({ ok: true, value }));

  it.each(["1,234,567", "12,5 triệu", "1.23.456", "-500.000", "abc", "1.234.567 USD"])("rejects %j", (text) => {
    expect(parseAmount(text).ok).toBe(false);
  });

  it("counts co-authors from 0, empty meaning none", () => {
    expect(parseCount("")).toEqual({ ok: true, value: 0 });
    expect(parseCount("3")).toEqual({ ok: true, value: 3 });
    expect(parseCount("-1").ok).toBe(false);
    expect(parseCount("1.5").ok).toBe(false);
  });
});

describe("headers and labels match without case, diacritics or punctuation", () => {
  it("maps Vietnamese and English headers, reports unknown ones, and names missing required ones", () => {
    const map = mapHeader([
      "MÃ SÁNG KIẾN",
      "ten sang kien",
      "Field",
      "Đơn vị",
      "Ngày nộp",
      "Trạng thái",
      "Khối",
      "Loại giải pháp",
      "Tác giả",
      "Giá trị làm lợi (VNĐ)",
      "Ghi chú",
    ]);
    expect(map.index).toMatchObject({ portalCode: 0, title: 1, field: 2, benefit: 9, decidedAt: -1, memberCode: -1 });
    expect(map.name.portalCode).toBe("MÃ SÁNG KIẾN");
    expect(map.ignored).toEqual(["Ghi chú"]);
    expect(() => mapHeader(["Mã sáng kiến", "Tên sáng kiến"])).toThrow(/missing columns: "Lĩnh vực", "Đơn vị"/);
    expect(() => mapHeader(["Mã sáng kiến", "Code"])).toThrow(/both mean "Mã sáng kiến"/);
  });

  it("maps catalogue cells by Vietnamese label, English label or code", () => {
    const categories = new CatalogueLabels("workerCategory");
    for (const text of ["Khu vực doanh nghiệp", "KHU VUC DOANH NGHIEP", "Enterprises", "ENTERPRISE", "Doanh nghiệp"]) {
      expect(categories.parse(text), text).toEqual({ ok: true, value: 2 });
    }
    const statuses = new CatalogueLabels("status");
    expect(statuses.parse("Không hợp lệ")).toEqual({ ok: true, value: 3 });
    expect(statuses.parse("hop le")).toEqual({ ok: true, value: 2 });
    expect(statuses.parse("Đã xong").ok).toBe(false);
    expect(labelKey("Giá trị làm lợi (đồng)")).toBe("gia tri lam loi");
  });
});

describe("CSV records", () => {
  const text = '\uFEFFa,b,c\r\n1,"x, ""y""\r\nz",3\n\n4,,""\r\n5,6,7';
  const expected = [
    { line: 1, fields: ["\uFEFFa", "b", "c"] },
    { line: 2, fields: ["1", 'x, "y"\r\nz', "3"] },
    { line: 5, fields: ["4", "", ""] },
    { line: 6, fields: ["5", "6", "7"] },
  ];

  it("keeps quoted commas, quotes and line breaks, counts lines, skips blank lines, whatever the chunking", () => {
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = new CsvParser();
      const records = [...parser.push(text.slice(0, cut), false), ...parser.push(text.slice(cut), true)];
      expect(records, `cut at ${cut}`).toEqual(expected);
    }
  });

  it("stops on an unclosed quote", () => {
    const parser = new CsvParser();
    expect(() => parser.push('a,b\n1,"never closed\n2,3\n', true)).toThrow(/opened on line 2 is never closed/);
    expect(() => new CsvParser().push('a,b\r1,2\r\n3,"never closed\r4,5\r', true)).toThrow(
      /opened on line 3 is never closed/,
    );
  });

  it("ends lines at a line feed, a CR LF or a carriage return alone, also inside quoted cells, whatever the chunking", () => {
    const mixed = 'a;b\r1;"x\ry"\n2;"p\r\nq"\r\n\r3;4\r';
    const expected = [
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", "x\ry"] },
      { line: 4, fields: ["2", "p\r\nq"] },
      { line: 7, fields: ["3", "4"] },
    ];
    for (let cut = 0; cut <= mixed.length; cut++) {
      const parser = new CsvParser();
      const records = [...parser.push(mixed.slice(0, cut), false), ...parser.push(mixed.slice(cut), true)];
      expect(records, `cut at ${cut}`).toEqual(expected);
      expect(parser.nextLine).toBe(8);
    }
  });
});

describe("the error file", () => {
  it("neutralises formulas and quotes what needs quoting", () => {
    expect(["=1+1", "+84 912", "-5", "@SUM(A1)", "\tx", "\rx", "ok", "a,b", 'say "hi"'].map(csvCell)).toEqual([
      "'=1+1",
      "'+84 912",
      "'-5",
      "'@SUM(A1)",
      "'\tx",
      '"\'\rx"',
      "ok",
      '"a,b"',
      '"say ""hi"""',
    ]);
  });

  it("neutralises a formula behind leading control characters or spaces, which a spreadsheet may skip", () => {
    expect(
      ["\0=cmd|' /C calc'!A0", "\0\0+1", "\u0007@SUM(A1)", "\u0085-2", " =1+1", "\u00a0\0@x", "\0plain"].map(csvCell),
    ).toEqual([
      "'\0=cmd|' /C calc'!A0",
      "'\0\0+1",
      "'\u0007@SUM(A1)",
      "'\u0085-2",
      "' =1+1",
      "'\u00a0\0@x",
      "'\0plain",
    ]);
    expect(["a=b", " ok", "Tổng: 5"].map(csvCell)).toEqual(["a=b", " ok", "Tổng: 5"]);
  });

  it("sits next to the input", () => {
    expect(defaultErrorFile("/data/export.csv")).toBe("/data/export.errors.csv");
    expect(defaultErrorFile("/data/export.CSV")).toBe("/data/export.errors.csv");
    expect(defaultErrorFile("/data/export.txt")).toBe("/data/export.txt.errors.csv");
  });
});
