import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { parseArgs } from "node:util";
import { findChromium, launchChromium } from "../test/e2e/browser";

/**
 * The dashboard's weight and speed, into docs/benchmarks.md:
 * - initial JavaScript (what index.html loads before any view), gzip, against the 350 kB budget;
 * - time from navigation to the overview drawn with data (every KPI and every chart, map
 *   included) in headless Chromium, each run in a fresh browser context (cold cache).
 * Usage: npm start (full scale), then npm run bench:dashboard [-- --url http://localhost:4000 --runs 7]
 */
const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: { url: { type: "string", default: "http://localhost:4000" }, runs: { type: "string", default: "7" } },
});
const dist = path.join(root, "client/dist");
const kB = (bytes: number) => (bytes / 1000).toFixed(1);

// --- weight: the files index.html references are the initial load; the rest load on demand.
const html = fs.readFileSync(path.join(dist, "index.html"), "utf8");
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
const gz = (file: string) => gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;
const initialJs = initial.filter((f) => f.endsWith(".js")).reduce((sum, f) => sum + gz(f), 0);
const initialCss = initial.filter((f) => f.endsWith(".css")).reduce((sum, f) => sum + gz(f), 0);
const lazy = fs
  .readdirSync(path.join(dist, "assets"))
  .filter((f) => f.endsWith(".js") && !initial.includes(`assets/${f}`))
  .map((f) => ({ file: f, gzip: gz(`assets/${f}`) }))
  .sort((a, b) => b.gzip - a.gzip);

// --- speed
const chromium = findChromium();
if (!chromium) throw new Error("no Chromium: apt-get install -y chromium, or set CHROME_PATH");
const dataset = await fetch(`${values.url}/graphql`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ query: "{ dataset { initiativeCount synthetic scale } }" }),
}).then((r) => r.json() as Promise<{ data: { dataset: { initiativeCount: number; scale: number } } }>);
const browser = await launchChromium(chromium);
const timings: Array<{ ms: number; requests: number }> = [];
for (let run = 0; run < Number(values.runs); run++) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  let requests = 0;
  page.on("request", (r) => {
    if (r.url().includes("/graphql")) requests++;
  });
  await page.goto(`${values.url}/`);
  // Drawn with data: the KPI cards hold figures and every chart has its canvas (the map's needs its geometry).
  await page.waitForFunction(
    () => {
      const figures = Array.from(document.querySelectorAll("figure[data-chart]"));
      return (
        document.querySelector('[data-kpi="submissions"] [data-role="value"]') !== null &&
        figures.length > 0 &&
        figures.every((f) => f.querySelector("canvas"))
      );
    },
    undefined,
    { timeout: 30_000, polling: 10 },
  );
  timings.push({ ms: await page.evaluate(() => performance.now()), requests });
  await context.close();
}
await browser.close();

const sorted = timings.map((t) => t.ms).sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)]!;
const cpu = os.cpus();
const section = [
  "<!-- dashboard-benchmark:start -->",
  `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:dashboard\` on ${cpu.length} × ${cpu[0]?.model.trim()}, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, Chromium headless on localhost, against \`npm start\` with ` +
    `${dataset.data.dataset.initiativeCount.toLocaleString("en-US")} initiatives (scale ${dataset.data.dataset.scale}).`,
  "",
  `- Initial JavaScript: **${kB(initialJs)} kB gzip** (budget 350 kB), plus ${kB(initialCss)} kB of CSS: ${initial.join(", ")}.`,
  `- Loaded on demand: ${lazy.map((l) => `${l.file.replace(/-[\w-]{8}\.js$/, "")} ${kB(l.gzip)} kB`).join(", ")}.`,
  `- Overview drawn with data (every KPI and chart, map included), from navigation, fresh browser context each run: ` +
    `first run ${timings[0]!.ms.toFixed(0)} ms, median of ${timings.length} **${median.toFixed(0)} ms**, worst ${sorted.at(-1)!.toFixed(0)} ms (goal ≤ 1,500 ms); ` +
    `${Math.max(...timings.map((t) => t.requests))} GraphQL requests per load (goal ≤ 2).`,
  "<!-- dashboard-benchmark:end -->",
].join("\n");
const file = path.join(root, "docs/benchmarks.md");
let doc = fs.readFileSync(file, "utf8");
if (!doc.includes("<!-- dashboard-benchmark:start -->")) {
  doc +=
    "\n## Dashboard\n\nGoals (issue 4): initial JavaScript ≤ 350 kB gzip with ECharts in its own chunk and the map geometry on demand; the overview drawn with data within 1.5 s of navigation, cold cache, full scale.\n\n<!-- dashboard-benchmark:start -->\n<!-- dashboard-benchmark:end -->\n";
}
fs.writeFileSync(
  file,
  doc.replace(/<!-- dashboard-benchmark:start -->[\s\S]*<!-- dashboard-benchmark:end -->/, section),
);
console.log(section);
