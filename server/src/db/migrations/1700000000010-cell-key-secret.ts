import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The secret seed of the record keys (docs/privacy.md): drawn once per database, so that every
 * initiative keeps the same record key across reloads and re-imports, and no one who only reads
 * the code or the answers can compute the noise of a public figure. One row; no entity (only
 * semantic/privacy reads it, in SQL).
 */
export class CellKeySecret1700000000010 implements MigrationInterface {
  name = "CellKeySecret1700000000010";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE cell_key_secret (id smallint PRIMARY KEY CHECK (id = 1), seed bigint NOT NULL)`);
    // 62 random bits from two draws of random() (each has 52): the seed of hashtextextended.
    await q.query(`INSERT INTO cell_key_secret (id, seed)
      VALUES (1, (floor(random() * 2147483648)::bigint << 31) # floor(random() * 2147483648)::bigint)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cell_key_secret`);
  }
}
