import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { ROOT } from "../../setup/processes";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";

/** The dashboard's pages: each route gets index.html, which says so when the data is synthetic, even without JavaScript. */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, "client/dist/index.html"))) throw new Error("client/dist/index.html is missing: run npm run build:client (npm test does)");
  db = await createTestDatabase("dashboard_files");
  await seedDemoData(db.url, 5, 0.002, new Progress(process.stderr, true));
  server = await startTestServer(db.dataSource);
});

afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const page = async (route: string) => {
  const response = await fetch(`${server.base}${route}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-cache");
  return response.text();
};

describe("dashboard routes", () => {
  it("carry the synthetic-data notice for readers without JavaScript while the demo data is loaded, and drop it once real data is", async () => {
    for (const route of ["/", "/don-vi/LDLD-38", "/chi-tieu"]) {
      const html = await page(route);
      expect(html).toContain('<div id="app"></div>');
      expect(html).toMatch(/<noscript>[\s\S]*Synthetic demo data, not real figures/);
    }
    // What an import does to the dataset record: another version, of imported data.
    await db.dataSource.query(`UPDATE dataset SET kind = 'imported', data_version = data_version + 1 WHERE is_current`);
    await expect.poll(async () => (await page("/don-vi/LDLD-38")).includes("Synthetic demo data"), { timeout: 5000 }).toBe(false);
  });
});
