import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Route } from "playwright-core";
import { expect, it } from "vitest";
import { createToken } from "../../server/src/auth/token.service";
import { applyDemoCorrection } from "../../server/src/db/releases/demo-correction";
import { overviewField } from "../../client/src/graphql/overview.field";
import { composeDocument } from "../../client/src/graphql/panel-query";
import { formatMeasure } from "../../client/src/format/number-format";
import { parseState } from "../../client/src/state/dashboard-state";
import { ARTIFACTS, browserSuite } from "./browser-suite";

/**
 * Issue 18: on a phone the overview's figures and first chart come with the page itself
 * (server/src/http/first-page.ts), so they are on screen before any GraphQL request completes —
 * here, with every /graphql request held back — and the live chart takes the drawing's place once
 * the requests go through and the reader scrolls. Nothing the Content-Security-Policy blocks.
 */
const RECORD_VIOLATIONS = () => {
  (window as unknown as { cspViolations: string[] }).cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) =>
    (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
  );
};

browserSuite("the overview's first answer in its page", { database: "e2e_first", seed: 17, scale: 0.005 }, (suite) => {
  it("shows the KPI figures and the first chart at 360 px before any GraphQL request completes", async () => {
    const { browser, server } = suite();
    const field = overviewField({ state: parseState({}) });
    const { query, variables } = composeDocument("OverviewPage", [field]);
    const { overview } = (await server.graphql(query, variables, { "accept-language": "vi" })).data;

    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: "vi-VN",
      isMobile: true,
    });
    await context.addInitScript(RECORD_VIOLATIONS);
    const page = await context.newPage();
    const held: Route[] = [];
    let completed = 0;
    page.on("requestfinished", (request) => {
      if (new URL(request.url()).pathname === "/graphql") completed++;
    });
    await page.route("**/graphql?**", (route) => void held.push(route));
    await page.goto(`${server.base}/`);

    const submissions = overview.kpis.find((k: { measure: string }) => k.measure === "submissions");
    const value = page.locator('[data-kpi="submissions"] [data-role="value"]');
    await expect
      .poll(() => value.textContent(), { timeout: 15_000 })
      .toBe(formatMeasure(submissions.value, submissions.unit, "vi"));
    await expect.poll(() => page.locator('[data-kpi="phases"] .phase').count()).toBe(overview.phases.length);
    const drawing = page.locator('figure[data-chart="cumulative"] [data-role="first-drawing"]');
    await drawing.scrollIntoViewIfNeeded();
    expect(await drawing.locator("svg path").count()).toBeGreaterThan(10);
    expect(await drawing.getAttribute("aria-label")).toMatch(/^Lượt nộp/);
    const box = await drawing.boundingBox();
    expect(box!.height).toBe(420);
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
    expect(held.length).toBeGreaterThan(0);
    expect(completed).toBe(0);
    fs.mkdirSync(path.join(ARTIFACTS, "phone"), { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "phone", "overview-before-graphql-360px.png"), fullPage: true });

    // The requests go through: the reader has scrolled, so the live chart replaces the drawing, in the same box.
    for (const route of held.splice(0)) await route.continue();
    await page.unroute("**/graphql?**");
    await page.locator('figure[data-chart="cumulative"] canvas').waitFor({ timeout: 30_000 });
    expect(await drawing.count()).toBe(0);
    expect(completed).toBeGreaterThan(0);

    // In English the Vietnamese drawing is not shown: the chart is drawn live in the page's language.
    await page.locator('[data-action="language"]').click();
    await page.locator('[data-kpi="submissions"] [data-role="value"]').waitFor();
    expect(await drawing.count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    await context.close();
  });

  it("at 1366 px draws the live chart as before, with no server drawing", async () => {
    const { browser, server } = suite();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "vi-VN" });
    await context.addInitScript(RECORD_VIOLATIONS);
    const page = await context.newPage();
    await page.goto(`${server.base}/`);
    await page.locator('figure[data-chart="cumulative"] canvas').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-role="first-drawing"]').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, "phone", "overview-first-answer-1366px.png") });
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    await context.close();
  });

  // Last: it publishes a release and loads new data, which the tests above do not expect.
  it("keeps the embedded answer once the catalogue says it is the newest release's, after a later load", async () => {
    const { browser, server, db } = suite();
    const admin = { authorization: `Bearer ${(await createToken(db.dataSource, "admin", "Quản trị")).token}` };
    const published = await server.graphql(
      `mutation { publishRelease(title: "Bản đầu", kind: FIRST) { id dataVersion } }`,
      {},
      admin,
    );
    const release = published.data.publishRelease as { id: string; dataVersion: string };
    const correction = await applyDemoCorrection(db.url);
    const field = overviewField({ state: parseState({}) });
    const { query, variables } = composeDocument("OverviewPage", [field]);
    // The server has seen the load: the live data is the correction's, the public's default still the release.
    await expect
      .poll(async () => (await server.graphql(`{ meta { dataVersion } }`)).data.meta.dataVersion, { timeout: 10_000 })
      .toBe(correction.dataVersion);
    const { overview } = (await server.graphql(query, variables, { "accept-language": "vi" })).data;
    expect(overview.release).toEqual({ id: release.id, kind: "FIRST" });

    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: "vi-VN",
      isMobile: true,
    });
    const page = await context.newPage();
    // The catalogue (with the releases) is answered; the page's own questions are held back.
    const held: Route[] = [];
    await page.route("**/graphql?**", (route) =>
      new URL(route.request().url()).searchParams.get("operationName") === "DashboardMeta"
        ? route.continue()
        : void held.push(route),
    );
    const catalogue = page.waitForResponse(
      (r) => new URL(r.url()).searchParams.get("operationName") === "DashboardMeta" && r.ok(),
    );
    await page.goto(`${server.base}/`);
    const answered = await (await catalogue).json();
    expect(answered.data.meta.dataVersion).toBe(correction.dataVersion);
    expect(answered.data.releases[0].id).toBe(release.id);
    // Vue has seen the catalogue: the figures (the release's) and the server's drawing stay.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
    const submissions = overview.kpis.find((k: { measure: string }) => k.measure === "submissions");
    // (A withdrawn answer leaves skeletons: the short timeouts make that a failure, not a wait for the held requests.)
    expect(await page.locator('[data-kpi="submissions"] [data-role="value"]').textContent({ timeout: 5000 })).toBe(
      formatMeasure(submissions.value, submissions.unit, "vi"),
    );
    const drawing = page.locator('figure[data-chart="cumulative"] [data-role="first-drawing"]');
    await drawing.scrollIntoViewIfNeeded({ timeout: 5000 });
    expect(await drawing.locator("svg path").count()).toBeGreaterThan(10);
    expect(held.length).toBeGreaterThan(0);
    for (const route of held.splice(0)) await route.abort();
    await context.close();
  });
});
