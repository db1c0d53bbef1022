import "reflect-metadata";
import { parseArgs } from "node:util";
import { loadConfig } from "../../config/config";
import { runCli } from "../../common/run-cli";
import { announceLoad } from "../../cache/announce-load";
import { openDatabase } from "../database";
import { Progress } from "../seed/progress";
import { importCsv } from "./import.service";
import { formatError, formatSummary, type ImportProgress } from "./import-report";

const USAGE = "usage: npm run import -- <file.csv> [--errors <errors.csv>] (columns: docs/import.md)";

class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n${USAGE}`);
    this.name = "UsageError";
  }
}

const STAGE_LABEL: Record<ImportProgress["stage"], string> = {
  read: "Đọc tệp / reading",
  write: "Ghi sáng kiến / writing initiatives…",
  rollups: "Dựng bảng tổng hợp / rebuilding rollups…",
};

runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { errors: { type: "string" }, help: { type: "boolean", default: false } },
  });
  if (values.help) return console.log(USAGE);
  if (positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? "name the CSV file to import" : "import one file at a time");
  const file = positionals[0]!;
  const config = loadConfig();
  const database = await openDatabase({ ...config, databasePoolSize: 2 });
  try {
    const report = await importCsv(database.dataSource, file, {
      errorFile: values.errors,
      onProgress: progressDisplay(),
      limits: config.importLimits,
    });
    // Errors on stdout (one per bad cell, values of personal columns withheld); progress went to stderr.
    for (const error of report.errors) console.log(formatError(error));
    for (const line of formatSummary(report)) console.log(line);
    if (report.changed && report.dataVersion) await announceLoad(config.redisUrl, report.dataVersion);
  } finally {
    await database.close();
  }
});

/** Maps import stages onto the seed's progress bar (stderr): a bar while reading, a line per later stage. */
function progressDisplay(): (p: ImportProgress) => void {
  const bar = new Progress();
  let stage: ImportProgress["stage"] | undefined;
  let read = 0;
  return (p) => {
    if (p.stage !== stage) {
      if (stage === "read") bar.finish();
      stage = p.stage;
      if (p.stage === "read") bar.start(STAGE_LABEL.read, p.totalBytes ?? 0);
      else bar.note(STAGE_LABEL[p.stage]);
    }
    if (p.stage === "read" && p.totalBytes) {
      bar.advance(p.bytesRead - read);
      read = p.bytesRead;
    }
  };
}
