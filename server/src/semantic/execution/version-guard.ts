/**
 * Figures and the data version they are labelled with come from one snapshot. An answer is planned
 * against the version the engine last read; its statements then run in one REPEATABLE READ
 * transaction whose first statement checks that this version is still the current one. Without
 * the check, a load that commits (or a replica that replays one) between reading the version and
 * reading the figures would label the new figures with the old version, and caches keyed by version
 * would keep them so. A DO block, rather than a SELECT whose row is compared here, travels in the
 * same message as BEGIN: no extra round trip (TypeORM returns no rows for a multi-statement query).
 */

/** Our own SQLSTATE for "the current data version is not the one expected". */
const MOVED = "SK001";

/** The statement that fails with MOVED unless `dataVersion` is current (data versions are integers). */
export function versionGuard(dataVersion: string): string {
  if (!/^\d+$/.test(dataVersion)) throw new Error(`not a data version: ${dataVersion}`);
  return `DO $$BEGIN IF NOT EXISTS (SELECT FROM dataset WHERE is_current AND data_version = ${dataVersion}) THEN RAISE EXCEPTION USING ERRCODE = '${MOVED}', MESSAGE = 'the data version moved'; END IF; END$$`;
}

/** The data changed under an answer: the engine reads the version again and answers anew. */
export class DataVersionMoved extends Error {
  constructor() {
    super("The data version changed while the answer was read.");
  }
}

export function isVersionMoved(error: unknown): boolean {
  const { code, driverError } = (error ?? {}) as { code?: string; driverError?: { code?: string } };
  return code === MOVED || driverError?.code === MOVED;
}
