import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Progress } from "../../server/src/db/seed/progress";
import { seedDemoData } from "../../server/src/db/seed/seed.service";
import { createTestDatabase } from "../setup/test-database";
import { startTestServer, type TestServer } from "../setup/test-server";
import { ROOT } from "../setup/processes";
import { collectProblems, describeInChromium, launchChromium } from "./browser";

/**
 * The GraphQL IDE at /graphql in a real Chromium with no network but the server's own origin,
 * as on a closed government network: every other request is aborted, and any attempt fails the test.
 */
const ARTIFACTS = path.join(ROOT, "test-artifacts");
const EXAMPLE_FILES = fs.readdirSync(path.join(ROOT, "schema/examples")).filter((f) => f.endsWith(".graphql"));

describeInChromium("GraphQL IDE in Chromium, offline", (chromiumPath) => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const leftLocalhost: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, "client/dist/ide.html"))) throw new Error("client/dist/ide.html is missing: run npm run build:client (npm test does)");
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    db = await createTestDatabase("e2e_graphql_ide");
    await seedDemoData(db.url, 7, 0.005, new Progress(process.stderr, true));
    server = await startTestServer(db.dataSource);
    browser = await launchChromium(chromiumPath);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
    const origin = new URL(server.base).origin;
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      leftLocalhost.push(url);
      return route.abort("internetdisconnected");
    });
    page = await context.newPage();
    collectProblems(page, problems);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.drop();
  });

  /** CodeMirror 5 keeps its instance on its element: the editor's full text, not just what is drawn. */
  const editorText = (selector: string) =>
    page.locator(`${selector} .CodeMirror`).first().evaluate((el) => (el as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());

  it("the dashboard's footer links to the IDE, which opens with the as-of explanation in its editor", async () => {
    await page.goto(`${server.base}/`);
    const link = page.locator('[data-role="api-link"]');
    await expect(link.innerText()).resolves.toContain("API GraphQL");
    await link.click();
    await page.waitForURL(`${server.base}/graphql`);
    await page.locator(".graphiql-query-editor .CodeMirror").waitFor();
    const text = await editorText(".graphiql-query-editor");
    expect(text).toContain('asOf: "2022-05-31" = mọi sáng kiến nộp trước 00:00 ngày 1/6/2022');
    expect(text).toContain("a date means 24h of that day, Vietnam time");
  });

  it("lists every example of schema/examples, also as ready tabs", async () => {
    await expect.poll(() => page.locator(".ide-example").count()).toBe(EXAMPLE_FILES.length);
    const tabs = await page.locator(".graphiql-tab").allInnerTexts();
    expect(tabs.join(" ")).toContain("Phase1ByWorkerCategory");
    expect(tabs).toHaveLength(EXAMPLE_FILES.length + 1);
  });

  it("the documentation explorer, fed by introspection, lists the Query fields", async () => {
    await page.locator('button[aria-label="Show Documentation Explorer"]').click();
    const docs = page.locator(".graphiql-doc-explorer");
    await docs.locator("a.graphiql-doc-explorer-type-name", { hasText: /^Query$/ }).first().click();
    await expect.poll(() => docs.locator(".graphiql-doc-explorer-field-name").allInnerTexts()).toEqual(expect.arrayContaining(["analytics", "overview", "milestones"]));
  });

  it("runs a picked example and shows the API's answer", async () => {
    const source = fs.readFileSync(path.join(ROOT, "schema/examples", EXAMPLE_FILES.find((f) => f.includes("phase1-by-worker-category"))!), "utf8");
    await page.locator(`button[aria-label="Show Ví dụ · Examples"]`).click();
    await page.locator('.ide-example[data-example="phase1-by-worker-category"]').click();
    await expect.poll(() => editorText(".graphiql-query-editor").then((t) => t.trim())).toBe(source.trim());
    // The tab takes the operation's name once GraphiQL has read the new text (it does so after a short debounce).
    await expect.poll(() => page.locator(".graphiql-tab-active").innerText()).toContain("Phase1ByWorkerCategory");
    await page.locator("button.graphiql-execute-button").click();
    await expect.poll(() => editorText(".graphiql-response"), { timeout: 15_000 }).toContain('"analytics"');
    const answer = JSON.parse(await editorText(".graphiql-response"));
    expect(answer.errors).toBeUndefined();
    const api = await server.graphql(source);
    expect(answer.data).toEqual(api.data);
    expect(answer.data.analytics.asOfDate).toBe("2022-05-31");
    expect(answer.data.analytics.rows.length).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, "graphql-ide.png") });
  });

  it("asked nothing of any host but the server, and logged no console errors", () => {
    expect(leftLocalhost).toEqual([]);
    expect(problems).toEqual([]);
  });
});
