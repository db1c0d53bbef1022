import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The status corrections of a few grassroots unions without reading them all: every figure below the
 * second tier (a district's unions, their cell keys) adds the corrections of its unions, asked as
 * `grassroots_unit_id = ANY(…)`. Without an index PostgreSQL scanned the whole table and compared
 * each row with every union of the list: 32 of a 67 ms district page question at full scale (23 ms
 * with it, docs/benchmarks.md).
 */
export class StatusCorrectionUnitIndex1700000000021 implements MigrationInterface {
  name = "StatusCorrectionUnitIndex1700000000021";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX status_correction_grassroots_unit_idx ON status_correction (grassroots_unit_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX status_correction_grassroots_unit_idx`);
  }
}
