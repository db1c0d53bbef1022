import { parseArgs } from "node:util";
import { HOSTILE_REQUESTS } from "../abuse/hostile-requests";
import { sendHostile, unexpected } from "../abuse/refusal";

/**
 * A stranger hammering the server alongside the readers: the requests of the abuse catalogue in
 * turn, one every --interval-ms, one at a time on the one kept-alive connection fetch opens for
 * them. A process of its own, so that its work does not delay the load generator's timings (it
 * shares the machine's cores as a real client on it would). Runs until SIGTERM, then prints
 * `abusive client summary {…}` (an AbusiveClientSummary) and exits.
 * Usage: tsx scripts/load/abusive-client.ts --entry http://127.0.0.1:4310 --interval-ms 10
 */
export interface AbusiveClientSummary {
  seconds: number;
  intervalMs: number;
  sent: number;
  /** Milliseconds from sending to the answer's last byte, in sending order. */
  latencies: number[];
  /** Per request of the catalogue, by name: how many were sent and the slowest answer. */
  byRequest: Record<string, { sent: number; maxMs: number }>;
  /** Answers other than the catalogue's refusal (status or code), and requests that got no answer. */
  unexpected: number;
  transportErrors: number;
  /** The first few of either, to say what happened. */
  samples: string[];
  /** Slots of --interval-ms that passed with no request sent, the previous answer still coming. */
  skippedSlots: number;
  /** This process's CPU seconds meanwhile. */
  cpuSeconds: number;
}

const SUMMARY_PREFIX = "abusive client summary ";
const SERVER_GONE_MS = 5000;

export function parseSummary(output: string): AbusiveClientSummary {
  const line = output.split("\n").find((l) => l.startsWith(SUMMARY_PREFIX));
  if (!line) throw new Error(`the abusive client printed no summary; its output:\n${output.slice(-2000)}`);
  return JSON.parse(line.slice(SUMMARY_PREFIX.length)) as AbusiveClientSummary;
}

async function abuse(entry: URL, intervalMs: number): Promise<void> {
  let stopping = false;
  process.once("SIGTERM", () => (stopping = true));
  const summary: AbusiveClientSummary = {
    seconds: 0,
    intervalMs,
    sent: 0,
    latencies: [],
    byRequest: {},
    unexpected: 0,
    transportErrors: 0,
    samples: [],
    skippedSlots: 0,
    cpuSeconds: 0,
  };
  const note = (text: string) => summary.samples.length < 5 && summary.samples.push(text);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  // Slots on a fixed grid (not "10 ms after the last answer"), so that timer overshoot does not
  // lower the rate; after a slow answer the next request leaves at once, without catching up in a burst.
  let slot = started;
  // Only failed connections for this long: the server is gone (the load test stopped it, or ended
  // without stopping this process), and so is the point of going on.
  let answeredAt = started;
  console.log(
    `abusive client: ${HOSTILE_REQUESTS.length} hostile requests in turn to ${entry.origin}, one every ${intervalMs} ms`,
  );
  while (!stopping && performance.now() - answeredAt < SERVER_GONE_MS) {
    const request = HOSTILE_REQUESTS[summary.sent % HOSTILE_REQUESTS.length]!;
    summary.sent++;
    const byRequest = (summary.byRequest[request.name] ??= { sent: 0, maxMs: 0 });
    byRequest.sent++;
    try {
      const answer = await sendHostile(entry, request);
      answeredAt = performance.now();
      summary.latencies.push(Math.round(answer.ms * 100) / 100);
      byRequest.maxMs = Math.max(byRequest.maxMs, answer.ms);
      const wrong = unexpected(request, answer);
      if (wrong) {
        summary.unexpected++;
        note(`${request.name}: ${wrong}`);
      }
    } catch (error) {
      summary.transportErrors++;
      note(`${request.name}: no answer (${(error as Error).message})`);
    }
    slot += intervalMs;
    const wait = slot - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    else if (wait < -intervalMs) {
      summary.skippedSlots += Math.floor(-wait / intervalMs);
      slot = performance.now();
    }
  }
  summary.seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  summary.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(SUMMARY_PREFIX + JSON.stringify(summary));
}

if (import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({
    options: { entry: { type: "string" }, "interval-ms": { type: "string", default: "10" } },
  });
  const intervalMs = Number(values["interval-ms"]);
  if (!values.entry || !(intervalMs > 0)) {
    console.error("usage: tsx scripts/load/abusive-client.ts --entry http://127.0.0.1:4310 [--interval-ms 10]");
    process.exit(2);
  }
  await abuse(new URL(values.entry), intervalMs);
}
