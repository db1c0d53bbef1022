import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Cluster } from "./cluster";
import { quantile, type RequestKind } from "./dashboard-load";
import type { MemorySample, MemoryVerdict } from "./memory";
import type { PhaseResult } from "./phase";

/** The issue's targets for the dashboard mix. */
export const TARGET = { pageLoadsPerMinute: 3000, p95Ms: 200 };

const KINDS: RequestKind[] = ["meta", "overview", "unit", "targets", "explorer", "export"];
const fixed = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "–";
const ms = (values: number[], q: number) => fixed(quantile(values, q));
/** The share of answers slower than the p95 goal: which kind of request keeps the p95 above it. */
const slow = (values: number[]) =>
  `${fixed((values.filter((v) => v > TARGET.p95Ms).length / Math.max(1, values.length)) * 100, 1)}%`;

/** `client`: what sends the requests, with its verb, "… on the same cores" (its CPU competes with the server's). */
export function machineLine(
  cluster: Cluster,
  command: string,
  client = "The load generator (autocannon) runs",
): string {
  const cpu = os.cpus();
  return (
    `Measured ${new Date().toISOString().slice(0, 10)} by \`${command}\` on ${cpu.length} × ${cpu[0]?.model.trim()}, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Linux ${os.release()}, Node ${process.version}, PostgreSQL ${cluster.postgresVersion}` +
    `${cluster.postgresPid ? " (embedded)" : ""}; ${cluster.initiatives.toLocaleString("en-US")} initiatives; ` +
    `${cluster.topology ?? (cluster.instances.length === 1 ? "one server instance" : `${cluster.instances.length} instances behind the round-robin proxy`)}, ` +
    // The instances inherit this process's environment: REDIS_URL set here is set there.
    `default settings (pool 10, BASE_QUERY_CONCURRENCY 2, response cache 1,000 answers or 64 MB per instance, ` +
    `${process.env.REDIS_URL ? "answers shared through Redis" : "no Redis"}), rate limit off. ` +
    `${client} on the same ${cpu.length} cores.`
  );
}

export function loadAverageText(phase: PhaseResult): string {
  const { start, end, max } = phase.loadAverage;
  return `load average (1 min) ${start.toFixed(1)} → ${end.toFixed(1)}, max ${max.toFixed(1)}`;
}

export function pageLoadsPerMinute(phase: PhaseResult): number {
  return (phase.run.pageLoads / phase.run.seconds) * 60;
}

export function errorCount(phase: PhaseResult): number {
  return [...phase.run.byKind.values()].reduce((sum, s) => sum + s.errors, 0) + phase.run.transportErrors;
}

/** Latency by request kind, then the page load as a browser sees it. */
export function latencyTable(phase: PhaseResult): string[] {
  const rows = KINDS.filter((k) => phase.run.byKind.has(k)).map((kind) => {
    const s = phase.run.byKind.get(kind)!;
    return `| ${kind} | ${fixed(s.count)} | ${fixed(s.count / phase.run.seconds, 1)} | ${ms(s.latencies, 0.5)} | ${ms(s.latencies, 0.95)} | ${ms(s.latencies, 0.99)} | ${slow(s.latencies)} | ${fixed(s.errors)} |`;
  });
  const pages = phase.run.pageLatencies;
  return [
    `| Request | Count | Per second | p50 ms | p95 ms | p99 ms | Over ${TARGET.p95Ms} ms | Errors |`,
    "|---|---|---|---|---|---|---|---|",
    ...rows,
    `| **page load** (meta ∥ page) | ${fixed(pages.length)} | ${fixed(pages.length / phase.run.seconds, 1)} | ${ms(pages, 0.5)} | **${ms(pages, 0.95)}** | ${ms(pages, 0.99)} | ${slow(pages)} | ${fixed(errorCount(phase))} |`,
  ];
}

/** What the first failed request said, for the notes; empty when none failed. */
export function firstError(phase: PhaseResult): string {
  const sample = phase.run.errorSamples[0];
  return sample ? `; first error: \`${sample.replace(/`/g, "'").slice(0, 200)}\`` : "";
}

/**
 * Visits cut by the end of the run: their catalogue answered, their page's request not yet. Paced,
 * each connection sends about one request a second, so a visit spans seconds and every connection
 * may be in the middle of one when the run stops; those page loads were accepted, not refused.
 */
export function visitsCutAtEnd(phase: PhaseResult): number {
  return Math.max(0, (phase.run.byKind.get("meta")?.count ?? 0) - phase.run.pageLoads);
}

export function verdict(phase: PhaseResult): string {
  const perMinute = pageLoadsPerMinute(phase);
  const cut = visitsCutAtEnd(phase);
  const startedPerMinute = ((phase.run.pageLoads + cut) / phase.run.seconds) * 60;
  const p95 = quantile(phase.run.pageLatencies, 0.95);
  const errors = errorCount(phase);
  const met = startedPerMinute >= TARGET.pageLoadsPerMinute && p95 < TARGET.p95Ms && errors === 0;
  return (
    `${met ? "**Target met**" : "**Target missed**"}: ${fixed(perMinute)} page loads a minute completed, ` +
    `${fixed(startedPerMinute)} with the ${fixed(cut)} visits the end of the run cut between the catalogue and the page ` +
    `(goal ≥ ${fixed(TARGET.pageLoadsPerMinute)}), page-load p95 ${fixed(p95)} ms (goal < ${TARGET.p95Ms} ms), ${fixed(errors)} errors (goal 0)${firstError(phase)}.`
  );
}

