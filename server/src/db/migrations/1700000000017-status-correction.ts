import type { MigrationInterface, QueryRunner } from "typeorm";
import { CREATE_STATUS_CORRECTION, REFRESH_ALL_STATUS_CORRECTIONS } from "../aggregates/status-corrections.sql";

/**
 * Status corrections (see status-corrections.sql.ts): what the status history of re-decided
 * initiatives says beyond their rows, so that as-of counts follow the history. Filled from the
 * history already stored; the rollups are rebuilt at the next start (their build changed).
 */
export class StatusCorrection1700000000017 implements MigrationInterface {
  name = "StatusCorrection1700000000017";

  async up(q: QueryRunner): Promise<void> {
    await q.query(CREATE_STATUS_CORRECTION);
    for (const statement of REFRESH_ALL_STATUS_CORRECTIONS) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE status_correction`);
  }
}
