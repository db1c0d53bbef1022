import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../../server/src/auth/token.service";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";
import { goodRow, portalCsv } from "../db/import/portal-csv";

/** The admin-only upload of a portal export, through the real HTTP server. */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;
let admin: string;
let leadership: string;
let units: Array<{ code: string }>;

beforeAll(async () => {
  db = await createTestDatabase("admin_import");
  await seedDemoData(db.url, 5, 0.002, new Progress(process.stderr, true));
  server = await startTestServer(db.dataSource);
  admin = (await createToken(db.dataSource, "admin", "Quản trị")).token;
  leadership = (await createToken(db.dataSource, "leadership", "Lãnh đạo")).token;
  units = await db.dataSource.query(`SELECT code FROM unit WHERE tier = 3 ORDER BY id LIMIT 2`);
});

afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const upload = (body: string, token?: string) =>
  fetch(`${server.base}/admin/import?name=portal.csv`, {
    method: "POST",
    body,
    headers: { "content-type": "text/csv", ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });

describe("POST /admin/import", () => {
  const csv = () =>
    portalCsv([
      goodRow("WEB-1", units[0]!.code),
      goodRow("WEB-2", units[1]!.code, { "Ngày nộp": "31/02/2022", "Tác giả": "Nguyễn Bí Mật" }),
    ]);

  it("is refused without a token (401) and to leadership (403)", async () => {
    expect((await upload(csv())).status).toBe(401);
    const forbidden = await upload(csv(), leadership);
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as any).errors[0].extensions.code).toBe("FORBIDDEN");
  });

  it("loads the good rows, reports the bad ones without personal data, and moves the data version", async () => {
    const before = (await server.graphql("{ dataset { dataVersion } }")).data.dataset.dataVersion;
    const importsTimed = async () =>
      Number(
        /^sangkien_import_duration_seconds_count (\d+)$/m.exec(
          await (await fetch(`${server.base}/metrics`)).text(),
        )?.[1],
      );
    const timedBefore = await importsTimed();
    const response = await upload(csv(), admin);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain("Nguyễn Bí Mật");
    const report = (JSON.parse(text) as any).data.import;
    expect(report).toMatchObject({
      source: "portal.csv",
      rows: 2,
      inserted: 1,
      rejected: 1,
      changed: true,
      replacedDemoData: true,
    });
    expect(report.errors[0]).toMatchObject({ line: 3, column: "Ngày nộp" });
    expect(report.dataVersion).not.toBe(before);
    expect(await importsTimed()).toBe(timedBefore + 1);
    await expect
      .poll(
        async () => (await server.graphql("{ dataset { dataVersion kind synthetic initiativeCount } }")).data.dataset,
        { timeout: 5000 },
      )
      .toMatchObject({ dataVersion: report.dataVersion, kind: "imported", synthetic: false, initiativeCount: 1 });
    const again = (await (await upload(csv(), admin)).json()) as any;
    expect(again.data.import).toMatchObject({ unchanged: 1, inserted: 0, changed: false });
  });

  it("says what is wrong with a file that cannot be read, and changes nothing", async () => {
    const response = await upload("không phải CSV của cổng\r\n1,2\r\n", admin);
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].message).toMatch(/nothing changed/);
  });
});
