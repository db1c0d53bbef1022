import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Published releases (docs/releases.md): each pins one data version, with its title, note and kind.
 * `kept_version` lists the data versions whose tables were copied into their own schema when a load
 * replaced them (db/releases/keep-version.ts); `release_revision` holds the revision log computed when
 * each release was published. No entities: only db/releases reads and writes them, in SQL.
 */
export class Releases1700000000020 implements MigrationInterface {
  name = "Releases1700000000020";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE published_release (
        seq serial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        title text NOT NULL CHECK (length(title) > 0),
        note text,
        kind text NOT NULL CHECK (kind IN ('FIRST', 'PLANNED_REVISION', 'CORRECTION')),
        published_at timestamptz NOT NULL DEFAULT now(),
        data_version bigint NOT NULL REFERENCES dataset (data_version),
        data_end date,
        revises text REFERENCES published_release (id)
      );
      CREATE TABLE kept_version (
        data_version bigint PRIMARY KEY REFERENCES dataset (data_version),
        schema_name text NOT NULL UNIQUE,
        kept_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE release_revision (
        release_id text NOT NULL REFERENCES published_release (id),
        previous_release_id text NOT NULL REFERENCES published_release (id),
        scope text NOT NULL,
        key text,
        label text NOT NULL,
        measure text NOT NULL,
        previous_value double precision,
        value double precision,
        ordinal integer NOT NULL,
        PRIMARY KEY (release_id, ordinal)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE release_revision; DROP TABLE kept_version; DROP TABLE published_release;`);
  }
}
