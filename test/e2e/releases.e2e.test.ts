import path from "node:path";
import { expect, it } from "vitest";
import { createToken } from "../../server/src/auth/token.service";
import { applyDemoCorrection } from "../../server/src/db/releases/demo-correction";
import { ARTIFACTS, browserSuite } from "./browser-suite";
import { chartDrawn, drawEveryChart } from "./chart-text";

/**
 * Issue 19 in the browser: /phat-hanh lists the releases; `?release=` pins every figure of the
 * dashboard; without it the public sees the newest release, named under every chart, with its
 * revisions marked "Đã điều chỉnh" old → new; a copied link pins the release it shows.
 */
const PUBLISH = `mutation($title: String!, $kind: ReleaseKind!, $note: String) {
  publishRelease(title: $title, kind: $kind, note: $note) { id }
}`;

browserSuite("releases in the dashboard", { database: "e2e_releases", seed: 5, scale: 0.01 }, (suite) => {
  let first = "";
  let second = "";

  it("/phat-hanh lists each release with its date, kind, note, a link to view it and its revisions CSV", async () => {
    const { page, server, db } = suite();
    const admin = { authorization: `Bearer ${(await createToken(db.dataSource, "admin", "Quản trị")).token}` };
    first = (await server.graphql(PUBLISH, { title: "Bản đầu", kind: "FIRST", note: "Lần đầu" }, admin)).data
      .publishRelease.id;
    await applyDemoCorrection(db.url);
    second = (
      await server.graphql(PUBLISH, { title: "Đính chính", kind: "CORRECTION", note: "Sửa một giá trị" }, admin)
    ).data.publishRelease.id;
    await page.goto(`${server.base}/phat-hanh`);
    const rows = page.locator(".releases-table tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).getAttribute("data-release")).toBe(second);
    expect(await rows.nth(0).locator("[data-kind]").innerText()).toBe("C");
    expect(await rows.nth(0).innerText()).toContain("Sửa một giá trị");
    const csvHref = await rows.nth(0).locator('[data-action="revisions-csv"]').getAttribute("href");
    expect(csvHref).toBe(`/revisions.csv?release=${encodeURIComponent(second)}`);
    const revisions = await fetch(`${server.base}${csvHref}`);
    expect(revisions.status).toBe(200);
    expect(await rows.nth(1).locator('[data-action="revisions-csv"]').count()).toBe(0); // the first revises nothing
    await page.screenshot({ path: path.join(ARTIFACTS, "releases-1366.png"), fullPage: true });
    const phone = await suite().context.newPage();
    await phone.setViewportSize({ width: 360, height: 740 });
    await phone.goto(`${server.base}/phat-hanh`);
    await phone.locator(".releases-table tbody tr").first().waitFor();
    await phone.screenshot({ path: path.join(ARTIFACTS, "releases-360.png"), fullPage: true });
    await phone.close();
    await rows.nth(1).locator('[data-action="view-release"]').click();
    await page.waitForURL(new RegExp(`release=${first.replace(/\./g, "\\.")}`));
  });

  it("?release= pins every figure; the caption, the files and the copied link name the release", async () => {
    const { page, server } = suite();
    await chartDrawn(page, "workerShares");
    const kpi = await page.locator('[data-kpi="valid"] [data-role="value"]').innerText();
    const pinned = (
      await server.graphql(`query($r: ID) { overview(release: $r) { kpis { measure value } } }`, { r: first })
    ).data.overview.kpis.find((k: { measure: string }) => k.measure === "valid").value;
    expect(kpi).toBe(new Intl.NumberFormat("vi-VN").format(pinned));
    const caption = await page.locator('[data-chart="workerShares"] [data-role="citation"]').innerText();
    expect(caption).toContain(`bản phát hành ${first}`);
    expect(await page.locator('[data-role="release-banner"]').innerText()).toContain(`Đang xem bản phát hành ${first}`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator('[data-chart="workerShares"] [data-action="csv"]').click(),
    ]);
    expect(download.suggestedFilename()).toContain(`-r${first.replace(/\./g, "-")}`);
    // The release's figures differ from the live ones: the pinned page shows the release's.
    const live = (
      await server.graphql(`{ overview(release: "live") { kpis { measure value } } }`)
    ).data.overview.kpis.find((k: { measure: string }) => k.measure === "valid").value;
    expect(live).not.toBe(pinned);
  });

  it("without ?release= the newest release is named, its revisions marked old → new, and a copied link pins it", async () => {
    const { page, server } = suite();
    await page.addInitScript(`(() => {
      window.__copied = [];
      Object.defineProperty(navigator, "clipboard", { value: { writeText: async (t) => { window.__copied.push(t); } } });
    })();`);
    await page.goto(`${server.base}/`);
    await drawEveryChart(page);
    const caption = await page.locator('[data-chart="provinceRanking"] [data-role="citation"]').innerText();
    expect(caption).toContain(`bản phát hành ${second}`);
    const marks = await page.locator('[data-role="revised"]').allInnerTexts();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.join(" ")).toMatch(/Đã điều chỉnh: .* → .*\(C, so với bản /);
    await page.locator('[data-chart="provinceRanking"] [data-action="link"]').click();
    const copied = new URL(await page.evaluate(() => (window as unknown as { __copied: string[] }).__copied.at(-1)!));
    expect(copied.searchParams.get("release")).toBe(second);
    expect(copied.searchParams.get("asOf")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The national figures on the KPI cards (one line that opens), the others under the charts that show them.
    const kpiMark = page.locator('[data-kpi="valid"] [data-role="revised"]');
    expect(await kpiMark.innerText()).toBe("Đã điều chỉnh");
    await kpiMark.locator("summary").click();
    expect(await kpiMark.innerText()).toMatch(/^Đã điều chỉnh\s+Toàn quốc, Hợp lệ: .* → .*\(C, so với bản /);
    const revised = page.locator('figure [data-role="revised"]').first();
    await revised.scrollIntoViewIfNeeded();
    await revised
      .locator("xpath=ancestor::figure")
      .screenshot({ path: path.join(ARTIFACTS, "revised-panel-1366.png") });
  });

  it("on a phone the cards keep their size when the revision log arrives after the figures (no layout shift)", async () => {
    const { browser, server } = suite();
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    try {
      const page = await context.newPage();
      // Every shift, as Lighthouse counts them (none with recent input: the page is only loaded).
      await page.addInitScript(`(() => {
        window.__shifts = [];
        new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__shifts.push(e.value); })
          .observe({ type: "layout-shift", buffered: true });
      })();`);
      await page.goto(`${server.base}/`);
      await page.locator('[data-kpi="valid"] [data-role="revised"]').waitFor();
      await page.waitForTimeout(500);
      const shifts = await page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts);
      expect(shifts.reduce((a, b) => a + b, 0)).toBeLessThan(0.001);
      expect(await page.locator('[data-kpi="submissions"] .revised-room').count()).toBe(1); // kept, unrevised
    } finally {
      await context.close();
    }
  });
});
