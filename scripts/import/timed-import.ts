import "reflect-metadata";
import { createDataSource } from "../../server/src/db/data-source";
import { importCsv } from "../../server/src/db/import/import.service";
import type { ImportStage } from "../../server/src/db/import/import-report";

/**
 * One import, timed, in a process of its own as `npm run import` runs it (bench-import.ts starts
 * it): prints the report's counts and seconds, and when each stage began, as one JSON line.
 * Usage: tsx scripts/import/timed-import.ts <database url> <file.csv>
 */
const [url, file] = process.argv.slice(2);
if (!url || !file) throw new Error("usage: tsx scripts/import/timed-import.ts <database url> <file.csv>");
const dataSource = createDataSource(new URL(url), { size: 2 });
await dataSource.initialize();
try {
  const stages: Partial<Record<ImportStage, number>> = {};
  const started = performance.now();
  const report = await importCsv(dataSource, file, {
    errorFile: null,
    onProgress: (p) => void (stages[p.stage] ??= (performance.now() - started) / 1000),
  });
  const { rows, inserted, updated, unchanged, rejected, seconds } = report;
  console.log(JSON.stringify({ rows, inserted, updated, unchanged, rejected, seconds, stages }));
} finally {
  await dataSource.destroy();
}
