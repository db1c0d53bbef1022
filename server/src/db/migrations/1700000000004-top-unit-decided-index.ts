import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The decisions of one top unit in a span of days, without reading all its initiatives: a unit
 * page as of a day inside a month takes the whole months from the second-tier rollup and only the
 * last days from the initiative table (see RollupDefinition.tailFromBase). Pending initiatives
 * have no decision and are left out of the index.
 */
export class TopUnitDecidedIndex1700000000004 implements MigrationInterface {
  name = "TopUnitDecidedIndex1700000000004";

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX initiative_top_unit_decided_at_idx ON initiative (top_unit_id, decided_at) WHERE decided_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX initiative_top_unit_decided_at_idx`);
  }
}
