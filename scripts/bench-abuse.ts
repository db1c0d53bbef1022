import "reflect-metadata";
import { parseArgs } from "node:util";
import { runCli } from "../server/src/common/run-cli";
import { loadConfig } from "../server/src/config/config";
import { ABUSE_GOALS, codeVersion, HOSTILE_SECTION } from "./abuse/benchmark-section";
import { HOSTILE_REQUESTS, type HostileRequest } from "./abuse/hostile-requests";
import { sendHostile, unexpected } from "./abuse/refusal";
import { startCluster } from "./load/cluster";
import { LoadAverage } from "./load/cpu";
import { quantile } from "./load/dashboard-load";
import { machineLine, writeBlock } from "./load/report";

const USAGE = `usage: npm run bench:abuse -- [--count N] [--warmup N] [--no-docs]
  Starts PostgreSQL and one server instance as \`npm run load\` does (DATA_DIR and EMBEDDED_PG_PORT, or DATABASE_URL;
  the demo data generated if none is loaded; rate limit off), sends every request of the abuse catalogue
  (scripts/abuse/hostile-requests.ts) --warmup times (default 5), then --count times (default 50), one at a time,
  and records how long each refusal took and whether it came with its status and code.
  Results go into docs/benchmarks.md ("Hostile traffic (issue 15)") unless --no-docs.`;

class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n${USAGE}`);
    this.name = "UsageError";
  }
}

interface Timings {
  request: HostileRequest;
  ms: number[];
  /** What was wrong with the answers that were not the expected refusal (the first few). */
  wrong: string[];
  wrongCount: number;
}

function wholeNumber(values: Record<string, unknown>, name: string, min: number, max: number): number {
  const text = String(values[name]);
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  return n;
}

const ms = (n: number) => n.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * Every request of the catalogue once per round, in order, `rounds` times: a burst of one request
 * repeated would flatter whatever the server keeps from the last one, and a slow moment of the
 * machine falls on all requests alike rather than on one.
 */
async function measure(base: URL, rounds: number): Promise<Timings[]> {
  const timings = HOSTILE_REQUESTS.map((request): Timings => ({ request, ms: [], wrong: [], wrongCount: 0 }));
  for (let round = 0; round < rounds; round++) {
    for (const t of timings) {
      const answer = await sendHostile(base, t.request);
      t.ms.push(answer.ms);
      const wrong = unexpected(t.request, answer);
      if (wrong) {
        t.wrongCount++;
        if (t.wrong.length < 3) t.wrong.push(wrong);
      }
    }
  }
  return timings;
}

function table(timings: Timings[]): string[] {
  return [
    "| Request | Expected | As expected | p50 ms | p95 ms | max ms |",
    "|---|---|---|---|---|---|",
    ...timings.map((t) => {
      const max = Math.max(...t.ms);
      return (
        `| ${t.request.name.replace(/\|/g, "\\|")} | ${t.request.expect.status} ${t.request.expect.code} | ` +
        `${t.wrongCount === 0 ? `${t.ms.length}/${t.ms.length}` : `**${t.ms.length - t.wrongCount}/${t.ms.length}**`} | ` +
        `${ms(quantile(t.ms, 0.5))} | ${ms(quantile(t.ms, 0.95))} | ${max >= ABUSE_GOALS.refusalMs ? `**${ms(max)}**` : ms(max)} |`
      );
    }),
  ];
}

function verdict(timings: Timings[]): string[] {
  const all = timings.flatMap((t) => t.ms);
  const slow = timings
    .filter((t) => Math.max(...t.ms) >= ABUSE_GOALS.refusalMs)
    .sort((a, b) => Math.max(...b.ms) - Math.max(...a.ms));
  const wrong = timings.filter((t) => t.wrongCount > 0);
  const met = slow.length === 0 && wrong.length === 0;
  const lines = [
    `${met ? "**Goal met**" : "**Goal missed**"}: ${all.length.toLocaleString("en-US")} refusals, p50 ${ms(quantile(all, 0.5))} ms, ` +
      `p95 ${ms(quantile(all, 0.95))} ms, max ${ms(Math.max(...all))} ms (goal: every one under ${ABUSE_GOALS.refusalMs} ms); ` +
      `${all.filter((n) => n >= ABUSE_GOALS.refusalMs).length} took ${ABUSE_GOALS.refusalMs} ms or more; ` +
      (wrong.length === 0
        ? "every answer had its status and code."
        : `${wrong.length} requests were not always refused as expected.`),
  ];
  if (slow.length) {
    lines.push(
      `Requests with a refusal of ${ABUSE_GOALS.refusalMs} ms or more: ${slow
        .map(
          (t) =>
            `${t.request.name} (max ${ms(Math.max(...t.ms))} ms, ${t.ms.filter((n) => n >= ABUSE_GOALS.refusalMs).length} of ${t.ms.length} over)`,
        )
        .join("; ")}.`,
    );
  }
  if (wrong.length)
    lines.push(
      `Not as expected: ${wrong.map((t) => `${t.request.name}: ${t.wrongCount}× ${t.wrong.join(" / ")}`).join("; ")}.`,
    );
  return lines;
}

runCli(async () => {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "50" },
      warmup: { type: "string", default: "5" },
      "no-docs": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  const count = wholeNumber(values, "count", 1, 100_000);
  const warmup = wholeNumber(values, "warmup", 0, 1000);
  const command = `npm run bench:abuse -- ${process.argv.slice(2).join(" ")}`.trim().replace(/ --$/, "");

  const cluster = await startCluster({ instances: 1, config: loadConfig() });
  const interrupt = () => void cluster.stop().finally(() => process.exit(130));
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  try {
    console.log(
      `server ready on ${cluster.entry.origin}; ${HOSTILE_REQUESTS.length} hostile requests, ${warmup} warm-up rounds, then ${count}`,
    );
    // The first requests after a start pay for compiling the server's code paths: not what a stranger gets later.
    await measure(cluster.entry, warmup);
    const load = new LoadAverage();
    const timings = await measure(cluster.entry, count);
    const { start, end, max } = load.stop();
    const lines = [
      `${machineLine(cluster, command, "The client (fetch, one request at a time) runs")} Code: ${codeVersion()}.`,
      "",
      `Each request of the catalogue sent ${count} times, one at a time on a kept-alive connection, every request once per round, ` +
        `after ${warmup} warm-up rounds, to an otherwise idle server; the time is the client's, from sending to the answer's last byte ` +
        `(load average (1 min) ${start.toFixed(1)} → ${end.toFixed(1)}, max ${max.toFixed(1)}: what else the machine was doing).`,
      "",
      ...table(timings),
      "",
      ...verdict(timings),
    ];
    console.log(`\n${lines.join("\n")}`);
    if (!values["no-docs"]) {
      writeBlock("refusals", lines, HOSTILE_SECTION);
      console.log("\nwritten into docs/benchmarks.md (block abuse-benchmark-refusals)");
    }
  } finally {
    await cluster.stop();
  }
});