/** Where the work went: answers served from the cache or computed (and by what), and whose CPU paid. */
export function serverLine(phase: PhaseResult): string {
  const { responseHits, responseMisses, cacheHits, cacheMisses, rollupAnswers, baseAnswers } = phase.server;
  const pages = Math.max(1, phase.run.pageLoads);
  const cpu = phase.cpu;
  const perPage = (seconds: number) => `${fixed((seconds / pages) * 1000, 1)} ms`;
  const ratio = (hits: number, misses: number) =>
    `${fixed((hits / Math.max(1, hits + misses)) * 100)}% hits (${fixed(hits)} hits, ${fixed(misses)} misses)`;
  return (
    `Response cache ${ratio(responseHits, responseMisses)}; engine's answer cache ${ratio(cacheHits, cacheMisses)}; ` +
    `answers computed: ${fixed(rollupAnswers)} from rollups, ${fixed(baseAnswers)} from the base table (unit pages below the confederation, filtered overviews). ` +
    `CPU per page load: server ${perPage(cpu.server)}, PostgreSQL ${cpu.postgres === undefined ? "not measured (external)" : perPage(cpu.postgres)}, ` +
    `load generator and proxy ${perPage(cpu.generator)}; CPU busy ${fixed(((cpu.server + (cpu.postgres ?? 0) + cpu.generator) / phase.run.seconds / os.cpus().length) * 100)}% of the machine.`
  );
}

export function memoryLines(samples: MemorySample[], verdicts: MemoryVerdict[]): string[] {
  return verdicts.map(
    (v, i) =>
      `- Instance ${i + 1}: resident memory ${fixed(v.startMb)} MB at the start, ${fixed(v.endMb)} MB at the end, at most ${fixed(v.maxMb)} MB; ` +
      `${v.growthMb >= 0 ? "+" : ""}${fixed(v.growthMb, 1)} MB after the warm-up (slope ${fixed(v.slopeMbPerMinute, 2)} MB/min over ${samples.length} samples, every 10 s): ` +
      `**${v.grows ? "it grows" : "no growth"}**.`,
  );
}

const DOC = path.resolve(import.meta.dirname, "../../docs/benchmarks.md");

/** A section of docs/benchmarks.md that scripts rewrite block by block: `<!-- ${marker}-${id}:start -->` … `:end -->`. */
export interface DocSection {
  heading: string;
  marker: string;
  /** The section as first written, heading and empty blocks included. */
  intro: string;
}

const LOAD_HEADING = "## Load (issue 6)";
const LOAD_INTRO = [
  LOAD_HEADING,
  "",
  "Goals: at least 3,000 dashboard page loads a minute (each page's real set of requests) with p95 under 200 ms and no",
  "errors, on this 2-core machine; no memory growth over a 10-minute soak; explorer questions no rollup answers must not",
  "starve dashboard reads. `npm run load` starts PostgreSQL and the instances itself and rewrites the blocks below;",
  "see the README for its options.",
  "",
  "<!-- load-benchmark-mix:start -->",
  "<!-- load-benchmark-mix:end -->",
  "",
  "### One instance",
  "",
  "<!-- load-benchmark-dashboard-1:start -->",
  "<!-- load-benchmark-dashboard-1:end -->",
  "",
  "### Two instances behind the round-robin proxy",
  "",
  "<!-- load-benchmark-dashboard-2:start -->",
  "<!-- load-benchmark-dashboard-2:end -->",
  "",
  "### Explorer questions no rollup answers",
  "",
  "<!-- load-benchmark-explorer:start -->",
  "<!-- load-benchmark-explorer:end -->",
  "",
  "### Soak",
  "",
  "<!-- load-benchmark-soak:start -->",
  "<!-- load-benchmark-soak:end -->",
  "",
].join("\n");

export const LOAD_SECTION: DocSection = { heading: LOAD_HEADING, marker: "load-benchmark", intro: LOAD_INTRO };

/** Replaces one block of a section in docs/benchmarks.md (the load section unless told; the section is added when missing). */
export function writeBlock(id: string, lines: string[], section: DocSection = LOAD_SECTION): void {
  let doc = fs.readFileSync(DOC, "utf8");
  if (!doc.includes(section.heading)) doc = `${doc.trimEnd()}\n\n${section.intro}`;
  const start = `<!-- ${section.marker}-${id}:start -->`;
  const end = `<!-- ${section.marker}-${id}:end -->`;
  if (!doc.includes(start))
    throw new Error(`docs/benchmarks.md has no ${start} … ${end} block in "${section.heading}"`);
  // A function, not a string: a `$` in the lines (a request's name, a query) must stay as written.
  fs.writeFileSync(
    DOC,
    doc.replace(new RegExp(`${start}[\\s\\S]*${end}`), () => [start, ...lines, end].join("\n")),
  );
}
