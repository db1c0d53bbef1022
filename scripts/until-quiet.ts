import type { DataSource } from "typeorm";

/**
 * Waits until autovacuum has finished with the rows just loaded (a seed's, an import's) and the
 * dirty pages are written out: a benchmark measures its own work, not the clean-up of the step
 * before it competing for the two cores and the disk. Gives up waiting after two minutes.
 */
export async function untilQuiet(dataSource: DataSource): Promise<void> {
  for (let waited = 0; waited < 120; waited++) {
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'`,
    );
    if (n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  await dataSource.query("CHECKPOINT");
}
