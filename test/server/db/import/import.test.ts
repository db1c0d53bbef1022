import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCsv } from "../../../../server/src/db/import/import.service";
import type { ImportReport } from "../../../../server/src/db/import/import-report";
import { Progress } from "../../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../../server/src/db/seed/seed.service";
import { parseCsv } from "../../../e2e/parse-csv";
import { AsOf } from "../../../../server/src/semantic";
import { createTestDatabase } from "../../../setup/test-database";
import { createTestEngine } from "../../../setup/test-engine";
import { byCode, expected, historyFigures } from "../../../setup/status-history-oracle";
import { dataChecksum, goodRow, portalCsv, type PortalRow } from "./portal-csv";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sangkien-import-"));
/** Grassroots unions of the demo hierarchy: [code, name] */
let units: Array<{ code: string; name: string }>;
let duplicateName: string;
let upperUnitCode: string;

const query = async <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => db.dataSource.query(sql, params);

beforeAll(async () => {
  db = await createTestDatabase("import");
  await seedDemoData(db.url, 3, 0.002, new Progress(process.stderr, true));
  units = await query(`SELECT code, name FROM unit WHERE tier = 3 AND name IN
    (SELECT name FROM unit WHERE tier = 3 GROUP BY name HAVING count(*) = 1) ORDER BY id LIMIT 5`);
  // Two grassroots unions with one name: a name alone cannot say which.
  const [a, b] = await query<{ id: number }>(`SELECT id FROM unit WHERE tier = 3 ORDER BY id DESC LIMIT 2`);
  duplicateName = "Công đoàn cơ sở Công ty Trùng Tên";
  await query(`UPDATE unit SET name = $1 WHERE id IN ($2, $3)`, [duplicateName, a!.id, b!.id]);
  upperUnitCode = (await query<{ code: string }>(`SELECT code FROM unit WHERE tier = 1 ORDER BY id LIMIT 1`))[0]!.code;
});

