import "reflect-metadata";
import { parseArgs } from "node:util";
import { runCli } from "../server/src/common/run-cli";
import { loadConfig } from "../server/src/config/config";
import { HOSTILE_SECTION } from "./abuse/benchmark-section";
import { startCluster, type Cluster } from "./load/cluster";
import { startReplicatedCluster } from "./load/replicated-cluster";
import { capacityScenario } from "./load/capacity-scenario";
import { VisitQueue } from "./load/dashboard-load";
import { QuestionQueue } from "./load/explorer-load";
import { drawBaseQuestions, drawVisits, MIX_DESCRIPTION, type MixSource } from "./load/mix";
import { writeBlock } from "./load/report";
import {
  abuseScenario,
  dashboardScenario,
  explorerScenario,
  soakScenario,
  type ScenarioSettings,
} from "./load/scenarios";
import { translatePages } from "./load/translate";

const USAGE = `usage: npm run load -- [--instances 1|2 | --replicas 0|1|2] [--duration S] [--warmup S] [--connections N] [--rate PAGE_LOADS_PER_MINUTE]
                      [--explorer | --soak S | --abuse | --capacity] [--base-query-concurrency N] [--no-docs]
  (default)   the dashboard mix at --rate (default 3000) for --duration (default 60) s, then as fast as answered
              over --connections (default 64) connections
  --explorer  questions no rollup answers: alone, then 0/1/2/4 at once during the dashboard mix
  --capacity  the dashboard mix from --rate up, a quarter more each step, until p95 > 200 ms or an error
  --replicas N  a primary and N streaming standbys under DATA_DIR/replicated; the dashboard's instance reads
              the primary, an analysts' instance (the Explorer's questions) the standbys (the primary with 0);
              other runs: the load goes to one instance reading the standbys
  --soak S    the dashboard mix at --rate for S seconds, each instance's memory every 10 s
  --abuse     the dashboard mix at --rate for --duration s, then again with a client sending the abuse
              catalogue's requests (scripts/abuse/hostile-requests.ts) one every 10 ms
  Uses DATA_DIR and EMBEDDED_PG_PORT (or DATABASE_URL) like npm start, and generates the demo data there if none is loaded.
  Results go into docs/benchmarks.md ("Load (issue 6)"; --abuse: "Hostile traffic (issue 15)") unless --no-docs.`;

