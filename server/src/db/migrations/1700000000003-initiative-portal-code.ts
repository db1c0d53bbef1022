import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Imports of portal exports: the portal's own code of an initiative is the idempotency key
 * (re-importing a row updates it instead of adding it again). Demo rows have none, so the unique
 * index is partial and costs the demo load nothing. Titles live apart from the fact table, which
 * stays narrow for scans.
 */
export class InitiativePortalCode1700000000003 implements MigrationInterface {
  name = "InitiativePortalCode1700000000003";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE initiative ADD COLUMN portal_code text;
      CREATE UNIQUE INDEX initiative_portal_code_idx ON initiative (portal_code) WHERE portal_code IS NOT NULL;
      CREATE TABLE initiative_detail (
        initiative_id bigint PRIMARY KEY REFERENCES initiative (id) ON DELETE CASCADE,
        title text NOT NULL
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE initiative_detail; DROP INDEX initiative_portal_code_idx; ALTER TABLE initiative DROP COLUMN portal_code;`,
    );
  }
}
