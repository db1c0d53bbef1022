import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Progress } from "../../server/src/db/seed/progress";
import { seedDemoData } from "../../server/src/db/seed/seed.service";
import { createTestDatabase } from "../setup/test-database";
import { startTestServer, type TestServer } from "../setup/test-server";
import { ROOT } from "../setup/processes";
import { parseCsv } from "./parse-csv";
import { collectProblems, describeInChromium, launchChromium } from "./browser";
import { chartDrawn, drawEveryChart } from "./chart-text";

/**
 * The dashboard in a real Chromium, against the real server and a small seeded database.
 * Screenshots of each view go to test-artifacts/.
 */
const ARTIFACTS = path.join(ROOT, "test-artifacts");
const vi = (n: number) => new Intl.NumberFormat("vi-VN").format(n);

describeInChromium("dashboard in Chromium", (chromiumPath) => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const graphqlRequests: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, "client/dist/index.html")))
      throw new Error("client/dist is missing: run npm run build:client (npm test does)");
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    db = await createTestDatabase("e2e_dashboard");
    await seedDemoData(db.url, 7, 0.02, new Progress(process.stderr, true));
    server = await startTestServer(db.dataSource);
    browser = await launchChromium(chromiumPath);
    context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
      locale: "vi-VN",
    });
    page = await context.newPage();
    collectProblems(page, problems);
    page.on("request", (request) => {
      if (request.url().includes("/graphql")) graphqlRequests.push(request.url());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.drop();
  });

  const kpiText = (measure: string) => page.locator(`[data-kpi="${measure}"] [data-role="value"]`).innerText();
  const overviewApi = async (asOf?: string) =>
    (await server.graphql(`query($asOf: AsOf) { overview(asOf: $asOf) { asOfDate kpis { measure value } } }`, { asOf }))
      .data.overview;

  it("opens on the overview with the API's KPI figures, in at most 2 GraphQL requests", async () => {
    graphqlRequests.length = 0;
    await page.goto(`${server.base}/`);
    await page.locator('[data-kpi="submissions"] [data-role="value"]').waitFor();
    const api = await overviewApi();
    const submissions = api.kpis.find((k: { measure: string }) => k.measure === "submissions").value;
    const valid = api.kpis.find((k: { measure: string }) => k.measure === "valid").value;
    expect(await kpiText("submissions")).toBe(vi(submissions));
    expect(await kpiText("valid")).toBe(vi(valid));
    await chartDrawn(page, "provinceMap");
    expect(graphqlRequests.length).toBeLessThanOrEqual(2);
    await expect(page.locator('[data-role="synthetic-banner"]').innerText()).resolves.toContain("Dữ liệu mẫu");
    await drawEveryChart(page);
    await page.screenshot({ path: path.join(ARTIFACTS, "overview.png"), fullPage: true });
  });

  it("changing the as-of date changes the URL and the figures; Back restores both", async () => {
    const input = page.locator('[data-control="asOf"]');
    await input.fill("31/5/2022");
    await input.press("Enter");
    await page.waitForURL(/asOf=2022-05-31/);
    const api = await overviewApi("2022-05-31");
    const expected = vi(api.kpis.find((k: { measure: string }) => k.measure === "submissions").value);
    await expect.poll(() => kpiText("submissions")).toBe(expected);
    await expect(page.locator('[data-chart="workerShares"] figcaption').innerText()).resolves.toContain(
      "24h ngày 31/5/2022",
    );
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes("asOf"));
    const latest = await overviewApi();
    await expect
      .poll(() => kpiText("submissions"))
      .toBe(vi(latest.kpis.find((k: { measure: string }) => k.measure === "submissions").value));
  });

  it("downloads a CSV that parses and matches the table view", async () => {
    const panel = page.locator('[data-chart="workerShares"]');
    const [download] = await Promise.all([page.waitForEvent("download"), panel.locator('[data-action="csv"]').click()]);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const records = parseCsv(csv.slice(1)).filter((r) => r.some(Boolean));
    // Units in the headers, shares as percentages (0–100); the citation is in the metadata, not in the table.
    expect(records[0]).toEqual(["Khối", "Lượt nộp", "Tỷ trọng (%)"]);
    expect(download.suggestedFilename()).toMatch(/^co-cau-luot-nop-theo-khoi-\d{4}-\d{2}-\d{2}\.csv$/);
    await panel.locator('[data-action="table"]').click();
    const cells = await panel
      .locator("tbody tr")
      .evaluateAll((rows) =>
        rows.map((r) => Array.from(r.querySelectorAll("td"), (td) => td.getAttribute("data-value"))),
      );
    const csvRows = records.slice(1);
    expect(csvRows.map((r) => r.slice(0, 2))).toEqual(cells.map((r) => r.slice(0, 2)));
    csvRows.forEach((row, i) => expect(Number(row[2])).toBeCloseTo(Number(cells[i]![2]) * 100, 8));
    expect(csvRows.reduce((sum, row) => sum + Number(row[2]), 0)).toBeCloseTo(100, 8);
    await panel.locator('[data-action="table"]').click();
  });

  it("downloads a PNG with the chart", async () => {
    const panel = page.locator('[data-chart="cumulative"]');
    const [download] = await Promise.all([page.waitForEvent("download"), panel.locator('[data-action="png"]').click()]);
    const png = fs.readFileSync((await download.path())!);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(download.suggestedFilename()).toMatch(/^luot-nop-cong-don-theo-ngay-\d{4}-\d{2}-\d{2}\.png$/);
    expect(png.length).toBeGreaterThan(20_000);
  });

  it("hovering a province shows its name and figure; a click opens its federation", async () => {
    const map = page.locator('[data-chart="provinceMap"] .chart');
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    const tooltip = page.locator('[data-chart="provinceMap"] .chart div:has(> strong)').first();
    let found: { name: string; text: string; x: number; y: number } | undefined;
    // Scan the upper half of the map (the north is wide and dense) until a tooltip appears.
    for (let gy = 0.08; gy < 0.6 && !found; gy += 0.04) {
      for (let gx = 0.2; gx < 0.8 && !found; gx += 0.04) {
        const x = box.x + box.width * gx;
        const y = box.y + box.height * gy;
        await page.mouse.move(x, y);
        if (await tooltip.isVisible().catch(() => false)) {
          const name = await tooltip
            .locator("strong")
            .innerText()
            .catch(() => "");
          if (name) found = { name, text: await tooltip.innerText(), x, y };
        }
      }
    }
    expect(found, "no province answered the mouse").toBeDefined();
    const api = await server.graphql(
      `{ analytics(query: { measures: [submissions], dimensions: [province], limit: 100 }) { rows { dimensions { code label } values { value } } } }`,
    );
    const province = api.data.analytics.rows.find(
      (r: { dimensions: Array<{ label: string }> }) => r.dimensions[0]!.label === found!.name,
    );
    expect(province, `${found!.name} is not a province of the API`).toBeDefined();
    expect(found!.text).toContain(`Lượt nộp: ${vi(province.values[0].value)}`);
    await page.mouse.click(found!.x, found!.y);
    await page.waitForURL(new RegExp(`/don-vi/LDLD-${province.dimensions[0].code}`));
    await expect.poll(() => page.locator('[data-role="unit-name"]').innerText()).toContain(found!.name);
  });

  it("the unit search finds “thanh hoa” without diacritics", async () => {
    await page.goto(`${server.base}/don-vi/TL%C4%90`);
    await page.locator("#unit-search-input").fill("thanh hoa");
    const first = page.locator("#unit-search-results li").first();
    await expect.poll(() => first.innerText()).toContain("Thanh Hóa");
    await page.locator("#unit-search-input").press("Enter");
    await page.waitForURL(/\/don-vi\/LDLD-38/);
    await expect
      .poll(() => page.locator('[data-role="unit-name"]').innerText())
      .toBe("Liên đoàn Lao động tỉnh Thanh Hóa");
    await chartDrawn(page, "unitChildren");
    await drawEveryChart(page);
    await page.screenshot({ path: path.join(ARTIFACTS, "unit.png"), fullPage: true });
  });

  it("the language toggle switches to English, numbers included, and back", async () => {
    await page.goto(`${server.base}/`);
    await page.locator('[data-kpi="submissions"] [data-role="value"]').waitFor();
    await page.locator('[data-action="language"]').click();
    await page.waitForURL(/lang=en/);
    await expect.poll(() => page.locator("nav a").first().innerText()).toBe("Overview");
    const api = await overviewApi();
    const submissions = api.kpis.find((k: { measure: string }) => k.measure === "submissions").value;
    await expect.poll(() => kpiText("submissions")).toBe(new Intl.NumberFormat("en-GB").format(submissions));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await page.locator('[data-action="language"]').click();
    await expect.poll(() => page.locator("nav a").first().innerText()).toBe("Tổng quan");
  });

  it("the targets view sorts, filters and keeps it in the URL", async () => {
    await page.goto(`${server.base}/chi-tieu`);
    await page.locator(".targets-table:not([data-filling]) tbody tr").first().waitFor();
    expect(await page.locator(".targets-table tbody tr").count()).toBe(83);
    await page.locator('[data-control="kind"]').selectOption("CORPORATION_UNION");
    await page.waitForURL(/kind=CORPORATION_UNION/);
    const corporations = await page.locator(".targets-table tbody tr").count();
    expect(corporations).toBeGreaterThan(0);
    expect(corporations).toBeLessThan(83);
    await page.locator('[data-sort="valid"]').click();
    await page.waitForURL(/sort=valid/);
    const valid = await page.locator(".targets-table tbody tr td:nth-child(9)").allInnerTexts();
    const numbers = valid.map((t) => Number(t.replace(/\./g, "")));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    await page.screenshot({ path: path.join(ARTIFACTS, "targets.png"), fullPage: true });
  });

  it("an embedded chart renders alone, and the overview is readable on a 360 px phone", async () => {
    await page.goto(`${server.base}/?embed=workerShares&asOf=2022-05-31`);
    await page.locator('[data-chart="workerShares"] canvas').waitFor();
    expect(await page.locator("figure").count()).toBe(1);
    expect(await page.locator("header.app-header").count()).toBe(0);
    const phone = await context.newPage();
    collectProblems(phone, problems);
    await phone.setViewportSize({ width: 360, height: 740 });
    await phone.goto(`${server.base}/?asOf=2022-05-31`);
    await chartDrawn(phone, "provinceMap");
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await drawEveryChart(phone);
    await phone.screenshot({ path: path.join(ARTIFACTS, "overview-360px.png"), fullPage: true });
    await phone.close();
  });

  it("a failing panel shows its own error while the others render", async () => {
    const failing = await context.newPage();
    // Chromium reports each 503 it receives as a console error; that is this test's own doing, anything else is not.
    const own: string[] = [];
    collectProblems(failing, own);
    // The batch fails as a whole (non-null root fields), then the shares field alone fails again:
    // the server's 503 for a request the database could not answer, its errors in the body.
    await failing.route(/\/graphql\?/, (route) => {
      const url = decodeURIComponent(route.request().url());
      const batch = url.includes("query OverviewPage(");
      if (!batch && !url.includes("OverviewPage_workerShares")) return route.continue();
      return route.fulfill({
        status: 503,
        contentType: "application/json",
        body: JSON.stringify({
          data: null,
          errors: [
            { message: "Simulated outage", path: ["workerShares"], extensions: { code: "DATABASE_UNAVAILABLE" } },
          ],
        }),
      });
    });
    await failing.goto(`${server.base}/`);
    await expect
      .poll(() =>
        failing
          .locator('[data-chart="workerShares"] [role="alert"]')
          .innerText()
          .catch(() => ""),
      )
      .toContain("Simulated outage");
    await chartDrawn(failing, "categoryBenefit");
    await failing.locator('[data-kpi="submissions"] [data-role="value"]').waitFor();
    await failing.close();
    problems.push(
      ...own.filter((problem) => !/Failed to load resource: the server responded with a status of 503/.test(problem)),
    );
  });

  it("a unit page tells the public that small grassroots cells are withheld", async () => {
    const [parent] = await db.dataSource.query(
      `SELECT p.code FROM unit p JOIN unit g ON g.parent_id = p.id AND g.tier = 3 JOIN initiative i ON i.grassroots_unit_id = g.id
        WHERE p.tier = 2 GROUP BY p.code, g.id HAVING count(*) < 5 ORDER BY p.code LIMIT 1`,
    );
    await page.goto(`${server.base}/don-vi/${parent.code}`);
    await expect
      .poll(() =>
        page
          .locator('[data-chart="unitChildren"] [data-role="withheld-note"]')
          .innerText()
          .catch(() => ""),
      )
      .toContain("dưới 5 sáng kiến");
    await page.locator('[data-chart="unitChildren"] [data-action="table"]').click();
    await expect.poll(() => page.locator('[data-chart="unitChildren"] tbody').innerText()).toContain("—");
  });

  it("logged no console errors on any page", () => {
    expect(problems).toEqual([]);
  });
});
