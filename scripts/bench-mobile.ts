import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { findChromium, launchChromium } from "../test/e2e/browser";

/**
 * The dashboard as a leader sees it on a phone, into docs/benchmarks.md (issue 18): Lighthouse's
 * mobile preset (simulated 4G, 4× CPU slowdown, Moto G power screen) on /, a unit page and
 * /chi-tieu, three runs each, medians; then the bytes each route moves on the wire with
 * `Accept-Encoding: br` (what the server sends, not files gzipped offline), and on / the
 * JavaScript received before the first chart is drawn.
 * Usage: npm start (full scale), then npm run bench:mobile [-- --url http://localhost:4000 --runs 3]
 */
const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://localhost:4000" },
    runs: { type: "string", default: "3" },
    label: { type: "string", default: "" },
    "no-write": { type: "boolean", default: false },
    /** For a quick look while working, e.g. --routes / --runs 1 --no-write. */
    routes: { type: "string", default: "/,/don-vi/LDLD-38,/chi-tieu" },
  },
});
const ROUTES = values.routes.split(",");
const chromium = findChromium();
if (!chromium) throw new Error("no Chromium: apt-get install -y chromium, or set CHROME_PATH");

interface Run {
  performance: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Lighthouse now and then fails to record a trace (NO_NAVSTART): such a run is tried again. */
async function lighthouseRun(url: string, attempts = 3): Promise<Run> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await lighthouseOnce(url);
    } catch (error) {
      if (attempt >= attempts) throw error;
      console.warn(`${url}: ${(error as Error).message}; trying again`);
    }
  }
}

