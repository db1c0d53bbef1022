import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { ARTIFACTS, browserSuite } from "./browser-suite";
import { parseCsv } from "./parse-csv";

browserSuite(
  "the Explorer in Chromium, with no network",
  { database: "e2e_explorer", seed: 9, scale: 0.01, offline: true },
  (suite) => {
    it("builds a question from the controls, keeps it in the URL, and answers it like the API", async () => {
      const { page, server } = suite();
      await page.goto(`${server.base}/kham-pha`);
      await page.locator('[data-chart="explorer"] canvas').waitFor();
      await page.locator('[data-dimension="workerCategory"]').uncheck();
      await page.locator('[data-dimension="field"]').check();
      await page.locator('[data-measure="valid"]').check();
      await page.waitForURL(
        (url) => url.searchParams.get("d") === "field" && url.searchParams.get("m") === "submissions,valid",
      );
      await page.locator('[data-chart="explorer"] canvas').waitFor();
      await page.locator('[data-chart="explorer"] [data-action="table"]').click();
      const cells = await page
        .locator('[data-chart="explorer"] tbody tr')
        .evaluateAll((rows) =>
          rows.map((r) => Array.from(r.querySelectorAll("td"), (td) => td.getAttribute("data-value"))),
        );
      const api = (
        await server.graphql(
          `{ analytics(query: { measures: [submissions, valid], dimensions: [field] }) { rows { dimensions { code } values { value } } } }`,
        )
      ).data.analytics.rows;
      expect(cells.map((c) => [c[0], Number(c[2]), Number(c[3])])).toEqual(
        api.map((r: any) => [r.dimensions[0].code, r.values[0].value, r.values[1].value]),
      );
      await page.screenshot({ path: path.join(ARTIFACTS, "explorer.png"), fullPage: true });
    });

    it("shows the GraphQL and the curl command that reproduce the answer", async () => {
      const { page, server } = suite();
      const graphql = await page.locator('[data-role="graphql"]').innerText();
      expect(graphql).toContain("analytics(query: $explorer_query)");
      expect(graphql).toContain('"field"');
      await page.locator("summary", { hasText: "curl" }).click();
      const curl = await page.locator('[data-role="curl"]').innerText();
      const body = JSON.parse(curl.slice(curl.indexOf("--data-binary '") + 15, -1).replace(/'\\''/g, "'"));
      const response = await server.graphql(body.query, body.variables);
      expect(response.errors).toBeUndefined();
      expect(response.data.explorer.rows.length).toBeGreaterThan(5);
    });

    it("exports every row as CSV from the server", async () => {
      const { page } = suite();
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator('[data-action="export-csv"]').click(),
      ]);
      const bytes = fs.readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const records = parseCsv(bytes.subarray(3).toString("utf8")).filter((r) => r.some(Boolean));
      expect(records[0]).toEqual(["Lĩnh vực (mã)", "Lĩnh vực", "Lượt nộp", "Hợp lệ"]);
      expect(records.length).toBeGreaterThan(5);
    });

    it("a time grain and a filter change the chart, and Back undoes them", async () => {
      const { page } = suite();
      await page.locator('[data-control="granularity"]').selectOption("MONTH");
      await page.waitForURL(/g=MONTH/);
      await page.locator('[data-control="addFilter"]').selectOption("workerCategory");
      await page.locator(".filter-row select[multiple]").selectOption(["ENTERPRISE"]);
      await page.waitForURL(/f=workerCategory/);
      await page.locator('[data-chart="explorer"] [data-action="table"]').waitFor();
      await page.goBack();
      await page.waitForURL(
        (url) =>
          !url.search.includes("f=workerCategory%3AIN%3AENTERPRISE") &&
          !url.search.includes("f=workerCategory:IN:ENTERPRISE"),
      );
    });

    it("asked nothing of the internet and logged no errors", () => {
      expect(suite().external).toEqual([]);
      expect(suite().problems).toEqual([]);
    });
  },
);
