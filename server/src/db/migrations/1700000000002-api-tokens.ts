import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Bearer tokens for the leadership and admin roles. Only a SHA-256 of each token is kept: the
 * token itself is shown once, when created, and cannot be read back from the database.
 */
export class ApiTokens1700000000002 implements MigrationInterface {
  name = "ApiTokens1700000000002";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_token (
        id serial PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        role text NOT NULL CHECK (role IN ('leadership', 'admin')),
        token_sha256 bytea NOT NULL UNIQUE,
        prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_token`);
  }
}
