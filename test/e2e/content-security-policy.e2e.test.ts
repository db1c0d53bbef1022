import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { browserSuite } from "./browser-suite";
import { chartDrawn } from "./chart-text";

/**
 * The dashboard and the GraphQL IDE in Chromium under the server's Content-Security-Policy: every
 * view, chart tooltips, a PNG and a CSV download and the IDE's editor, documentation and answers
 * work without one violation. Then what the policy is for: an injected inline script does not run,
 * a page of another origin may frame only an embed view, and may read the public API but not with
 * a token. Violations are caught by the page's own `securitypolicyviolation` events (recorded
 * from before any script of the page runs), beside the console errors every suite collects.
 */
declare global {
  interface Window {
    cspViolations: string[];
  }
}

const RECORD_VIOLATIONS = () => {
  window.cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) =>
    window.cspViolations.push(
      `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
    ),
  );
};

browserSuite(
  "the Content-Security-Policy in Chromium",
  { database: "e2e_csp", seed: 11, scale: 0.005, offline: true },
  (suite) => {
    const violations: string[] = [];
    /** Violations on the page so far, kept across navigations (each page load starts a new list). */
    const collect = async (page: Page) => {
      violations.push(...(await page.evaluate(() => window.cspViolations.splice(0))).map((v) => `${page.url()}: ${v}`));
    };

    beforeAll(async () => {
      await suite().context.addInitScript(RECORD_VIOLATIONS);
    });

    /** Moves the mouse over a chart's canvas so ECharts draws its tooltip (HTML it writes itself). */
    async function hoverChart(page: Page, chart: string): Promise<void> {
      await chartDrawn(page, chart);
      const canvas = page.locator(`[data-chart="${chart}"] canvas`).first();
      const box = (await canvas.boundingBox())!;
      for (const [fx, fy] of [
        [0.5, 0.5],
        [0.3, 0.6],
        [0.7, 0.4],
      ] as const)
        await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
    }

    it("the policy is on: the server sends it with the dashboard", async () => {
      const response = await suite().page.goto(`${suite().server.base}/`);
      expect(response!.headers()["content-security-policy"]).toContain("default-src 'self'");
    });

    it("every view of the dashboard renders, tooltips and downloads included, without a violation", async () => {
      const { page, server } = suite();
      await page.locator('[data-kpi="submissions"] [data-role="value"]').waitFor();
      await chartDrawn(page, "provinceMap");
      for (const chart of ["cumulative", "workerShares", "provinceMap"]) await hoverChart(page, chart);
      const cumulative = page.locator('[data-chart="cumulative"]');
      const [png] = await Promise.all([
        page.waitForEvent("download"),
        cumulative.locator('[data-action="png"]').click(),
      ]);
      expect(
        fs
          .readFileSync((await png.path())!)
          .subarray(1, 4)
          .toString(),
      ).toBe("PNG");
      const [csv] = await Promise.all([
        page.waitForEvent("download"),
        cumulative.locator('[data-action="csv"]').click(),
      ]);
      expect(fs.readFileSync((await csv.path())!, "utf8").length).toBeGreaterThan(10);
      await collect(page);
      for (const [route, chart] of [
        ["/don-vi/LDLD-38", "unitChildren"],
        ["/kham-pha", "explorer"],
        ["/?embed=cumulative", "cumulative"],
      ] as const) {
        await page.goto(`${server.base}${route}`);
        await chartDrawn(page, chart);
        await hoverChart(page, chart);
        await collect(page);
      }
      await page.goto(`${server.base}/chi-tieu`);
      await page.locator(".targets-table tbody tr").first().waitFor();
      await collect(page);
      expect(violations).toEqual([]);
      expect(suite().problems).toEqual([]);
    });

    it("the GraphQL IDE loads, documents the schema and runs a query without a violation", async () => {
      const { page, server } = suite();
      const response = await page.goto(`${server.base}/graphql`);
      expect(response!.headers()["content-security-policy"]).toContain("default-src 'self'");
      await page.locator(".graphiql-query-editor .monaco-editor").waitFor();
      await page.locator('button[aria-label="Show Documentation Explorer"]').click();
      await page.locator(".graphiql-doc-explorer a.graphiql-doc-explorer-type-name").first().waitFor();
      await page.locator("button.graphiql-execute-button").click();
      await expect.poll(() => page.locator(".graphiql-response").innerText(), { timeout: 15_000 }).toContain('"data"');
      await collect(page);
      expect(violations).toEqual([]);
      expect(suite().problems).toEqual([]);
    });

    it("an inline script slipped into the page does not run, and is reported", async () => {
      const { page, server } = suite();
      await page.goto(`${server.base}/`);
      await page.locator('[data-kpi="submissions"]').first().waitFor();
      const ran = await page.evaluate(async () => {
        const script = document.createElement("script");
        script.textContent = "window.injected = true";
        document.body.append(script);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return (window as unknown as { injected?: boolean }).injected === true;
      });
      expect(ran).toBe(false);
      expect(await page.evaluate(() => window.cspViolations.splice(0))).toEqual([expect.stringMatching(/^script-src/)]);
      // Chromium also logs the refusal: this test's own doing.
      suite().problems.splice(
        0,
        suite().problems.length,
        ...suite().problems.filter((p) => !/Content Security Policy/.test(p)),
      );
    });

    it("a page of another origin may frame an embed view, not the dashboard; may read the public API, not with a token", async () => {
      const { browser, server } = suite();
      // A newsroom's page on another origin, from a server of its own (a real one: Chromium blocks a
      // page it cannot place on the network from framing or calling a local address).
      const newsroom = http.createServer((_req, res) =>
        res.setHeader("content-type", "text/html").end(`<!doctype html><title>Báo</title>
      <iframe id="embed" src="${server.base}/?embed=cumulative" width="600" height="400"></iframe>
      <iframe id="page" src="${server.base}/" width="600" height="400"></iframe>`),
      );
      await new Promise<void>((resolve) => newsroom.listen(0, "127.0.0.1", resolve));
      const foreign = `http://localhost:${(newsroom.address() as AddressInfo).port}`;
      // A context of its own, with no request interception: Playwright answers the preflights of
      // requests it intercepts itself, and the server's own answer is what this test is about.
      const context = await browser.newContext();
      const page = await context.newPage();
      const refusals: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") refusals.push(message.text());
      });
      await page.goto(`${foreign}/newsroom`);
      const embed = page.frameLocator("#embed");
      await embed.locator('[data-chart="cumulative"] canvas').waitFor();
      await expect.poll(() => refusals.some((r) => /frame-ancestors/.test(r))).toBe(true);
      expect(await page.frameLocator("#page").locator("#app").count()).toBe(0);

      const read = (authorization?: string) =>
        page.evaluate(
          async ({ url, authorization }) => {
            try {
              const response = await fetch(url, {
                method: "POST",
                body: JSON.stringify({ query: "{ dataset { kind } }" }),
                headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
              });
              return { status: response.status, body: await response.json() };
            } catch (error) {
              return { failed: String(error) };
            }
          },
          { url: `${server.base}/graphql`, authorization },
        );
      expect(await read()).toMatchObject({ status: 200, body: { data: { dataset: { kind: "demo" } } } });
      expect(await read("Bearer sk_anything")).toMatchObject({ failed: expect.stringMatching(/Failed to fetch/) });
      await context.close();
      await new Promise((resolve) => newsroom.close(resolve));
    });
  },
);
