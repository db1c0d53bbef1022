import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { ARTIFACTS, browserSuite } from "./browser-suite";

/**
 * Issue 18, item 5: a leader prints the overview or a unit page, or saves it as PDF. With `?print`
 * every chart is drawn at once (none waits to be scrolled to); printed, the page is one column of
 * panels, without navigation, filters or toolbars, and each figure keeps its citation.
 * The PDFs go to test-artifacts/print/.
 */
const PAGES = [
  { name: "overview", route: "/?print" },
  { name: "unit", route: "/don-vi/LDLD-38?print" },
];
const HIDDEN_IN_PRINT = [".app-header nav", ".filter-bar", ".toolbar", ".unit-search"];

browserSuite("printing a page", { database: "e2e_print", seed: 17, scale: 0.01, offline: true }, (suite) => {
  for (const { name, route } of PAGES) {
    it(`the ${name} page prints as one column with every chart drawn and cited`, async () => {
      const { browser, server } = suite();
      // A phone's width: charts would otherwise wait for the reader to scroll (use-near-viewport.ts).
      const context = await browser.newContext({ viewport: { width: 390, height: 800 }, locale: "vi-VN" });
      const page = await context.newPage();
      await page.goto(`${server.base}${route}`);
      await page.locator('[data-kpi="submissions"] [data-role="value"]').first().waitFor();
      const panels = page.locator("figure.panel");
      const count = await panels.count();
      expect(count).toBeGreaterThan(2);
      // Drawn without scrolling: every panel's chart box holds its canvas, no skeleton left.
      const boxes = await page.locator("figure.panel .chart-box").count();
      expect(boxes).toBeGreaterThan(2);
      await expect
        .poll(() => page.locator("figure.panel .chart-box canvas").count(), { timeout: 30_000 })
        .toBeGreaterThanOrEqual(boxes);
      expect(await page.locator("figure.panel .skeleton").count()).toBe(0);

      await page.emulateMedia({ media: "print" });
      for (const selector of HIDDEN_IN_PRINT) {
        for (const element of await page.locator(selector).all()) expect(await element.isVisible()).toBe(false);
      }
      const placed = await panels.evaluateAll((figures) =>
        figures.map((f) => {
          const r = f.getBoundingClientRect();
          return { left: Math.round(r.left), width: Math.round(r.width) };
        }),
      );
      // One column: every panel starts at the same place and is as wide as the first.
      expect(new Set(placed.map((b) => b.left)).size).toBe(1);
      expect(new Set(placed.map((b) => b.width)).size).toBe(1);
      const citations = await page.locator("figure.panel figcaption.citation").allInnerTexts();
      expect(citations).toHaveLength(count);
      for (const citation of citations) expect(citation).toMatch(/tính đến 24h ngày \d{1,2}\/\d{1,2}\/\d{4}/);
      expect(await page.locator(".synthetic-banner").first().isVisible()).toBe(true);

      fs.mkdirSync(path.join(ARTIFACTS, "print"), { recursive: true });
      const pdf = await page.pdf({ path: path.join(ARTIFACTS, "print", `${name}.pdf`), format: "A4" });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      await context.close();
    });
  }
});
