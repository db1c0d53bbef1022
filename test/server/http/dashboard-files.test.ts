import fs from "node:fs";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Progress } from "../../../server/src/db/seed/progress";
import { seedDemoData } from "../../../server/src/db/seed/seed.service";
import { ROOT } from "../../setup/processes";
import { createTestDatabase } from "../../setup/test-database";
import { startTestServer, type TestServer } from "../../setup/test-server";
import { rawRequest } from "./raw-request";
import vi from "../../../client/src/locales/vi.json";

/** The dashboard's pages: each route gets index.html, which says so when the data is synthetic, even without JavaScript. */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, "client/dist/index.html")))
    throw new Error("client/dist/index.html is missing: run npm run build:client (npm test does)");
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
      // The banner painted with the HTML, before any script, in the dashboard's own words.
      expect(html).toContain(`<p role="note" data-role="synthetic-banner">${vi.app.synthetic}</p>`);
    }
    // What an import does to the dataset record: another version, of imported data.
    await db.dataSource.query(`UPDATE dataset SET kind = 'imported', data_version = data_version + 1 WHERE is_current`);
    await expect
      .poll(async () => (await page("/don-vi/LDLD-38")).includes("Synthetic demo data"), { timeout: 5000 })
      .toBe(false);
  });
});

/** Served as a CDN would (issue 18): precompressed files, a year of caching for hashed assets, compressed JSON. */
describe("compression and caching", () => {
  const assets = () => fs.readdirSync(path.join(ROOT, "client/dist/assets"));
  const get = (route: string, encoding: string, init: RequestInit = {}) =>
    rawRequest(server.base, {
      path: route,
      headers: { "accept-encoding": encoding, ...(init.headers as Record<string, string> | undefined) },
    });

  it("sends a hashed script as the build's brotli copy, or its gzip copy, cached for a year", async () => {
    const script = assets().find((f) => f.endsWith(".js") && assets().includes(`${f}.br`))!;
    expect(script).toBeDefined();
    const br = await get(`/assets/${script}`, "gzip, deflate, br");
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(br.headers["content-type"]).toMatch(/javascript/);
    expect(Number(br.headers["content-length"])).toBe(
      fs.statSync(path.join(ROOT, "client/dist/assets", `${script}.br`)).size,
    );
    const original = fs.readFileSync(path.join(ROOT, "client/dist/assets", script));
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true);
    const gz = await get(`/assets/${script}`, "gzip");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).equals(original)).toBe(true);
    const plain = await get(`/assets/${script}`, "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
  });

  it("compresses GraphQL's JSON answers and keeps the security headers", async () => {
    const query = encodeURIComponent(
      "{ meta { measures { name labelVi labelEn descriptionVi } dimensions { name labelVi labelEn } } }",
    );
    const answer = await get(`/graphql?query=${query}`, "br", { headers: { accept: "application/json" } });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(answer.headers.vary).toMatch(/Accept-Encoding/i);
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    expect(JSON.parse(brotliDecompressSync(answer.body).toString("utf8")).data.meta.measures.length).toBeGreaterThan(5);
    const page = await get("/chi-tieu", "br");
    expect(page.headers["content-security-policy"]).toBeDefined();
  });
});
