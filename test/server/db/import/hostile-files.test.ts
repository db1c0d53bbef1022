import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCsv, type ImportOptions } from "../../../../server/src/db/import/import.service";
import type { ImportReport } from "../../../../server/src/db/import/import-report";
import { Progress } from "../../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../../server/src/db/seed/seed.service";
import { DataStateCache } from "../../../../server/src/semantic/data-state";
import { parseCsv } from "../../../e2e/parse-csv";
import { createTestDatabase } from "../../../setup/test-database";
import { dataChecksum, goodRow, portalCsv, type PortalRow } from "./portal-csv";

/**
 * Files as people really make them, sloppy or hostile: classic Mac line ends, a mix of them,
 * NUL and other control characters, dates and amounts no programme could have, a row in a legacy
 * code page. Each goes through the real import into PostgreSQL: the good rows load, each bad one
 * is reported with its line and column, and nothing crashes.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sangkien-hostile-"));
let unit: string;

const query = async <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => db.dataSource.query(sql, params);
const reasons = (report: ImportReport) => report.errors.map((e) => [e.line, e.column, e.reason.split(" / ")[1]]);

beforeAll(async () => {
  db = await createTestDatabase("import_hostile");
  await seedDemoData(db.url, 3, 0.002, new Progress(process.stderr, true));
  [{ code: unit }] = await query<{ code: string }>(`SELECT code FROM unit WHERE tier = 3 ORDER BY id LIMIT 1`);
});

afterAll(async () => {
  await db?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** The bytes as a stream of `size`-byte chunks, declared large enough to be checked on a worker thread. */
function threaded(bytes: Buffer, size: number, options: ImportOptions = {}): [Readable, ImportOptions] {
  const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
    bytes.subarray(i * size, (i + 1) * size),
  );
  return [Readable.from(chunks), { sourceName: "upload.csv", totalBytes: 64 << 20, errorFile: null, ...options }];
}

/**
 * portalCsv's file with each record ended by the next of `endings` in turn and each line break
 * inside a quoted cell written `inCell`.
 */
function withLineEnds(rows: PortalRow[], endings: string[], inCell: string, bom = true): string {
  const records = portalCsv(rows, { bom }).split("\r\n");
  return records
    .map((r, i) => r.replace(/\n/g, inCell) + (i < records.length - 1 ? endings[i % endings.length] : ""))
    .join("");
}

async function stored(prefix: string): Promise<Array<{ portal_code: string; title: string }>> {
  return query(
    `SELECT i.portal_code, d.title FROM initiative i JOIN initiative_detail d ON d.initiative_id = i.id
    WHERE i.portal_code LIKE $1 ORDER BY i.portal_code`,
    [`${prefix}%`],
  );
}