afterAll(async () => {
  await db?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** A realistic mix: 6 good rows (one with a formula-like title), 11 bad ones. Lines: header 1, rows from 2. */
function mixedRows(): PortalRow[] {
  const [u1, u2, u3] = units;
  return [
    goodRow("SK-001", u1!.code), // line 2
    goodRow("SK-002", u2!.name, { "Trạng thái": "Đang xem xét", "Ngày duyệt": "", "Giá trị làm lợi (đồng)": "" }), // 3: by name, pending
    goodRow("SK-003", u3!.code.toLowerCase(), {
      "Giá trị làm lợi (đồng)": "1.234.567 đồng",
      "Mã tác giả": "DV-TEST-1",
      Khối: "Enterprises",
    }), // 4
    goodRow("SK-004", u1!.code, {
      "Ngày nộp": "31/5/2022 23:59:59",
      "Ngày duyệt": "01/06/2022 08:00",
      "Trạng thái": "không hợp lệ",
    }), // 5
    goodRow("SK-005", u1!.code, {
      "Tên sáng kiến": '=HYPERLINK("http://x")',
      "Lĩnh vực": "COVID_PREVENTION",
      "Giá trị làm lợi (đồng)": "0",
    }), // 6
    goodRow("SK-006", u2!.code, { "Tên sáng kiến": 'Dòng có dấu phẩy, "ngoặc kép"\nvà xuống dòng' }), // 7 (two lines)
    goodRow("SK-101", u1!.code, { "Ngày nộp": "30/02/2022" }), // 9: no such day
    goodRow("SK-102", u1!.code, { "Giá trị làm lợi (đồng)": "12,5 triệu", "Tác giả": "Trần Bí Mật" }), // 10: bad amount
    goodRow("SK-103", u1!.code, { Khối: "Nông dân" }), // 11: not a category
    goodRow("SK-104", u1!.code, { "Tác giả": "" }), // 12: empty author
    goodRow("SK-105", "=cmd|' /C calc'!A0", { "Tác giả": "Lê Riêng Tư" }), // 13: unknown unit (formula)
    goodRow("SK-106", duplicateName), // 14: ambiguous
    goodRow("SK-107", upperUnitCode), // 15: not grassroots
    goodRow("SK-001", u2!.code), // 16: repeated code
    goodRow("SK-108", u1!.code, { "Trạng thái": "Đang xem xét" }), // 17: pending with a decision date
    goodRow("SK-109", u1!.code, { "Ngày duyệt": "01/03/2022" }), // 18: decided before submission
    goodRow("SK-110", u1!.code, {
      "Trạng thái": "Hợp lệ",
      "Ngày duyệt": "",
      "Đồng tác giả": "-1",
      "Mã tác giả": "+BÍMẬT",
    }), // 19: two errors
  ];
}

let first: ImportReport;
let mixedFile: string;

describe("importing a portal export", () => {
  it("a file without one good row leaves the demo data as it was", async () => {
    const before = await dataChecksum(db.url);
    const report = await importCsv(db.dataSource, write("all-bad.csv", portalCsv(mixedRows().slice(6, 9))), {
      errorFile: null,
    });
    expect(report).toMatchObject({ rows: 3, inserted: 0, rejected: 3, changed: false, replacedDemoData: false });
    expect(await dataChecksum(db.url)).toBe(before);
    expect(await query(`SELECT kind FROM dataset WHERE is_current`)).toEqual([{ kind: "demo" }]);
  });

  it("loads every good row and reports every bad one with line, column and reason", async () => {
    const before = await query(`SELECT data_version FROM dataset WHERE is_current`);
    mixedFile = write("export.csv", portalCsv(mixedRows()));
    first = await importCsv(db.dataSource, mixedFile);
    expect(first).toMatchObject({
      source: "export.csv",
      rows: 17,
      inserted: 6,
      updated: 0,
      unchanged: 0,
      rejected: 11,
      replacedDemoData: true,
      changed: true,
    });
    const errors = first.errors.map((e) => [e.line, e.column, e.reason.split(" / ")[1]]);
    expect(errors).toEqual([
      [9, "Ngày nộp", "no such day in the calendar"],
      [10, "Giá trị làm lợi (đồng)", "not an amount written the Vietnamese way (e.g. 1.234.567 đ)"],
      [11, "Khối", "not in the catalogue"],
      [12, "Tác giả", "the author's name is empty"],
      [13, "Đơn vị", "no unit has this code or name"],
      [14, "Đơn vị", "2 grassroots unions have this name: use the unit code"],
      [15, "Đơn vị", "this is an upper-level union: a grassroots union is needed"],
      [16, "Mã sáng kiến", "the same portal code as line 2: only the first row of a code is read"],
      [17, "Ngày duyệt", "a pending initiative has no decision date"],
      [18, "Ngày duyệt", "the decision date is before the submission date"],
      [19, "Ngày duyệt", "the decision date of a decided initiative is missing"],
      [19, "Đồng tác giả", "not a whole number from 0"],
    ]);
    expect(first.errorFile).toBe(path.join(dir, "export.errors.csv"));

    // The demo data is gone: only the file's rows, and the dataset says so.
    const [dataset] = await query(
      `SELECT kind, initiative_count::int AS n, data_version FROM dataset WHERE is_current`,
    );
    expect(dataset).toMatchObject({ kind: "imported", n: 6 });
    expect(dataset.data_version).not.toBe(before[0].data_version);
    expect(first.dataVersion).toBe(dataset.data_version);
    expect(await query(`SELECT count(*)::int AS n FROM initiative WHERE portal_code IS NULL`)).toEqual([{ n: 0 }]);
  });

  it("stores each value as the portal meant it", async () => {
    const rows = await query(`
      SELECT i.portal_code, d.title, u.code AS unit, to_char(i.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI:SS') AS submitted,
             i.phase_id, w.code AS category, s.code AS status, i.decided_at IS NOT NULL AS decided, i.benefit_vnd::text AS benefit,
             f.code AS field, i.co_authors, a.full_name, a.member_code, i.top_unit_id = u.top_unit_id AS same_top,
             i.province_code = u.province_code AS same_province
        FROM initiative i JOIN initiative_detail d ON d.initiative_id = i.id JOIN unit u ON u.id = i.grassroots_unit_id
        JOIN worker_category w ON w.id = i.worker_category_id JOIN initiative_status s ON s.id = i.status_id
        JOIN initiative_field f ON f.id = i.field_id JOIN author a ON a.id = i.lead_author_id ORDER BY i.portal_code`);
    expect(rows.map((r) => r.portal_code)).toEqual(["SK-001", "SK-002", "SK-003", "SK-004", "SK-005", "SK-006"]);
    expect(rows[0]).toMatchObject({
      unit: units[0]!.code,
      submitted: "15/03/2022 09:30:00",
      phase_id: 1,
      category: "ENTERPRISE",
      status: "VALID",
      benefit: "12500000",
      field: "PRODUCTION_BUSINESS",
      co_authors: 2,
      full_name: "Người Thử SK-001",
      same_top: true,
      same_province: true,
    });
    expect(rows[1]).toMatchObject({ unit: units[1]!.code, status: "PENDING", decided: false, benefit: null });
    expect(rows[2]).toMatchObject({
      unit: units[2]!.code,
      benefit: "1234567",
      member_code: "DV-TEST-1",
      category: "ENTERPRISE",
    });
    expect(rows[3]).toMatchObject({ submitted: "31/05/2022 23:59:59", phase_id: 1, status: "INVALID" });
    expect(rows[4]).toMatchObject({ title: '=HYPERLINK("http://x")', field: "COVID_PREVENTION", benefit: "0" });
    expect(rows[5]!.title).toBe('Dòng có dấu phẩy, "ngoặc kép"\nvà xuống dòng');
    // History: pending at submission, then the decision.
    const history =
      await query(`SELECT h.status_id FROM initiative_status_change h JOIN initiative i ON i.id = h.initiative_id
      WHERE i.portal_code = 'SK-004' ORDER BY h.changed_at`);
    expect(history.map((h) => h.status_id)).toEqual([1, 3]);
  });

  it("writes an error file Excel opens, with formulas neutralised and no author's name or member code", async () => {
    const bytes = fs.readFileSync(first.errorFile!);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = bytes.toString("utf8").slice(1);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([
      "Dòng / Line",
      "Mã sáng kiến / Portal code",
      "Cột / Column",
      "Giá trị / Value",
      "Lý do / Reason",
    ]);
    expect(rows).toHaveLength(1 + first.errors.length);
    const unknownUnit = rows.find((r) => r[0] === "13")!;
    expect(unknownUnit[3]).toBe("'=cmd|' /C calc'!A0");
    const memberCode = rows.find((r) => r[0] === "19" && r[2] === "Đồng tác giả")!;
    expect(memberCode[3]).toBe("'-1");
    expect(rows.find((r) => r[0] === "12")![3]).toMatch(/hidden: personal data/);
    for (const secret of ["Trần Bí Mật", "Lê Riêng Tư", "BÍMẬT", "Người Thử"]) {
      expect(text).not.toContain(secret);
      expect(JSON.stringify(first)).not.toContain(secret);
    }
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await dataChecksum(db.url);
    const again = await importCsv(db.dataSource, mixedFile);
    expect(again).toMatchObject({
      rows: 17,
      inserted: 0,
      updated: 0,
      unchanged: 6,
      rejected: 11,
      changed: false,
      replacedDemoData: false,
      dataVersion: first.dataVersion,
      initiativeCount: 6,
    });
    expect(await dataChecksum(db.url)).toBe(before);
  });

  it("reads a large file the same way on a worker thread, in batches cut anywhere between records", async () => {
    const before = await dataChecksum(db.url);
    // A declared size above the threshold sends the file to a worker; 40-byte chunks cut it into
    // many batches, some ending inside quoted cells (SK-006's title spans two lines).
    const bytes = fs.readFileSync(mixedFile);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 40) }, (_, i) => bytes.subarray(i * 40, i * 40 + 40));
    const threaded = await importCsv(db.dataSource, Readable.from(chunks), {
      sourceName: "export.csv",
      totalBytes: 64 << 20,
      errorFile: null,
    });
    expect(threaded).toMatchObject({ rows: 17, inserted: 0, updated: 0, unchanged: 6, rejected: 11, changed: false });
    expect(threaded.errors).toEqual(first.errors);
    expect(await dataChecksum(db.url)).toBe(before);
  });

  it("updates a changed row and appends its status change with its instant", async () => {
    const rows = mixedRows();
    rows[1] = {
      ...rows[1],
      "Trạng thái": "Hợp lệ",
      "Ngày duyệt": "20/04/2022 10:00",
      "Giá trị làm lợi (đồng)": "3.000.000",
    };
    rows[2] = { ...rows[2], "Tên sáng kiến": "Tên đã sửa" };
    rows.push(goodRow("SK-007", units[3]!.code));
    const report = await importCsv(db.dataSource, write("export-2.csv", portalCsv(rows)));
    expect(report).toMatchObject({
      inserted: 1,
      updated: 2,
      unchanged: 4,
      changed: true,
      replacedDemoData: false,
      initiativeCount: 7,
    });
    expect(Number(report.dataVersion)).toBeGreaterThan(Number(first.dataVersion));
    const [row] = await query(
      `SELECT i.status_id, i.benefit_vnd::int AS benefit, i.decided_at FROM initiative i WHERE portal_code = 'SK-002'`,
    );
    expect(row).toMatchObject({ status_id: 2, benefit: 3_000_000 });
    const history =
      await query(`SELECT h.status_id, h.changed_at FROM initiative_status_change h JOIN initiative i ON i.id = h.initiative_id
      WHERE i.portal_code = 'SK-002' ORDER BY h.changed_at`);
    expect(history.map((h) => h.status_id)).toEqual([1, 2]);
    expect(history[1].changed_at.toISOString()).toBe("2022-04-20T03:00:00.000Z");
    expect(
      await query(
        `SELECT title FROM initiative_detail d JOIN initiative i ON i.id = d.initiative_id WHERE portal_code = 'SK-003'`,
      ),
    ).toEqual([{ title: "Tên đã sửa" }]);
    // Ids of new rows come after the existing ones; nothing else moved.
    expect(await query(`SELECT count(*)::int AS n FROM dataset WHERE is_current`)).toEqual([{ n: 1 }]);
  });
});

