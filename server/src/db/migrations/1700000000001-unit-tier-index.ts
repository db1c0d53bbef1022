import type { MigrationInterface, QueryRunner } from "typeorm";

/** The confederation, the 83 top units and the intermediates are found without scanning 130,000 grassroots unions. */
export class UnitTierIndex1700000000001 implements MigrationInterface {
  name = "UnitTierIndex1700000000001";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX unit_upper_tier_idx ON unit (tier, id) WHERE tier < 3`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX unit_upper_tier_idx`);
  }
}