describe("line ends", () => {
  /** Lines: header 1, A 2, B 3–4 (a line break in its title), C 5 (an unknown unit), D 6. */
  const rows = (prefix: string): PortalRow[] =>
    [
      goodRow(`${prefix}-A`, "PLACEHOLDER"),
      goodRow(`${prefix}-B`, "PLACEHOLDER", { "Tên sáng kiến": "Hai dòng,\nmột sáng kiến" }),
      goodRow(`${prefix}-C`, "không có đơn vị này"),
      goodRow(`${prefix}-D`, "PLACEHOLDER"),
    ].map((r) => (r["Đơn vị"] === "PLACEHOLDER" ? { ...r, "Đơn vị": unit } : r));

  it.each([
    ["LF", "LF", ["\n"], "\n", false],
    ["CRLF", "CRLF", ["\r\n"], "\r\n", true],
    ["CR", "CR alone (classic Mac Excel)", ["\r"], "\r", true],
    ["MIX", "LF, CRLF and CR mixed", ["\n", "\r\n", "\r"], "\r", true],
  ])(
    "%s: reads every row of a file with %s line ends, counting lines as an editor shows them",
    async (prefix, _label, endings, inCell, bom) => {
      const text = withLineEnds(rows(prefix), endings as string[], inCell as string, bom as boolean);
      const report = await importCsv(db.dataSource, write(`${prefix}.csv`, text), { errorFile: null });
      expect(report).toMatchObject({ rows: 4, inserted: 3, rejected: 1 });
      expect(reasons(report)).toEqual([[5, "Đơn vị", "no unit has this code or name"]]);
      const titles = await stored(`${prefix}-`);
      expect(titles.map((t) => t.portal_code)).toEqual([`${prefix}-A`, `${prefix}-B`, `${prefix}-D`]);
      expect(titles[1]!.title).toBe(`Hai dòng,${inCell}một sáng kiến`);
    },
  );

  it("reads a mixed file the same on a worker thread, whatever the chunks (a CR LF cut in two included)", async () => {
    const bytes = Buffer.from(withLineEnds(rows("MIX"), ["\r\n", "\r", "\n"], "\r\n"));
    const whole = await importCsv(db.dataSource, write("MIX-again.csv", bytes), { errorFile: null });
    for (const size of [1, 5, 64]) {
      const report = await importCsv(db.dataSource, ...threaded(bytes, size));
      expect(report, `${size}-byte chunks`).toMatchObject({
        rows: 4,
        inserted: 0,
        updated: 0,
        unchanged: 3,
        rejected: 1,
      });
      expect(report.errors).toEqual(whole.errors);
    }
    expect(reasons(whole)).toEqual([[5, "Đơn vị", "no unit has this code or name"]]);
  });
});

describe("control characters", () => {
  it("a NUL or another control character is a row error with its line and column; the other rows load, no name is shown", async () => {
    const rows = [
      goodRow("CTL-1", unit), // line 2
      goodRow("CTL-2", unit, { "Tên sáng kiến": "Cải tiến\0quy trình" }), // 3
      goodRow("CTL-3", unit, { "Tác giả": "Nguyễn\0Bí Mật" }), // 4
      goodRow("CTL\0-4", unit, { "Tên sáng kiến": "Mã có NUL", "Tác giả": "Người Thử Bốn" }), // 5
      goodRow("CTL-5", unit, { "Tên sáng kiến": "Mũi tên \u001b[31mđỏ", "Mã tác giả": "DV\u0007KÍN" }), // 6: two cells
      goodRow("CTL-6", "\0=cmd|' /C calc'!A0"), // 7
      goodRow("CTL-7", unit, { "Tên sáng kiến": "Có tab\tvà \u0085 điều khiển C1" }), // 8: a tab is text, U+0085 is not
      goodRow("CTL-8", unit), // 9
    ];
    const before = (await query<{ n: number }>(`SELECT count(*)::int AS n FROM initiative`))[0]!.n;
    const report = await importCsv(db.dataSource, write("controls.csv", portalCsv(rows)), {
      errorFile: path.join(dir, "controls.errors.csv"),
    });
    expect(report).toMatchObject({ rows: 8, inserted: 2, rejected: 6 });
    expect(reasons(report)).toEqual([
      [3, "Tên sáng kiến", "a control character (U+0000) at character 9"],
      [4, "Tác giả", "a control character (U+0000) at character 7"],
      [5, "Mã sáng kiến", "a control character (U+0000) at character 4"],
      [6, "Tên sáng kiến", "a control character (U+001B) at character 9"],
      [6, "Mã tác giả", "a control character (U+0007) at character 3"],
      [7, "Đơn vị", "a control character (U+0000) at character 1"],
      [8, "Tên sáng kiến", "a control character (U+0085) at character 11"],
    ]);
    expect(await query(`SELECT count(*)::int AS n FROM initiative`)).toEqual([{ n: before + 2 }]);
    expect((await stored("CTL")).map((r) => r.portal_code)).toEqual(["CTL-1", "CTL-8"]);

    // Values are shown with their control characters made visible; personal ones not at all.
    const byLine = (line: number) => report.errors.find((e) => e.line === line)!;
    expect(byLine(3).value).toBe("Cải tiến\u2400quy trình");
    expect(byLine(4)).toMatchObject({ value: null, personal: true });
    expect(byLine(5)).toMatchObject({ value: "CTL\u2400-4", portalCode: "CTL\u2400-4" });
    expect(byLine(7).value).toBe("\u2400=cmd|' /C calc'!A0");
    const bytes = fs.readFileSync(report.errorFile!);
    expect(bytes.indexOf(0)).toBe(-1);
    const text = bytes.toString("utf8");
    for (const secret of ["Bí Mật", "KÍN"]) {
      expect(text).not.toContain(secret);
      expect(JSON.stringify(report)).not.toContain(secret);
    }
    // No cell of the error file would run as a formula.
    for (const row of parseCsv(text.slice(1)).slice(1))
      for (const cell of row) expect(cell, cell).not.toMatch(/^[\s\p{Cc}]*[=+\-@]/u);
  });
});

