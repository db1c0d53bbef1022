import path from "node:path";
import { it } from "vitest";
import { ARTIFACTS, browserSuite } from "./browser-suite";
import { drawEveryChart } from "./chart-text";

const VIEWS = (process.env.LOOK ?? "").split("\n").filter(Boolean);
browserSuite("scratch look", { database: "e2e_scratch_look", seed: 11, scale: 0.01, offline: true }, (suite) => {
  it("screens", { timeout: 300_000 }, async () => {
    const { browser, server } = suite();
    for (const width of [360, 1366]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "vi-VN" });
      const page = await context.newPage();
      page.on("console", (m) => m.type() === "error" && console.log("console:", m.text()));
      for (const [i, view] of VIEWS.entries()) {
        const [route, ready, shot] = view.split("|");
        await page.goto(`${server.base}${route}`);
        await page.locator("main h1, main .kpis").first().waitFor();
        await page.waitForTimeout(1000);
        await drawEveryChart(page);
        await page.locator(ready!).first().waitFor({ timeout: 20000 });
        await page.waitForTimeout(1500);
        const target = shot ? page.locator(shot).first() : page;
        await target.screenshot({ path: path.join(ARTIFACTS, `look-${i}-${width}.png`), ...(shot ? {} : { fullPage: true }) });
      }
      await context.close();
    }
  });
});