describe("what a file may look like", () => {
  it("reads a file without BOM, with semicolons, English and unaccented headers, and other ways to write dates and amounts", async () => {
    const headers = [
      "ma sang kien",
      "Title",
      "FIELD",
      "Unit code",
      "NGÀY NỘP",
      "Status",
      "Decision date",
      "Benefit",
      "Worker category",
      "Solution type",
      "Author",
      "Member code",
      "Co-authors",
      "Ghi chú",
    ];
    const rows = [
      goodRow("EN-1", units[0]!.code, {
        "Ngày nộp": "1/6/2022",
        "Ngày duyệt": "1/6/2022 7:05",
        "Giá trị làm lợi (đồng)": "1234567 VND",
        "Lĩnh vực": "Education",
        "Trạng thái": "valid",
        Khối: "union officers",
        "Loại giải pháp": "management solution",
      }),
      goodRow("EN-2", units[0]!.code, {
        "Ngày nộp": "08/01/2022 00:00:01",
        "Giá trị làm lợi (đồng)": "2 500 000 ₫",
        "Đồng tác giả": "",
      }),
    ];
    const [head, ...lines] = portalCsv(rows, { bom: false, delimiter: ";", headers }).trimEnd().split("\r\n");
    const text = [head, ...lines.map((l) => `${l};ghi chú`)].join("\n");
    const report = await importCsv(db.dataSource, Readable.from([Buffer.from(text)]), { sourceName: "upload.csv" });
    expect(report).toMatchObject({
      source: "upload.csv",
      rows: 2,
      inserted: 2,
      rejected: 0,
      errorFile: null,
      ignoredColumns: ["Ghi chú"],
    });
    const stored =
      await query(`SELECT portal_code, submitted_at, decided_at, benefit_vnd::bigint::text AS benefit, phase_id, field_id,
      worker_category_id, solution_type_id, co_authors FROM initiative WHERE portal_code LIKE 'EN-%' ORDER BY portal_code`);
    expect(stored[0]).toMatchObject({
      benefit: "1234567",
      phase_id: 2,
      field_id: 7,
      worker_category_id: 3,
      solution_type_id: 2,
    });
    expect(stored[0].submitted_at.toISOString()).toBe("2022-05-31T17:00:00.000Z");
    expect(stored[0].decided_at.toISOString()).toBe("2022-06-01T00:05:00.000Z");
    expect(stored[1]).toMatchObject({ benefit: "2500000", phase_id: 1, co_authors: 0 });
    expect(stored[1].submitted_at.toISOString()).toBe("2022-01-07T17:00:01.000Z");
  });

  it("reads only the first row of a portal code, even when that row is bad: the later ones are reported, none is loaded", async () => {
    const rows = [
      goodRow("RP-1", units[0]!.code, { "Ngày nộp": "31/02/2022" }), // line 2: bad
      goodRow("RP-1", units[0]!.code), // 3: good, but a repeat
      goodRow("RP-2", units[1]!.code), // 4
      goodRow("RP-2", "no such unit"), // 5: a repeat, and a bad unit
    ];
    const report = await importCsv(db.dataSource, write("repeats.csv", portalCsv(rows)));
    expect(report).toMatchObject({ rows: 4, inserted: 1, rejected: 3 });
    expect(report.errors.map((e) => [e.line, e.column, e.reason.split(" / ")[1]])).toEqual([
      [2, "Ngày nộp", "no such day in the calendar"],
      [3, "Mã sáng kiến", "the same portal code as line 2: only the first row of a code is read"],
      [5, "Mã sáng kiến", "the same portal code as line 4: only the first row of a code is read"],
      [5, "Đơn vị", "no unit has this code or name"],
    ]);
    expect(await query(`SELECT portal_code FROM initiative WHERE portal_code LIKE 'RP-%'`)).toEqual([
      { portal_code: "RP-2" },
    ]);
  });

  it("stops with one clear reason, changing nothing, when a required column is missing or the file is not UTF-8", async () => {
    const before = await dataChecksum(db.url);
    const missing = portalCsv([goodRow("X-1", units[0]!.code)], { headers: ["Mã sáng kiến", "Tên sáng kiến"] });
    await expect(importCsv(db.dataSource, write("missing.csv", missing))).rejects.toThrow(
      /missing columns: "Lĩnh vực", "Đơn vị", "Ngày nộp"/,
    );
    const latin = Buffer.from(portalCsv([goodRow("X-2", units[0]!.code)]).slice(1), "latin1");
    fs.writeFileSync(path.join(dir, "latin.csv"), latin);
    // "Mã": the "ã" is byte 1, on line 1.
    await expect(importCsv(db.dataSource, path.join(dir, "latin.csv"))).rejects.toThrow(
      "the file is not UTF-8 text: line 1 (byte 1)",
    );
    // A UTF-8 header, then a row in a legacy code page: its line is named, and the byte ("ả" of "X-3,Cải").
    const utf8 = portalCsv([goodRow("X-3", units[0]!.code)]);
    const header = Buffer.from(utf8.slice(0, utf8.indexOf("\r\n") + 2), "utf8");
    fs.writeFileSync(
      path.join(dir, "latin-row.csv"),
      Buffer.concat([header, Buffer.from(utf8.slice(utf8.indexOf("\r\n") + 2), "latin1")]),
    );
    await expect(importCsv(db.dataSource, path.join(dir, "latin-row.csv"))).rejects.toThrow(
      `not UTF-8 text: line 2 (byte ${header.length + 5})`,
    );
    expect(await dataChecksum(db.url)).toBe(before);
    expect(fs.existsSync(path.join(dir, "missing.errors.csv"))).toBe(false);
  });
});