describe("dates and amounts no programme could have", () => {
  it("a date outside the programme's window (01/09/2021–01/09/2024) is a row error, on both sides; the last day of each side loads", async () => {
    const rows = [
      goodRow("WIN-1", unit, { "Ngày nộp": "01/01/2099" }), // line 2
      goodRow("WIN-2", unit, { "Ngày nộp": "01/01/1901", "Ngày duyệt": "02/01/1901" }), // 3: both
      goodRow("WIN-3", unit, { "Ngày duyệt": "01/01/2099 08:00" }), // 4
      goodRow("WIN-4", unit, { "Ngày nộp": "31/08/2021 23:59:59", "Trạng thái": "Đang xem xét", "Ngày duyệt": "" }), // 5
      goodRow("WIN-5", unit, { "Ngày nộp": "01/09/2021", "Ngày duyệt": "01/09/2024 23:59:59" }), // 6: the first and last days
      goodRow("WIN-6", unit, { "Ngày duyệt": "02/09/2024" }), // 7
    ];
    const report = await importCsv(db.dataSource, write("window.csv", portalCsv(rows)), { errorFile: null });
    const outside =
      "the date is outside the programme's window 01/09/2021–01/09/2024 (IMPORT_DATE_FROM, IMPORT_DATE_TO)";
    expect(report).toMatchObject({ rows: 6, inserted: 1, rejected: 5 });
    expect(reasons(report)).toEqual([
      [2, "Ngày nộp", outside],
      [3, "Ngày nộp", outside],
      [3, "Ngày duyệt", outside],
      [4, "Ngày duyệt", outside],
      [5, "Ngày nộp", outside],
      [7, "Ngày duyệt", outside],
    ]);
    expect((await stored("WIN")).map((r) => r.portal_code)).toEqual(["WIN-5"]);
    // The data still runs over the programme's years: every page's default as-of stays in them.
    const state = await new DataStateCache(db.dataSource, 0).current();
    expect(new Date(state.dataStart).getUTCFullYear()).toBeGreaterThanOrEqual(2021);
    expect(new Date(state.dataEnd).toISOString()).toBe("2024-09-01T17:00:00.000Z");
  });

  it("an amount above the ceiling (the whole programme's 33,000 billion đồng) is a row error; the ceiling itself loads, exactly", async () => {
    const rows = [
      goodRow("AMT-1", unit, { "Giá trị làm lợi (đồng)": "9.000.000.000.000.000 đ" }), // line 2: 270 times the programme's benefit
      goodRow("AMT-2", unit, { "Giá trị làm lợi (đồng)": "33.000.000.000.001" }), // 3
      goodRow("AMT-3", unit, { "Giá trị làm lợi (đồng)": "33.000.000.000.000" }), // 4
    ];
    const report = await importCsv(db.dataSource, write("amounts.csv", portalCsv(rows)), { errorFile: null });
    const above = "the amount is above the ceiling of 33,000,000,000,000 đồng (IMPORT_MAX_BENEFIT_VND)";
    expect(report).toMatchObject({ rows: 3, inserted: 1, rejected: 2 });
    expect(reasons(report)).toEqual([
      [2, "Giá trị làm lợi (đồng)", above],
      [3, "Giá trị làm lợi (đồng)", above],
    ]);
    expect(
      await query(`SELECT portal_code, benefit_vnd::text AS benefit FROM initiative WHERE portal_code LIKE 'AMT%'`),
    ).toEqual([{ portal_code: "AMT-3", benefit: "33000000000000" }]);
  });

  it("takes the window and the ceiling it is given (the settings IMPORT_DATE_FROM, IMPORT_DATE_TO, IMPORT_MAX_BENEFIT_VND)", async () => {
    const rows = [
      goodRow("SET-1", unit, { "Ngày nộp": "07/01/2022", "Ngày duyệt": "10/01/2022" }), // line 2: before the portal opened
      goodRow("SET-2", unit, { "Giá trị làm lợi (đồng)": "100.000.001" }), // 3
      goodRow("SET-3", unit, {
        "Ngày nộp": "08/01/2022",
        "Ngày duyệt": "31/12/2023",
        "Giá trị làm lợi (đồng)": "100.000.000",
      }), // 4
    ];
    const limits = { dateFrom: "2022-01-08", dateTo: "2023-12-31", maxBenefitVnd: 100_000_000 };
    const report = await importCsv(db.dataSource, write("settings.csv", portalCsv(rows)), { errorFile: null, limits });
    expect(report).toMatchObject({ rows: 3, inserted: 1, rejected: 2 });
    expect(reasons(report)).toEqual([
      [
        2,
        "Ngày nộp",
        "the date is outside the programme's window 08/01/2022–31/12/2023 (IMPORT_DATE_FROM, IMPORT_DATE_TO)",
      ],
      [3, "Giá trị làm lợi (đồng)", "the amount is above the ceiling of 100,000,000 đồng (IMPORT_MAX_BENEFIT_VND)"],
    ]);
    expect(report.errors[1]!.reason).toMatch(/^số tiền vượt mức trần 100\.000\.000 đồng/);
  });
});

