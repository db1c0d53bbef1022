import { rollupTables } from "../../db/aggregates/rollup-builder";

/**
 * The tables a load may replace under a reader: the rollups (swapped in whole, db/aggregates/swap-lock.ts)
 * and those a first import or a seed empties and fills again (TRUNCATE).
 */
const REPLACED_BY_LOADS = [
  ...new Set([...rollupTables(), "initiative", "status_correction", "unit", "target", "initiative_status_change"]),
]
  .sort()
  .map((table) => ({ table, named: new RegExp(`\\b${table}\\b`) }));

/**
 * `LOCK TABLE … IN ACCESS SHARE MODE` on each such table the statements name, or null for none; sent
 * before the transaction's first snapshot (a LOCK takes none). A table swapped in or emptied by a load
 * is not safe for a snapshot older than the load: a REPEATABLE READ reader whose snapshot was taken
 * just before the load committed, and who opened the table just after, would find the new table and
 * none of its rows (their writer is not in the snapshot) — an answer of zeros, labelled with the old
 * version. Locked first, the reader either holds the old tables (the load waits for it) or waits for
 * the load's commit and takes its snapshot after. Sorted, the same order as a load's (no cycle).
 */
export function readLocksFor(statements: readonly string[]): string | null {
  const read = REPLACED_BY_LOADS.filter(({ named }) => statements.some((s) => named.test(s))).map((t) => t.table);
  return read.length ? `LOCK TABLE ${read.join(", ")} IN ACCESS SHARE MODE` : null;
}
