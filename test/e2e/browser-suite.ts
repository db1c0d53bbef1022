import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { Progress } from "../../server/src/db/seed/progress";
import { seedDemoData } from "../../server/src/db/seed/seed.service";
import { ROOT } from "../setup/processes";
import { createTestDatabase } from "../setup/test-database";
import { startTestServer, type TestServer } from "../setup/test-server";
import { collectProblems, describeInChromium, launchChromium } from "./browser";

export const ARTIFACTS = path.join(ROOT, "test-artifacts");

export interface BrowserSuite {
  db: Awaited<ReturnType<typeof createTestDatabase>>;
  server: TestServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  problems: string[];
  /** Requests that tried to leave the test server (offline suites abort them). */
  external: string[];
}

/**
 * A describe block with the real server on a small seeded database and a Chromium page (skipped
 * or failing without Chromium, see describeInChromium). Offline
 * suites abort every request that is not to the test server, as on a closed government network.
 */
export function browserSuite(
  name: string,
  options: { database: string; seed: number; scale: number; offline?: boolean },
  body: (suite: () => BrowserSuite) => void,
): void {
  let suite: BrowserSuite | undefined;
  describeInChromium(name, (chromiumPath) => {
    beforeAll(async () => {
      if (!fs.existsSync(path.join(ROOT, "client/dist/index.html")))
        throw new Error("client/dist is missing: run npm run build:client (npm test does)");
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const db = await createTestDatabase(options.database);
      await seedDemoData(db.url, options.seed, options.scale, new Progress(process.stderr, true));
      const server = await startTestServer(db.dataSource);
      const browser = await launchChromium(chromiumPath);
      const context = await browser.newContext({
        acceptDownloads: true,
        viewport: { width: 1280, height: 900 },
        locale: "vi-VN",
      });
      const external: string[] = [];
      if (options.offline) {
        const origin = new URL(server.base).origin;
        await context.route("**/*", (route) => {
          const url = route.request().url();
          if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
          external.push(url);
          return route.abort("internetdisconnected");
        });
      }
      const page = await context.newPage();
      const problems: string[] = [];
      collectProblems(page, problems);
      suite = { db, server, browser, context, page, problems, external };
    });
    afterAll(async () => {
      await suite?.browser.close();
      await suite?.server.close();
      await suite?.db.drop();
    });
    body(() => {
      if (!suite) throw new Error("browser suite not started");
      return suite;
    });
  });
}