describe("a row that is not UTF-8", () => {
  /** Lines: header 1, rows 2, 3–4 (a line break in its title), 5, 6 (in a legacy code page), 7. */
  function file(endings: string): { bytes: Buffer; byte: number } {
    const rows = [
      goodRow("ENC-1", unit),
      goodRow("ENC-2", unit, { "Tên sáng kiến": "Hai dòng,\nmột sáng kiến" }),
      goodRow("ENC-3", unit),
      goodRow("ENC-4", unit, { "Tên sáng kiến": "Cải tiến bằng Windows-1258" }),
      goodRow("ENC-5", unit),
    ];
    const text = withLineEnds(rows, [endings], endings);
    const bad = text.indexOf("ENC-4");
    const before = Buffer.from(text.slice(0, bad));
    // "ả" written as a single byte, as a legacy code page has it.
    const bytes = Buffer.concat([before, Buffer.from(text.slice(bad), "latin1")]);
    return { bytes, byte: before.length + Buffer.from(text.slice(bad, text.indexOf("ả", bad))).length };
  }

  it.each([
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])("is refused with its line (%s line ends), on this thread or a worker, changing nothing", async (name, endings) => {
    const before = await dataChecksum(db.url);
    const { bytes, byte } = file(endings);
    const message = `the file is not UTF-8 text: line 6 (byte ${byte})`;
    await expect(importCsv(db.dataSource, write(`latin-row-${name}.csv`, bytes))).rejects.toThrow(message);
    await expect(importCsv(db.dataSource, ...threaded(bytes, 7))).rejects.toThrow(message);
    expect(await dataChecksum(db.url)).toBe(before);
    expect(fs.existsSync(path.join(dir, `latin-row-${name}.errors.csv`))).toBe(false);
  });

  it("in the header too, by line", async () => {
    const bytes = Buffer.concat([
      Buffer.from("\r\n\r\n"),
      Buffer.from(portalCsv([goodRow("ENC-6", unit)], { bom: false }), "latin1"),
    ]);
    await expect(importCsv(db.dataSource, write("latin-header.csv", bytes))).rejects.toThrow(
      "the file is not UTF-8 text: line 3 (byte 5)",
    );
  });
});
