import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Download, Page } from "playwright-core";
import { expect, it } from "vitest";
import { ARTIFACTS, browserSuite } from "./browser-suite";
import { chartDrawn } from "./chart-text";
import { parseCsv } from "./parse-csv";

/**
 * Issue 19: every figure carries its identity — the unit, the filters in words, the as-of date, the
 * data version or release and a permalink — in its caption, PNG, CSV (and its .metadata.json), XLSX,
 * embed and copied link; and nothing is exported while a panel reloads.
 */

/** Records what the page copies and what it draws as text on any canvas (the PNG's caption is drawn). */
const RECORDERS = `(() => {
  window.__copied = [];
  Object.defineProperty(navigator, "clipboard", { value: { writeText: async (t) => { window.__copied.push(t); } } });
  window.__drawn = [];
  const fillText = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text) {
    window.__drawn.push(String(text));
    return fillText.apply(this, arguments);
  };
})();`;

const FILTERS = "phase=2&category=ENTERPRISE";

async function save(download: Download): Promise<string> {
  return fs.readFileSync((await download.path())!, "utf8");
}

async function downloadOf(page: Page, chart: string, action: string): Promise<Download> {
  const panel = page.locator(`[data-chart="${chart}"]`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    panel.locator(`[data-action="${action}"]`).click(),
  ]);
  return download;
}

/** The cells of a chart's table view, as their raw values. */
async function tableOf(page: Page, chart: string): Promise<string[][]> {
  const panel = page.locator(`[data-chart="${chart}"]`);
  await panel.locator('[data-action="table"]').click();
  const cells = await panel
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll("td"), (td) => td.getAttribute("data-value")!)),
    );
  await panel.locator('[data-action="table"]').click();
  return cells;
}