describe("a later file that re-decides an initiative", () => {
  it("appends each change with its instant, and as-of answers follow the history (base table and rollups)", async () => {
    const unit = units[4]!.code;
    const row = (status: string, decided: string) =>
      goodRow("RD-1", unit, { "Trạng thái": status, "Ngày duyệt": decided });
    // Valid, then invalid on review, then valid again on appeal: three files, one row each.
    await importCsv(db.dataSource, write("redecide-1.csv", portalCsv([row("Hợp lệ", "02/04/2022 10:00")])));
    const reviewed = await importCsv(
      db.dataSource,
      write("redecide-2.csv", portalCsv([row("Không hợp lệ", "10/05/2022 14:00")])),
    );
    expect(reviewed).toMatchObject({ inserted: 0, updated: 1, changed: true });
    await importCsv(db.dataSource, write("redecide-3.csv", portalCsv([row("Hợp lệ", "20/06/2022 09:00")])));
    const history = await query(`SELECT h.status_id, h.changed_at FROM initiative_status_change h
      JOIN initiative i ON i.id = h.initiative_id WHERE i.portal_code = 'RD-1' ORDER BY h.changed_at`);
    expect(history.map((h) => [h.status_id, h.changed_at.toISOString()])).toEqual([
      [1, "2022-03-15T02:30:00.000Z"],
      [2, "2022-04-02T03:00:00.000Z"],
      [3, "2022-05-10T07:00:00.000Z"],
      [2, "2022-06-20T02:00:00.000Z"],
    ]);
    const service = createTestEngine(db.dataSource, { answersKept: 0 });
    const ctx = { requestId: "test", locale: "vi" as const, role: "leadership" as const };
    const measures = ["valid", "invalid", "pending", "benefitVnd"];
    const ask = (asOf: AsOf, useRollups = true) =>
      service.run(ctx, { measures, dimensions: ["topUnit"], asOf, limit: 1000, useRollups });
    const valid = async (instant: string) => {
      const figures = [...byCode(await ask(AsOf.at(Date.parse(instant)))).values()];
      return figures.reduce((sum, f) => sum + f.valid!, 0);
    };
    // Valid from its first decision to the review, invalid until the appeal, valid again after it.
    expect((await valid("2022-05-10T07:00:00.001Z")) - (await valid("2022-05-10T07:00:00.000Z"))).toBe(-1);
    expect((await valid("2022-06-20T02:00:00.001Z")) - (await valid("2022-06-20T02:00:00.000Z"))).toBe(1);
    for (const instant of history.flatMap((h) => [h.changed_at.getTime(), h.changed_at.getTime() + 1])) {
      expect(byCode(await ask(AsOf.at(instant))), new Date(instant).toISOString()).toEqual(
        expected(await historyFigures(db.dataSource, new Date(instant)), measures),
      );
    }
    for (const day of [
      "2022-04-01",
      "2022-04-02",
      "2022-05-09",
      "2022-05-10",
      "2022-06-19",
      "2022-06-20",
      "2022-06-30",
    ]) {
      const viaRollup = await ask(AsOf.parse(day));
      expect(viaRollup.source, day).not.toBe("initiative");
      expect(byCode(viaRollup), day).toEqual(
        expected(await historyFigures(db.dataSource, new Date(AsOf.parse(day).before)), measures),
      );
    }
  });
});
