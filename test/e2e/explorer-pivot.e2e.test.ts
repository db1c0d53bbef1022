import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { ARTIFACTS, browserSuite } from "./browser-suite";
import { parseCsv } from "./parse-csv";

/** The pivot table's cells as shown: the row label, then each figure's raw value (data-value). */
const PIVOT_CELLS = (rows: Element[]) =>
  rows.map((r) => [
    r.querySelector("th")!.textContent!.trim(),
    ...Array.from(r.querySelectorAll("td"), (td) => td.getAttribute("data-value") ?? ""),
  ]);

browserSuite(
  "the Explorer's pivot, comparison, cancel and saved questions, and the dashboard's comparison and pace, in Chromium",
  { database: "e2e_explorer_pivot", seed: 11, scale: 0.01, offline: true },
  (suite) => {
    it("builds a pivot with a comparison from the controls; its totals are the API's", async () => {
      const { page, server } = suite();
      await page.goto(`${server.base}/kham-pha?asOf=2022-05-31`);
      await page.locator('[data-chart="explorer"] canvas').waitFor();
      await page.locator('[data-dimension="region"]').check();
      await page.waitForURL((url) => url.searchParams.get("d") === "workerCategory,region");
      await page.locator('[data-action="more-options"]').click();
      await page.locator('[data-control="compare"]').selectOption("PREVIOUS_PERIOD");
      await page.locator('[data-control="compareDays"]').fill("28");
      await page.locator('[data-control="compareDays"]').dispatchEvent("change");
      await page.waitForURL((url) => url.searchParams.get("c") === "PREVIOUS_PERIOD:28");
      await page.locator('[data-control="pivot"]').check();
      await page.locator('[data-control="pivotFigure"]').selectOption("difference");
      await page.waitForURL((url) => url.searchParams.get("pv") === ":difference");
      await page.locator('[data-chart="pivot"] tbody tr').first().waitFor();
      // The chart names what it draws: the measure, not "Kết quả".
      await expect.poll(() => page.locator("#explorer-title").innerText()).toBe("Lượt nộp theo Khối, Vùng");

      const shown = await page.locator('[data-chart="pivot"] tbody tr').evaluateAll(PIVOT_CELLS);
      const compare = `compare: { to: PREVIOUS_PERIOD, days: 28 }, asOf: "2022-05-31"`;
      const byRow = (
        await server.graphql(
          `{ analytics(query: { measures: [submissions], dimensions: [workerCategory], ${compare} }) { rows { dimensions { label } values { difference } } totals { difference } } }`,
        )
      ).data.analytics;
      expect(byRow.rows.length).toBeGreaterThan(1);
      // Each row's total is the API's figure for that row; the totals row ends with the API's grand total.
      for (const row of byRow.rows) {
        const line = shown.find((cells) => cells[0] === row.dimensions[0].label)!;
        expect(Number(line.at(-1))).toBe(row.values[0].difference);
        // A difference of counts adds up: the row's cells sum to its total.
        expect(line.slice(1, -1).reduce((s, c) => s + Number(c || 0), 0)).toBe(row.values[0].difference);
      }
      expect(shown.at(-1)![0]).toBe("Tổng");
      expect(Number(shown.at(-1)!.at(-1))).toBe(byRow.totals[0].difference);
      expect(byRow.totals[0].difference).toBeGreaterThan(0);
    });

    it("sorts the pivot by any column, and the CSV it exports is the table shown", async () => {
      const { page } = suite();
      await page.locator('[data-chart="pivot"] [data-sort="__total"]').click();
      await page.waitForURL((url) => url.searchParams.get("pv") === ":difference:__total:DESC");
      const shown = await page.locator('[data-chart="pivot"] tbody tr').evaluateAll(PIVOT_CELLS);
      const totals = shown.slice(0, -1).map((cells) => Number(cells.at(-1)));
      expect(totals).toEqual([...totals].sort((a, b) => b - a));
      expect(
        await page
          .locator('[data-chart="pivot"] [data-sort="__total"]')
          .evaluate((b) => b.parentElement!.getAttribute("aria-sort")),
      ).toBe("descending");

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator('[data-action="pivot-csv"]').click(),
      ]);
      const bytes = fs.readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const records = parseCsv(bytes.subarray(3).toString("utf8")).filter((r) => r.some(Boolean));
      const header = await page.locator('[data-chart="pivot"] thead th').allInnerTexts();
      expect(records[0]).toEqual(header.map((h) => h.trim()));
      // Every row as shown (raw figures), nothing after them: the citation is on the page and in the file's name.
      expect(records.slice(1)).toEqual(shown);
      expect(download.suggestedFilename()).toMatch(/2022-05-31\.csv$/);
      await page.screenshot({ path: path.join(ARTIFACTS, "explorer-pivot.png"), fullPage: true });
    });

    it("a slow question can be cancelled, and says it was cancelled, not that it failed", async () => {
      const { page } = suite();
      let held = 0;
      await page.route("**/graphql?**", async (route) => {
        held++;
        await new Promise((resolve) => setTimeout(resolve, 4000));
        await route.continue().catch(() => undefined); // the page may have aborted it meanwhile
      });
      await page.locator('[data-measure="valid"]').check();
      await page.locator('[data-action="cancel"]').click();
      await page.locator('[data-role="cancelled"]').waitFor();
      expect(await page.locator(".panel-error").count()).toBe(0);
      expect(held).toBeGreaterThan(0);
      await page.unroute("**/graphql?**");
      await page.locator('[data-action="retry"]').click();
      await page.locator('[data-chart="pivot"] tbody tr').first().waitFor();
      expect(await page.locator('[data-role="cancelled"]').count()).toBe(0);
    });

    it("saves a question under a name; its link reopens the same question, also in another browser", async () => {
      const { page, browser, server } = suite();
      const params = (url: URL | string) => Object.fromEntries(new URL(url).searchParams);
      const question = params(page.url());
      await page.locator('[data-control="questionName"]').fill("Chênh lệch 28 ngày theo vùng");
      await page.locator('[data-action="save-question"]').click();
      const link = page.locator('[data-saved="Chênh lệch 28 ngày theo vùng"] a');
      await link.waitFor();
      const shown = await page.locator('[data-chart="pivot"] tbody tr').evaluateAll(PIVOT_CELLS);

      await page.goto(`${server.base}/kham-pha`);
      await page.locator('[data-saved="Chênh lệch 28 ngày theo vùng"] a').click();
      await page.waitForURL((url) => JSON.stringify(params(url)) === JSON.stringify(question));
      await page.locator('[data-chart="pivot"] tbody tr').first().waitFor();
      expect(await page.locator('[data-chart="pivot"] tbody tr').evaluateAll(PIVOT_CELLS)).toEqual(shown);

      // Shared: someone else opens the link, with nothing saved in their browser.
      const other = await browser.newContext({ locale: "vi-VN" });
      const elsewhere = await other.newPage();
      await elsewhere.goto(`${server.base}${await link.getAttribute("href")}`);
      await elsewhere.locator('[data-chart="pivot"] tbody tr').first().waitFor();
      expect(await elsewhere.locator('[data-chart="pivot"] tbody tr').evaluateAll(PIVOT_CELLS)).toEqual(shown);
      expect(await elsewhere.locator("[data-saved]").count()).toBe(0);
      await other.close();
    });

    it("a derived measure (a named ratio) is charted, tabulated, sorted by the API and equal to its figures", async () => {
      const { page, server } = suite();
      await page.goto(`${server.base}/kham-pha?asOf=2022-05-31&d=region`);
      await page.locator('[data-chart="explorer"] canvas').waitFor();
      await page.locator('[data-action="more-options"]').click();
      await page.locator('[data-control="derivedLabel"]').fill("Lợi ích mỗi sáng kiến");
      await page.locator('[data-control="derivedLeft"]').selectOption("benefitVnd");
      await page.locator('[data-control="derivedOp"]').selectOption("RATIO");
      await page.locator('[data-control="derivedRight"]').selectOption("valid");
      await page.locator('[data-action="add-derived"]').click();
      await page.waitForURL(
        (url) => url.searchParams.get("dv") === "custom1:RATIO:benefitVnd:valid:Lợi ích mỗi sáng kiến",
      );
      await page.locator('[data-control="sort"]').selectOption("custom1");
      await page.waitForURL((url) => url.searchParams.get("o") === "custom1:DESC");
      await expect
        .poll(() => page.locator("#explorer-title").innerText())
        .toBe("Lượt nộp, Lợi ích mỗi sáng kiến theo Vùng");
      await page.locator('[data-chart="explorer"] canvas').waitFor();
      await page.locator('[data-chart="explorer"] [data-action="table"]').click();
      const header = await page.locator('[data-chart="explorer"] thead th').allInnerTexts();
      expect(header.map((h) => h.trim())).toEqual(["Vùng (Mã)", "Vùng", "Lượt nộp", "Lợi ích mỗi sáng kiến"]);
      const cells = await page
        .locator('[data-chart="explorer"] tbody tr')
        .evaluateAll((rows) =>
          rows.map((r) => Array.from(r.querySelectorAll("td"), (td) => td.getAttribute("data-value"))),
        );
      const api = (
        await server.graphql(
          `{ analytics(query: { measures: [submissions], dimensions: [region], asOf: "2022-05-31", derived: [{ name: "perValid", op: RATIO, left: benefitVnd, right: valid }] }) { rows { dimensions { code } values { measure value } } } }`,
        )
      ).data.analytics.rows;
      const perValid = new Map(
        api.map((r: any) => [r.dimensions[0].code, r.values.find((v: any) => v.measure === "perValid").value]),
      );
      expect(cells.map((c) => Number(c[3]))).toEqual(cells.map((c) => perValid.get(c[0]!)));
      const shown = cells.map((c) => Number(c[3]));
      expect(shown).toEqual([...shown].sort((a, b) => b - a));
    });

    it("KPI cards show the comparison chosen in the URL and the phase's pace; the targets page filters by pace", async () => {
      const { page, server } = suite();
      await page.goto(`${server.base}/?asOf=2023-03-31&so-sanh=28n`);
      await page.locator('[data-kpi="submissions"] [data-role="value"]').waitFor();
      const api = (
        await server.graphql(
          `{ overview(asOf: "2023-03-31", compare: PREVIOUS_PERIOD, compareDays: 28) { kpis { measure change } phases { phase pace { status } } } }`,
        )
      ).data.overview;
      const change = api.kpis.find((k: { measure: string }) => k.measure === "submissions").change;
      expect(change).toBeGreaterThan(0);
      const text = await page.locator('[data-kpi="submissions"] .kpi-change').first().innerText();
      expect(text).toMatch(
        new RegExp(`^\\+${change.toLocaleString("vi-VN").replace(/\./g, "\\.")} \\(\\+[\\d,]+%\\) trong 28 ngày$`),
      );
      const phase2 = api.phases.find((p: { phase: number }) => p.phase === 2).pace.status;
      expect(["ON_PACE", "AT_RISK"]).toContain(phase2);
      await page.locator(`[data-kpi="phases"] [data-pace="${phase2}"] [data-role="pace-rates"]`).waitFor();
      // The choice is a control too, kept in the URL.
      await page.locator('.kpi-compare [data-control="compare"]').selectOption("7n");
      await page.waitForURL((url) => !url.searchParams.has("so-sanh"));
      await expect
        .poll(() => page.locator('[data-kpi="submissions"] .kpi-change').first().innerText())
        .toMatch(/trong 7 ngày$/);

      await page.goto(`${server.base}/chi-tieu?asOf=2023-03-31&tien-do=dung-tien-do`);
      await page.locator(".targets-table:not([data-filling]) tbody tr").first().waitFor();
      const statuses = await page
        .locator(".targets-table td.pace-cell")
        .evaluateAll((cells) => cells.map((c) => c.getAttribute("data-pace")));
      expect(statuses.length).toBeGreaterThan(0);
      expect(new Set(statuses)).toEqual(new Set(["ON_PACE"]));
    });

    it("asked nothing of the internet and logged no errors", () => {
      expect(suite().external).toEqual([]);
      expect(suite().problems).toEqual([]);
    });
  },
);
