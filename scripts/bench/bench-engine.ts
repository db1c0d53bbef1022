import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../../server/src/db/database";
import { rebuildRollups, rollupsMatchRegistry } from "../../server/src/db/aggregates/rollup-builder";
import { CALIBRATION } from "../../server/src/db/seed/calibration";
import { Progress } from "../../server/src/db/seed/progress";
import { seedDemoData } from "../../server/src/db/seed/seed.service";
import type { AnalyticsQuery, AskContext, SemanticEngine } from "../../server/src/semantic";

/** What the API benchmarks share: a database holding the demo data at a scale, and the engine's time per question. */
export const argOf = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

/**
 * An embedded PostgreSQL with the demo data at `scale`: in `reuse` (loaded once, kept between
 * runs) or a temporary folder. Seeds when the scale differs, rebuilds rollups the registry changed.
 */
export async function openBenchDatabase(scale: number, reuse: string | undefined, port: number) {
  const dataDir = reuse ?? path.join(os.tmpdir(), `sangkien-bench-api-${process.pid}`);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  fs.chmodSync(dataDir, 0o755);
  const database = await openDatabase({
    databaseUrl: undefined,
    dataDir,
    embeddedPostgresPort: port,
    databasePoolSize: 20,
  });
  const [loaded] = (await database.dataSource.query(`SELECT scale FROM dataset WHERE is_current`)) as Array<{
    scale: number;
  }>;
  if (!loaded || Number(loaded.scale) !== scale)
    await seedDemoData(database.url, CALIBRATION.defaultSeed, scale, new Progress());
  else if (!(await rollupsMatchRegistry(database.dataSource)))
    await database.dataSource.transaction((m) => rebuildRollups(m));
  const [{ n }] = (await database.dataSource.query(`SELECT count(*)::int AS n FROM initiative`)) as Array<{
    n: number;
  }>;
  return {
    database,
    initiatives: n,
    async close() {
      await database.close();
      if (!reuse) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The q-quantile of samples (nearest rank). */
export const percentile = (values: number[], q: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)]!;

/** Server-side time of one question, after two warm-up answers; the engine should keep no answers (answersKept: 0). */
export async function timeQuestion(
  engine: SemanticEngine,
  ctx: AskContext,
  query: AnalyticsQuery,
  runs: number,
): Promise<{ p50: number; p95: number; source: string; samples: number[] }> {
  let source = "";
  for (let i = 0; i < 2; i++) source = (await engine.answer(ctx, query)).sources.join("+");
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await engine.answer(ctx, query);
    samples.push(performance.now() - t);
  }
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), source, samples };
}