class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n${USAGE}`);
    this.name = "UsageError";
  }
}

/** Distinct page loads drawn; the run cycles through them (at 3,000 a minute, every two minutes). */
const VISITS = 6000;
/** Distinct days for each base-table question: enough for the explorer phases without asking one twice. */
const BASE_DAYS = 150;

function wholeNumber(values: Record<string, unknown>, name: string, min: number, max: number): number {
  const text = String(values[name]);
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  return n;
}

/** The catalogue's members and dates, as the dashboard reads them, and the units below the top level. */
async function mixSource(cluster: Cluster): Promise<MixSource> {
  const response = await fetch(new URL("/graphql", cluster.entry), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ meta { firstDate lastDate dimensions { name members { code } } } }" }),
  });
  const { data } = (await response.json()) as {
    data: {
      meta: {
        firstDate: string;
        lastDate: string;
        dimensions: Array<{ name: string; members: Array<{ code: string }> }>;
      };
    };
  };
  const members = (name: string) => data.meta.dimensions.find((d) => d.name === name)!.members.map((m) => m.code);
  const units = (await cluster.dataSource.query("SELECT code FROM unit WHERE tier = 2 ORDER BY code")) as Array<{
    code: string;
  }>;
  return {
    firstDate: data.meta.firstDate,
    lastDate: data.meta.lastDate,
    workerCategories: members("workerCategory"),
    fields: members("field"),
    topUnits: members("topUnit"),
    secondTierUnits: units.map((u) => u.code),
  };
}

runCli(async () => {
  const { values } = parseArgs({
    options: {
      instances: { type: "string", default: "1" },
      replicas: { type: "string" },
      duration: { type: "string", default: "60" },
      warmup: { type: "string", default: "15" },
      connections: { type: "string", default: "64" },
      rate: { type: "string", default: "3000" },
      explorer: { type: "boolean", default: false },
      soak: { type: "string" },
      abuse: { type: "boolean", default: false },
      capacity: { type: "boolean", default: false },
      "base-query-concurrency": { type: "string" },
      "no-docs": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  const instances = wholeNumber(values, "instances", 1, 2);
  const replicas = values.replicas === undefined ? undefined : wholeNumber(values, "replicas", 0, 2);
  const soak = values.soak === undefined ? undefined : wholeNumber(values, "soak", 60, 24 * 3600);
  if ([soak !== undefined, values.explorer, values.abuse, values.capacity].filter(Boolean).length > 1) {
    throw new UsageError("--soak, --explorer, --abuse and --capacity are separate runs: give one of them");
  }
  const config = loadConfig();
  const baseQueryConcurrency =
    values["base-query-concurrency"] === undefined
      ? config.baseQueryConcurrency
      : wholeNumber(values, "base-query-concurrency", 1, config.databasePoolSize - 1);
  const command = `npm run load -- ${process.argv.slice(2).join(" ")}`.trim().replace(/ --$/, "");
  // Checked before anything starts: a typo should not cost a cluster's start (or a dataset's generation).
  const pacing = {
    seconds: soak ?? wholeNumber(values, "duration", 5, 3600),
    warmupSeconds: wholeNumber(values, "warmup", 0, 600),
    connections: wholeNumber(values, "connections", 1, 1000),
    rate: wholeNumber(values, "rate", 1, 1_000_000),
  };

  const env = { BASE_QUERY_CONCURRENCY: String(baseQueryConcurrency) };
  const cluster: Cluster =
    replicas === undefined
      ? await startCluster({ instances, config, env })
      : await startReplicatedCluster({
          replicas,
          config,
          env,
          readers: values.explorer ? "analysts" : "everyone",
        });
  // Ctrl-C: stop the instances and PostgreSQL rather than leave them running.
  const interrupt = () => void cluster.stop().finally(() => process.exit(130));
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  try {
    console.log(
      `${cluster.instances.length} instance(s) ready on ${cluster.instances.map((u) => u.port).join(", ")}; load goes to ${cluster.entry.origin}`,
    );
    const source = await mixSource(cluster);
    const visits = new VisitQueue(await translatePages(drawVisits(source, VISITS)));
    const settings: ScenarioSettings = {
      cluster,
      visits,
      command,
      baseQueryConcurrency,
      dashboardBusyReads: config.dashboardBusyReadsPerSecond,
      ...pacing,
    };
    let id: string;
    let lines: string[];
    if (values.explorer) {
      const questions = new QuestionQueue((await translatePages(drawBaseQuestions(source, BASE_DAYS))).pages);
      const block = replicas === undefined ? "explorer" : `explorer-replicas-${replicas}`;
      [id, lines] = [block, await explorerScenario(settings, questions)];
    } else if (soak !== undefined) [id, lines] = ["soak", await soakScenario(settings)];
    else if (values.abuse) [id, lines] = ["abuse", await abuseScenario(settings)];
    else if (values.capacity) {
      const layout =
        replicas !== undefined ? `replicas-${replicas}` : `${instances}${process.env.REDIS_URL ? "-redis" : ""}`;
      [id, lines] = [`capacity-${layout}`, await capacityScenario(settings)];
    } else [id, lines] = [`dashboard-${instances}`, await dashboardScenario(settings)];
    console.log(`\n${lines.join("\n")}`);
    if (!values["no-docs"] && values.abuse) {
      writeBlock("load", lines, HOSTILE_SECTION);
      console.log("\nwritten into docs/benchmarks.md (block abuse-benchmark-load)");
    } else if (!values["no-docs"]) {
      writeBlock("mix", [
        `The mix (${VISITS.toLocaleString("en-US")} visits drawn with a fixed seed, then repeated): ${MIX_DESCRIPTION}`,
      ]);
      writeBlock(id, lines);
      console.log(`\nwritten into docs/benchmarks.md (block load-benchmark-${id})`);
    }
  } finally {
    await cluster.stop();
  }
});
