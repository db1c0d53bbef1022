import type { DataSource } from "typeorm";
import { rebuildRollups, rollupsMatchRegistry } from "../aggregates/rollup-builder";

/**
 * Rebuilds the rollups of every kept data version (a published release's tables, keep-version.ts)
 * that another build of the code made: without this a release published before an upgrade that
 * changed the rollups is answered from its base table, exactly but at hundreds of milliseconds a
 * question. Each version in a transaction of its own, with only its schema on the search path, so
 * that every name the build reads, drops or swaps is the kept one (a rollup the kept schema lacks
 * must not resolve to the live table of that name). Returns the schemas rebuilt.
 */
export async function refreshKeptRollups(
  db: DataSource,
  failed: (schema: string, error: unknown) => void,
): Promise<string[]> {
  const kept = (await db.query(`SELECT schema_name FROM kept_version ORDER BY data_version`)) as Array<{
    schema_name: string;
  }>;
  const rebuilt: string[] = [];
  for (const { schema_name: schema } of kept) {
    // A version whose rebuild fails keeps its base-table answers (exact): the server still starts.
    const done = await db
      .transaction(async (manager) => {
        await manager.query(`SET LOCAL search_path TO ${schema}`);
        if (await rollupsMatchRegistry(manager)) return false;
        await rebuildRollups(manager);
        return true;
      })
      .catch((error: unknown) => {
        failed(schema, error);
        return false;
      });
    if (done) rebuilt.push(schema);
  }
  return rebuilt;
}