browserSuite("exports carry their identity", { database: "e2e_exports", seed: 7, scale: 0.02 }, (suite) => {
  let lastDate = "";
  let dataVersion = "";
  const lastDateVi = () => lastDate.split("-").map(Number).reverse().join("/");

  it("the field chart under phase 2 + enterprise: caption, CSV, metadata, XLSX and PNG say the filters, date, version and permalink", async () => {
    const { page, server } = suite();
    await page.addInitScript(RECORDERS);
    const meta = (await server.graphql("{ meta { lastDate dataVersion } }")).data.meta;
    lastDate = meta.lastDate;
    dataVersion = meta.dataVersion;
    await page.goto(`${server.base}/?${FILTERS}`);
    await chartDrawn(page, "fieldBreakdown");
    // Under phase 2 + enterprise the programme's target means nothing: no "% chỉ tiêu", no phase 1, no target for phase 2.
    const phases = await page.locator('[data-kpi="phases"]').innerText();
    expect(phases).toContain("Giai đoạn 2 · Lượt nộp:");
    expect(phases).toContain("chỉ tiêu chương trình không chia theo khối, lĩnh vực");
    expect(phases).not.toContain("Giai đoạn 1");
    expect(await page.locator('[data-kpi="submissions"]').innerText()).not.toContain("chỉ tiêu");
    await page.locator('[data-panel="overview"]').screenshot({ path: path.join(ARTIFACTS, "kpis-filtered-1280.png") });
    const caption = await page.locator('[data-chart="fieldBreakdown"] [data-role="figure-caption"]').innerText();
    expect(caption).toContain(`Số liệu tính đến 24h ngày ${lastDateVi()}`);
    expect(caption).toContain("Bộ lọc: Giai đoạn 2; Khối: Khu vực doanh nghiệp");
    expect(caption).toContain(`phiên bản dữ liệu ${dataVersion}`);
    const permalink = await page.locator('[data-chart="fieldBreakdown"] [data-role="permalink"]').getAttribute("href");
    expect(permalink).toContain(`asOf=${lastDate}`);
    expect(permalink).toContain("phase=2");
    expect(permalink).toContain("category=ENTERPRISE");

    const base = `luot-nop-va-gia-tri-lam-loi-theo-linh-vuc-giai-doan-2-khoi-khu-vuc-doanh-nghiep-${lastDate}`;
    const csv = await downloadOf(page, "fieldBreakdown", "csv");
    expect(csv.suggestedFilename()).toBe(`${base}.csv`);
    const records = parseCsv((await save(csv)).slice(1)).filter((r) => r.some(Boolean));
    expect(records[0]).toContain("Giá trị làm lợi (đồng)");
    expect(records[0]!.filter((h) => h.includes("(%)")).length).toBeGreaterThan(0);
    // Nothing but the table: every record as wide as the header (the citation is in the metadata).
    expect(new Set(records.map((r) => r.length))).toEqual(new Set([records[0]!.length]));

    const metadata = await downloadOf(page, "fieldBreakdown", "metadata");
    expect(metadata.suggestedFilename()).toBe(`${base}.metadata.json`);
    const described = JSON.parse(await save(metadata));
    expect(described).toMatchObject({
      title: "Lượt nộp và giá trị làm lợi theo lĩnh vực",
      filters: ["Giai đoạn 2", "Khối: Khu vực doanh nghiệp"],
      asOf: lastDate,
      dataVersion,
      synthetic: true,
      permalink,
    });
    expect(described.columns.map((c: { label: string }) => c.label)).toEqual(records[0]);

    const vn = await downloadOf(page, "fieldBreakdown", "csvVn");
    expect(vn.suggestedFilename()).toBe(`${base}.excel-vn.csv`);
    expect((await save(vn)).split("\r\n")[0]).toContain(";");

    const xlsx = await downloadOf(page, "fieldBreakdown", "xlsx");
    expect(xlsx.suggestedFilename()).toBe(`${base}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsx.path())!);
    const citation = workbook.getWorksheet("Trích dẫn")!.getSheetValues().flat().join("\n");
    expect(citation).toContain("Giai đoạn 2; Khối: Khu vực doanh nghiệp");
    expect(citation).toContain(permalink!);
    expect(citation).toContain(`phiên bản dữ liệu ${dataVersion}`);
    // exceljs runs under the page's Content-Security-Policy (no eval): nothing was refused.
    expect(suite().problems.filter((p) => /Content.Security.Policy|unsafe-eval/i.test(p))).toEqual([]);

    await page.evaluate(() => ((window as unknown as { __drawn: string[] }).__drawn.length = 0));
    const png = await downloadOf(page, "fieldBreakdown", "png");
    expect(png.suggestedFilename()).toBe(`${base}.png`);
    const drawn = (await page.evaluate(() => (window as unknown as { __drawn: string[] }).__drawn)).join(" ");
    expect(drawn).toContain("Giai đoạn 2; Khối: Khu vực doanh nghiệp");
    expect(drawn).toContain(`24h ngày ${lastDateVi()}`);
    expect(drawn).toContain(`phiên bản dữ liệu ${dataVersion}`);
    expect(drawn.replace(/ /g, "")).toContain(permalink!.replace(/ /g, "").slice(0, 30));
    await page
      .locator('[data-chart="fieldBreakdown"]')
      .screenshot({ path: path.join(ARTIFACTS, "exports-panel-1366.png") });
  });

  it("a unit page names its unit in the titles, the caption, the files and the embed", async () => {
    const { page, server } = suite();
    await page.goto(`${server.base}/don-vi/LDLD-38?asOf=2023-08-31`);
    const title = page.locator('[data-chart="unitTrend"] [data-role="figure-title"]');
    await expect.poll(() => title.innerText()).toMatch(/Thanh Hóa · Diễn biến theo tháng$/);
    await chartDrawn(page, "unitTrend");
    expect(await page.locator('[data-kpi="targets"]').innerText()).toMatch(
      /Giai đoạn 1 · Hợp lệ \/ chỉ tiêu của đơn vị: [\d.]+ \/ [\d.]+/,
    );
    const csv = await downloadOf(page, "unitTrend", "csv");
    expect(csv.suggestedFilename()).toBe("thanh-hoa-dien-bien-theo-thang-2023-08-31.csv");
    await page.locator('[data-chart="unitTrend"] [data-action="embed"]').click();
    const code = await page.locator('[data-role="embed-code"]').inputValue();
    expect(code).toContain("/don-vi/LDLD-38?");
    expect(code).toContain("asOf=2023-08-31");
    expect(code).toContain("embed=unitTrend");
    expect(code).toMatch(/title="[^"]*Thanh Hóa · Diễn biến theo tháng"/);
    await page.locator('[data-embed-mode="live"]').check();
    expect(await page.locator('[data-role="embed-code"]').inputValue()).toContain("asOf=2023-08-31"); // the URL's own date
    await page.locator('[data-action="close-embed"]').click();
  });

  it("Sao chép liên kết pins the effective as-of date; the link reopens the same figures in a fresh browser", async () => {
    const { page, server, browser } = suite();
    await page.goto(`${server.base}/don-vi/TL%C4%90`);
    await expect
      .poll(() => page.locator('[data-kpi="targets"]').innerText())
      .toMatch(/Giai đoạn 1 · Hợp lệ \/ tổng chỉ tiêu các đơn vị: /);
    await page.goto(`${server.base}/`);
    await expect
      .poll(() => page.locator('[data-kpi="phases"]').innerText())
      .toMatch(/Giai đoạn 1 · Lượt nộp \/ chỉ tiêu chương trình:\s+[\d.]+ \/ [\d.]+/);
    await page.locator('[data-panel="overview"]').screenshot({ path: path.join(ARTIFACTS, "kpis-1280.png") });
    await page.goto(`${server.base}/?phase=2`);
    await chartDrawn(page, "workerShares");
    const before = await tableOf(page, "workerShares");
    await page.locator('[data-chart="workerShares"] [data-action="link"]').click();
    const copied = await page.evaluate(() => (window as unknown as { __copied: string[] }).__copied.at(-1)!);
    const url = new URL(copied);
    expect(url.searchParams.get("asOf")).toBe(lastDate);
    expect(url.searchParams.get("phase")).toBe("2");
    expect(url.hash).toBe("#workerShares");
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
    const other = await fresh.newPage();
    await other.goto(copied);
    await chartDrawn(other, "workerShares");
    expect(await tableOf(other, "workerShares")).toEqual(before);
    await fresh.close();
  });

  it("downloads are disabled while the panel reloads: a click right after a filter change exports nothing old", async () => {
    const { page, server } = suite();
    await page.goto(`${server.base}/?asOf=2023-08-31`);
    await chartDrawn(page, "workerShares");
    const csv = page.locator('[data-chart="workerShares"] [data-action="csv"]');
    await expect.poll(() => csv.isEnabled()).toBe(true);
    // The next answer is held back for 2 s: the window in which the download took the previous filter's figures.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/graphql\?/, async (route) => {
      await held;
      await route.continue().catch(() => {}); // (a request the page cancelled meanwhile)
    });
    await page.locator('[data-control="phase"]').selectOption("2");
    await page.waitForURL(/phase=2/);
    await expect.poll(() => csv.isDisabled(), { timeout: 1000 }).toBe(true);
    for (const action of ["png", "csvVn", "xlsx", "metadata", "link"])
      expect(await page.locator(`[data-chart="workerShares"] [data-action="${action}"]`).isDisabled()).toBe(true);
    release();
    await expect.poll(() => csv.isEnabled(), { timeout: 10_000 }).toBe(true);
    await page.unroute(/\/graphql\?/);
    const download = await downloadOf(page, "workerShares", "csv");
    expect(download.suggestedFilename()).toContain("giai-doan-2");
  });

  it(
    "the pinned embed in a 700 px page shows the whole chart, its x-axis and the citation",
    { timeout: 60_000 },
    async () => {
      const { page, server } = suite();
      await page.goto(`${server.base}/?asOf=2022-05-31`);
      await chartDrawn(page, "cumulative");
      await page.locator('[data-chart="cumulative"] [data-action="embed"]').click();
      const code = await page.locator('[data-role="embed-code"]').inputValue();
      await page.locator('[data-action="close-embed"]').click();
      // A newsroom's page 700 px wide, from a server of its own (Chromium blocks a page it cannot place on the network from framing a local address).
      const newsroom = http.createServer((_req, res) =>
        res
          .setHeader("content-type", "text/html")
          .end(`<!doctype html><title>Báo</title><body style="margin:0">${code}</body>`),
      );
      await new Promise<void>((resolve) => newsroom.listen(0, "127.0.0.1", resolve));
      const host = await page.context().newPage();
      await host.setViewportSize({ width: 700, height: 1000 });
      await host.goto(`http://localhost:${(newsroom.address() as AddressInfo).port}/`);
      const frame = host.frameLocator("iframe");
      await frame.locator('[data-chart="cumulative"] canvas').first().waitFor();
      const iframe = (await host.locator("iframe").boundingBox())!;
      const inside = await frame.locator("body").evaluate(() => {
        const bottom = (selector: string) => document.querySelector(selector)!.getBoundingClientRect().bottom;
        return {
          chart: bottom('[data-chart="cumulative"] .chart-box'),
          citation: bottom('[data-chart="cumulative"] [data-role="citation"]'),
          permalink: bottom('[data-chart="cumulative"] [data-role="permalink"]'),
          viewport: window.innerHeight,
          scrolls: document.documentElement.scrollHeight > window.innerHeight,
        };
      });
      expect(inside.viewport).toBe(Math.round(iframe.height));
      expect(inside.chart).toBeLessThanOrEqual(inside.viewport);
      expect(inside.citation).toBeLessThanOrEqual(inside.viewport);
      expect(inside.permalink).toBeLessThanOrEqual(inside.viewport);
      await host.screenshot({ path: path.join(ARTIFACTS, "embed-700px.png") });
      await host.close();
      newsroom.close();
    },
  );

  it("at 360 px a chart panel with filters keeps its caption readable", async () => {
    const { page, server, context } = suite();
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 360, height: 740 });
    await phone.goto(`${server.base}/?${FILTERS}`);
    await chartDrawn(phone, "fieldBreakdown");
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone
      .locator('[data-chart="fieldBreakdown"]')
      .screenshot({ path: path.join(ARTIFACTS, "exports-panel-360.png") });
    await phone.close();
    expect(page).toBeDefined();
  });
});
