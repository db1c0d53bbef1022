import fs from "node:fs";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { ROOT } from "../setup/processes";
import { ARTIFACTS, browserSuite } from "./browser-suite";

/**
 * The GraphQL IDE at /graphql in a real Chromium with no network but the server's own origin,
 * as on a closed government network: every other request is aborted, and any attempt fails the test.
 */
const EXAMPLE_FILES = fs.readdirSync(path.join(ROOT, "schema/examples")).filter((f) => f.endsWith(".graphql"));

browserSuite(
  "GraphQL IDE in Chromium, offline",
  { database: "e2e_graphql_ide", seed: 7, scale: 0.005, offline: true },
  (suite) => {
    beforeAll(() => {
      if (!fs.existsSync(path.join(ROOT, "client/dist/ide.html")))
        throw new Error("client/dist/ide.html is missing: run npm run build:client (npm test does)");
    });

    /**
     * The full text of the Monaco editor inside `selector`, not just the lines drawn: GraphiQL 5 leaves
     * the Monaco module it loaded on globalThis.__MONACO, whose editors know their DOM nodes.
     */
    type Monaco = { editor: { getEditors(): { getContainerDomNode(): HTMLElement; getValue(): string }[] } };
    const editorText = (selector: string) =>
      suite()
        .page.locator(selector)
        .first()
        .evaluate((el) => {
          const monaco = (globalThis as unknown as { __MONACO?: Monaco }).__MONACO;
          const editor = monaco?.editor.getEditors().find((candidate) => el.contains(candidate.getContainerDomNode()));
          if (!editor) throw new Error("no Monaco editor in this element yet");
          return editor.getValue();
        });

    it("the dashboard's footer links to the IDE, which opens with the as-of explanation in its editor", async () => {
      await suite().page.goto(`${suite().server.base}/`);
      const link = suite().page.locator('[data-role="api-link"]');
      await expect(link.innerText()).resolves.toContain("API GraphQL");
      await link.click();
      await suite().page.waitForURL(`${suite().server.base}/graphql`);
      await suite().page.locator(".graphiql-query-editor .monaco-editor").waitFor();
      const text = await editorText(".graphiql-query-editor");
      expect(text).toContain('asOf: "2022-05-31" = mọi sáng kiến nộp trước 00:00 ngày 1/6/2022');
      expect(text).toContain("a date means 24h of that day, Vietnam time");
    });

    it("lists every example of schema/examples, also as ready tabs", async () => {
      await expect.poll(() => suite().page.locator(".ide-example").count()).toBe(EXAMPLE_FILES.length);
      const tabs = await suite().page.locator(".graphiql-tab").allInnerTexts();
      expect(tabs.join(" ")).toContain("Phase1ByWorkerCategory");
      expect(tabs).toHaveLength(EXAMPLE_FILES.length + 1);
    });

    it("the documentation explorer, fed by introspection, lists the Query fields", async () => {
      await suite().page.locator('button[aria-label="Show Documentation Explorer"]').click();
      const docs = suite().page.locator(".graphiql-doc-explorer");
      await docs
        .locator("a.graphiql-doc-explorer-type-name", { hasText: /^Query$/ })
        .first()
        .click();
      await expect
        .poll(() => docs.locator(".graphiql-doc-explorer-field-name").allInnerTexts())
        .toEqual(expect.arrayContaining(["analytics", "overview", "milestones"]));
    });

    it("runs a picked example and shows the API's answer", async () => {
      const source = fs.readFileSync(
        path.join(
          ROOT,
          "schema/examples",
          EXAMPLE_FILES.find((f) => f.includes("phase1-by-worker-category"))!,
        ),
        "utf8",
      );
      await suite().page.locator(`button[aria-label="Show Ví dụ · Examples"]`).click();
      await suite().page.locator('.ide-example[data-example="phase1-by-worker-category"]').click();
      await expect.poll(() => editorText(".graphiql-query-editor").then((t) => t.trim())).toBe(source.trim());
      // The tab takes the operation's name once GraphiQL has read the new text (it does so after a short debounce).
      await expect
        .poll(() => suite().page.locator(".graphiql-tab-active").innerText())
        .toContain("Phase1ByWorkerCategory");
      await suite().page.locator("button.graphiql-execute-button").click();
      await expect.poll(() => editorText(".graphiql-response"), { timeout: 15_000 }).toContain('"analytics"');
      const answer = JSON.parse(await editorText(".graphiql-response"));
      expect(answer.errors).toBeUndefined();
      const api = await suite().server.graphql(source);
      expect(answer.data).toEqual(api.data);
      expect(answer.data.analytics.asOfDate).toBe("2022-05-31");
      expect(answer.data.analytics.rows.length).toBeGreaterThan(0);
      await suite().page.screenshot({ path: path.join(ARTIFACTS, "graphql-ide.png") });
    });

    it("asked nothing of any host but the server, and logged no console errors", () => {
      expect(suite().external).toEqual([]);
      expect(suite().problems).toEqual([]);
    });
  },
);
