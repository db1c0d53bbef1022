import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../../../server/src/auth/token.service";
import { Progress } from "../../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../../server/src/db/seed/seed.service";
import { createTestDatabase } from "../../../setup/test-database";
import { startTestServer, type TestServer } from "../../../setup/test-server";
import { goodRow, portalCsv } from "./portal-csv";

/** The files of the issue, sent as it sent them: to POST /admin/import on the real HTTP server. */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;
let admin: string;
let unit: string;

beforeAll(async () => {
  db = await createTestDatabase("import_hostile_upload");
  await seedDemoData(db.url, 5, 0.002, new Progress(process.stderr, true));
  server = await startTestServer(db.dataSource);
  admin = (await createToken(db.dataSource, "admin", "Quản trị")).token;
  [{ code: unit }] = await db.dataSource.query(`SELECT code FROM unit WHERE tier = 3 ORDER BY id LIMIT 1`);
});

afterAll(async () => {
  await server?.close();
  await db?.drop();
});

async function upload(file: Buffer | string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.base}/admin/import?name=portal.csv`, {
    method: "POST",
    body: typeof file === "string" ? file : new Blob([new Uint8Array(file)]),
    headers: { "content-type": "text/csv", authorization: `Bearer ${admin}` },
  });
  return { status: response.status, body: await response.json() };
}

describe("POST /admin/import with a sloppy or hostile file", () => {
  it("reads a file with CR line ends (it answered 200 with 0 rows read)", async () => {
    const text = portalCsv([goodRow("UP-1", unit), goodRow("UP-2", unit), goodRow("UP-3", "không có")]).replace(
      /\r\n/g,
      "\r",
    );
    const { status, body } = await upload(text);
    expect(status).toBe(200);
    expect(body.data.import).toMatchObject({ rows: 3, inserted: 2, rejected: 1 });
    expect(body.data.import.errors).toMatchObject([{ line: 4, column: "Đơn vị" }]);
  });

  it("reports a NUL in a title, an author or a code as row errors and loads the rest (it answered 500)", async () => {
    const { status, body } = await upload(
      portalCsv([
        goodRow("UP-4", unit, { "Tên sáng kiến": "Tên\0có NUL" }),
        goodRow("UP-5", unit, { "Tác giả": "Bí\0Mật" }),
        goodRow("UP\0-6", unit, { "Tên sáng kiến": "Mã có NUL", "Tác giả": "Người Thử" }),
        goodRow("UP-7", unit),
      ]),
    );
    expect(status).toBe(200);
    expect(body.data.import).toMatchObject({ rows: 4, inserted: 1, rejected: 3 });
    expect(body.data.import.errors.map((e: any) => [e.line, e.column])).toEqual([
      [2, "Tên sáng kiến"],
      [3, "Tác giả"],
      [4, "Mã sáng kiến"],
    ]);
    expect(JSON.stringify(body)).not.toMatch(/Bí|\\u0000/);
  });

  it("names the line of a row that is not UTF-8 (it named a byte)", async () => {
    const text = portalCsv([goodRow("UP-8", unit), goodRow("UP-9", unit)]);
    const second = text.indexOf("UP-9");
    const { status, body } = await upload(
      Buffer.concat([Buffer.from(text.slice(0, second)), Buffer.from(text.slice(second), "latin1")]),
    );
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(body.errors[0].message).toMatch(/the file is not UTF-8 text: line 3 \(byte \d+\)/);
  });

  it("refuses dates and amounts no programme could have, row by row", async () => {
    const { status, body } = await upload(
      portalCsv([
        goodRow("UP-10", unit, { "Ngày nộp": "01/01/2099" }),
        goodRow("UP-11", unit, { "Ngày nộp": "01/01/1901", "Ngày duyệt": "01/02/1901" }),
        goodRow("UP-12", unit, { "Giá trị làm lợi (đồng)": "9.000.000.000.000.000" }),
        goodRow("UP-13", unit),
      ]),
    );
    expect(status).toBe(200);
    expect(body.data.import).toMatchObject({ rows: 4, inserted: 1, rejected: 3 });
    expect(body.data.import.errors.map((e: any) => [e.line, e.column])).toEqual([
      [2, "Ngày nộp"],
      [3, "Ngày nộp"],
      [3, "Ngày duyệt"],
      [4, "Giá trị làm lợi (đồng)"],
    ]);
    const { data } = await server.graphql("{ dataset { initiativeCount } }");
    expect(data.dataset.initiativeCount).toBe(2 + 1 + 1);
  });

  it("checks an upload against the server's own settings, not only the defaults", async () => {
    const strict = await startTestServer(db.dataSource, 5000, {
      importLimits: { dateFrom: "2022-01-01", dateTo: "2022-12-31", maxBenefitVnd: 100_000_000 },
    });
    try {
      const response = await fetch(`${strict.base}/admin/import?name=portal.csv`, {
        method: "POST",
        headers: { "content-type": "text/csv", authorization: `Bearer ${admin}` },
        body: portalCsv([
          goodRow("UP-14", unit, { "Giá trị làm lợi (đồng)": "150.000.000 đ" }),
          goodRow("UP-15", unit, { "Ngày nộp": "15/03/2023 09:30", "Ngày duyệt": "02/04/2023" }),
          goodRow("UP-16", unit),
        ]),
      });
      const body = (await response.json()) as {
        data: { import: { rows: number; inserted: number; errors: Array<{ line: number; column: string }> } };
      };
      expect(body.data.import).toMatchObject({ rows: 3, inserted: 1 });
      expect(body.data.import.errors.map((e) => [e.line, e.column])).toEqual([
        [2, "Giá trị làm lợi (đồng)"],
        [3, "Ngày nộp"],
        [3, "Ngày duyệt"],
      ]);
    } finally {
      await strict.close();
    }
  });
});