async function lighthouseOnce(url: string): Promise<Run> {
  const chrome = await chromeLauncher.launch({
    chromePath: chromium,
    chromeFlags: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    // No config: Lighthouse's default is the mobile preset with simulated throttling.
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance"],
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { audits, categories, runtimeError } = result.lhr;
    if (runtimeError) throw new Error(`${url}: ${runtimeError.code} ${runtimeError.message}`);
    return {
      performance: Math.round((categories.performance!.score ?? 0) * 100),
      fcp: audits["first-contentful-paint"]!.numericValue!,
      lcp: audits["largest-contentful-paint"]!.numericValue!,
      tbt: audits["total-blocking-time"]!.numericValue!,
      cls: audits["cumulative-layout-shift"]!.numericValue!,
    };
  } finally {
    await chrome.kill();
  }
}

interface Wire {
  total: number;
  js: number;
  requests: number;
  /** On /: JavaScript received before the first chart is on screen (the server's drawing or a live one)… */
  jsBeforeChart?: number;
  /** …and before the first chart ECharts draws in the page. */
  jsBeforeLiveChart?: number;
}

/**
 * When the first chart appears in the page (the server's SVG drawing, first-page.ts, or ECharts'
 * canvas) and when the first live one does, on the page's own clock, which Resource Timing uses too.
 */
const RECORD_FIRST_CHARTS = () => {
  const marks = window as unknown as { firstChartAt?: number; firstLiveChartAt?: number };
  new MutationObserver((_, observer) => {
    const now = performance.now();
    if (
      marks.firstChartAt === undefined &&
      document.querySelector('figure[data-chart] [data-role="first-drawing"] svg')
    )
      marks.firstChartAt = now;
    if (document.querySelector("figure[data-chart] canvas")) {
      marks.firstChartAt ??= now;
      marks.firstLiveChartAt = now;
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
};

/** Bytes on the wire per route in a real Chromium (encoded body sizes plus headers), at 360 px. */
async function wireBytes(): Promise<Record<string, Wire>> {
  const browser = await launchChromium(chromium!);
  const out: Record<string, Wire> = {};
  try {
    for (const route of ROUTES) {
      const context = await browser.newContext({
        viewport: { width: 360, height: 740 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      });
      await context.addInitScript(RECORD_FIRST_CHARTS);
      const page = await context.newPage();
      const wire: Wire = { total: 0, js: 0, requests: 0 };
      const pending: Array<Promise<void>> = [];
      const jsBytes = new Map<string, number>();
      page.on("requestfinished", (request) =>
        pending.push(
          request.sizes().then((sizes) => {
            const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
            wire.total += bytes;
            wire.requests++;
            // By address, not resource type: ECharts prefetched on a phone (use-near-viewport.ts) comes as "other".
            if (request.resourceType() === "script" || new URL(request.url()).pathname.endsWith(".js")) {
              wire.js += bytes;
              jsBytes.set(request.url(), (jsBytes.get(request.url()) ?? 0) + bytes);
            }
          }),
        ),
      );
      await page.goto(`${values.url}${route}`, { waitUntil: "load" });
      if (route === "/") {
        // On a phone the first screen is the figures: live charts load when the reader scrolls to them (use-near-viewport.ts).
        await page.locator("figure[data-chart]").first().scrollIntoViewIfNeeded();
        await page.waitForSelector("figure[data-chart] canvas", { timeout: 30_000 });
      }
      // Scroll to the end so every lazily drawn panel loads what it needs, then let the network settle.
      await page.evaluate(async () => {
        for (let y = 0; y < document.body.scrollHeight; y += 500) {
          window.scrollTo(0, y);
          await new Promise((r) => setTimeout(r, 150));
        }
      });
      await page.waitForLoadState("networkidle");
      await Promise.all(pending);
      if (route === "/") {
        const timing = await page.evaluate(() => ({
          ...(window as unknown as { firstChartAt: number; firstLiveChartAt: number }),
          ends: performance
            .getEntriesByType("resource")
            .map((e) => [e.name, (e as PerformanceResourceTiming).responseEnd]),
        }));
        // A prefetched chunk has two entries (the prefetch, then the script): its bytes count once.
        const before = (at: number) =>
          [...new Set(timing.ends.filter(([, end]) => (end as number) <= at).map(([url]) => url as string))].reduce(
            (sum, url) => sum + (jsBytes.get(url) ?? 0),
            0,
          );
        wire.jsBeforeChart = before(timing.firstChartAt);
        wire.jsBeforeLiveChart = before(timing.firstLiveChartAt);
      }
      out[route] = wire;
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}

// Lighthouse's simulated 4× slowdown multiplies the CPU time it observes: a busy machine inflates TBT, so the load is reported.
const loadBefore = os.loadavg()[0]!;
const runs: Record<string, Run[]> = {};
for (const route of ROUTES) {
  runs[route] = [];
  await lighthouseRun(`${values.url}${route}`); // a first visit warms the server's response cache, not measured
  for (let i = 0; i < Number(values.runs); i++) {
    const run = await lighthouseRun(`${values.url}${route}`);
    console.log(route, JSON.stringify(run));
    runs[route].push(run);
  }
}
const wire = await wireBytes();
const dataset = await fetch(`${values.url}/graphql`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ query: "{ dataset { initiativeCount scale } }" }),
}).then((r) => r.json() as Promise<{ data: { dataset: { initiativeCount: number; scale: number } } }>);

const KiB = (bytes: number) => (bytes / 1024).toFixed(1);
const s = (ms: number) => (ms / 1000).toFixed(2);
const cpu = os.cpus();
const rows = ROUTES.map((route) => {
  const r = runs[route]!;
  const m = (key: keyof Run) => median(r.map((x) => x[key]));
  const w = wire[route]!;
  return (
    `| \`${route}\` | **${m("performance")}** | ${s(m("fcp"))} s | ${s(m("lcp"))} s | ${m("tbt").toFixed(0)} ms | ${m("cls").toFixed(3)} | ` +
    `${KiB(w.total)} KiB in ${w.requests} requests | ${KiB(w.js)} KiB${w.jsBeforeChart === undefined ? "" : ` (${KiB(w.jsBeforeChart)} KiB before the first chart, ${KiB(w.jsBeforeLiveChart!)} KiB before the first live chart)`} |`
  );
});
const section = [
  `<!-- mobile-benchmark${values.label ? `-${values.label}` : ""}:start -->`,
  `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:mobile\` on ${cpu.length} × ${cpu[0]?.model.trim()}, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, Lighthouse 12.2.3 mobile preset (simulated 4G, 4× CPU slowdown), ` +
    `Debian's Chromium headless on localhost, against \`npm start\` with ${dataset.data.dataset.initiativeCount.toLocaleString("en-US")} initiatives ` +
    `(scale ${dataset.data.dataset.scale}); medians of ${values.runs} runs after one unmeasured visit. Bytes: one load in Chromium at 360 × 740, scrolled to the end, ` +
    "encoded bodies and headers as received (`Accept-Encoding: br`). " +
    `Load average of the machine (2 cores, shared): ${loadBefore.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end.`,
  "",
  "| route | performance | FCP | LCP | TBT | CLS | on the wire | JavaScript on the wire |",
  "|---|---|---|---|---|---|---|---|",
  ...rows,
  `<!-- mobile-benchmark${values.label ? `-${values.label}` : ""}:end -->`,
].join("\n");
console.log(section);
if (!values["no-write"]) {
  const file = path.join(root, "docs/benchmarks.md");
  const marker = `mobile-benchmark${values.label ? `-${values.label}` : ""}`;
  let doc = fs.readFileSync(file, "utf8");
  if (!doc.includes(`<!-- ${marker}:start -->`)) {
    if (!doc.includes("## Phone (issue 18)")) {
      doc +=
        "\n## Phone (issue 18)\n\nGoals: performance ≥ 90, LCP ≤ 2.5 s, TBT ≤ 200 ms, CLS ≤ 0.1 on each route; ≤ 150 KiB of compressed JavaScript before the first chart is drawn on `/`.\n";
    }
    // A new block goes at the end of the Phone section, not of the file (where one once landed, after other sections).
    const phone = doc.indexOf("## Phone (issue 18)");
    const next = doc.indexOf("\n## ", phone + 1);
    const at = next < 0 ? doc.length : next + 1;
    doc = `${doc.slice(0, at)}<!-- ${marker}:start -->\n<!-- ${marker}:end -->\n\n${doc.slice(at)}`;
  }
  fs.writeFileSync(file, doc.replace(new RegExp(`<!-- ${marker}:start -->[\\s\\S]*<!-- ${marker}:end -->`), section));
}
