import "reflect-metadata";
import { parseArgs } from "node:util";
import { loadConfig } from "../config/config";
import { runCli } from "../common/run-cli";
import { openDatabase } from "../db/database";
import { SemanticEngine } from "../semantic";

const USAGE = `usage:
  npm run release -- publish --title "Số liệu đến 6/10/2023" [--note "…"] [--correction | --planned]
      pins the live data version; the first release is FIRST, later ones PLANNED_REVISION ("R", the default)
      or CORRECTION ("C"); the revision log against the previous release is computed now
  npm run release -- list`;

class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n${USAGE}`);
    this.name = "UsageError";
  }
}

runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      title: { type: "string" },
      note: { type: "string" },
      correction: { type: "boolean", default: false },
      planned: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  const [command] = positionals;
  if (values.help || !command) return console.log(USAGE);
  if (!["publish", "list"].includes(command)) throw new UsageError(`unknown command "${command}"`);
  if (command === "publish" && !values.title?.trim()) throw new UsageError("--title is required");
  if (values.correction && values.planned) throw new UsageError("--correction or --planned, not both");

  const config = loadConfig();
  const database = await openDatabase({ ...config, databasePoolSize: 2 });
  try {
    const engine = new SemanticEngine({ dataSource: database.dataSource, statementTimeoutMs: 600_000, answersKept: 0 });
    if (command === "list") {
      const releases = await engine.releases();
      if (!releases.length) return console.log("no releases");
      for (const r of releases)
        console.log(`${r.id}\t${r.kind}\tdata version ${r.dataVersion}\t${r.publishedAt.toISOString()}\t${r.title}`);
      return;
    }
    const first = (await engine.releases()).length === 0;
    const kind = first ? "FIRST" : values.correction ? "CORRECTION" : "PLANNED_REVISION";
    const release = await engine.publish(database.dataSource, {
      title: values.title!.trim(),
      note: values.note?.trim() || null,
      kind,
    });
    const revisions = await engine.revisions(release.id);
    console.log(
      `published ${release.id} (${release.kind}, data version ${release.dataVersion}, data to ${release.dataEnd})`,
    );
    if (!first)
      console.log(
        `${revisions.length} figures revised from ${release.revises} (see /revisions.csv?release=${release.id})`,
      );
  } finally {
    await database.close();
  }
});
