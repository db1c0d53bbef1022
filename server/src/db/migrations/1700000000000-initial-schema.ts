import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The programme as it was: reference tables (regions, provinces, clusters, catalogues),
 * the unit hierarchy with a materialised path, targets, authors (personal data, kept apart),
 * initiatives with their status history, and the dataset record.
 * Catalogue codes are smallints in the fact table: 2.2 million rows stay narrow and fast to scan.
 */
export class InitialSchema1700000000000 implements MigrationInterface {
  name = "InitialSchema1700000000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE region (
        code text PRIMARY KEY,
        name_vi text NOT NULL,
        name_en text NOT NULL,
        sort_order smallint NOT NULL
      );
      CREATE TABLE province_2025 (
        code text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
        name text NOT NULL,
        full_name text NOT NULL,
        name_en text NOT NULL,
        type text NOT NULL CHECK (type IN ('province', 'municipality'))
      );
      CREATE TABLE province (
        code text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
        name text NOT NULL,
        full_name text NOT NULL,
        name_en text NOT NULL,
        type text NOT NULL CHECK (type IN ('province', 'municipality')),
        region_code text NOT NULL REFERENCES region (code),
        iso_code text NOT NULL UNIQUE,
        population_2019 integer NOT NULL CHECK (population_2019 > 0),
        successor_2025_code text NOT NULL REFERENCES province_2025 (code)
      );
      CREATE TABLE emulation_cluster (
        code text PRIMARY KEY,
        name_vi text NOT NULL,
        name_en text NOT NULL,
        confirmed boolean NOT NULL
      );
      CREATE TABLE worker_category (
        id smallint PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name_vi text NOT NULL,
        name_en text NOT NULL
      );
      CREATE TABLE solution_type (
        id smallint PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name_vi text NOT NULL,
        name_en text NOT NULL
      );
      CREATE TABLE initiative_field (
        id smallint PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name_vi text NOT NULL,
        name_en text NOT NULL
      );
      CREATE TABLE initiative_status (
        id smallint PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name_vi text NOT NULL,
        name_en text NOT NULL
      );
      CREATE TABLE phase (
        id smallint PRIMARY KEY,
        name_vi text NOT NULL,
        name_en text NOT NULL,
        applies_from date NOT NULL,
        applies_until date NOT NULL,
        portal_opens_at timestamptz NOT NULL,
        portal_closes_at timestamptz NOT NULL
      );

      CREATE TABLE unit (
        id integer PRIMARY KEY,
        parent_id integer REFERENCES unit (id),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        search_name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('CONFEDERATION', 'PROVINCIAL_FEDERATION', 'CENTRAL_SECTOR_UNION',
          'CORPORATION_UNION', 'DISTRICT_FEDERATION', 'INDUSTRIAL_ZONE_UNION', 'PROVINCIAL_SECTOR_UNION',
          'MEMBER_CORPORATION_UNION', 'UPPER_UNION', 'GRASSROOTS')),
        tier smallint NOT NULL CHECK (tier BETWEEN 0 AND 3),
        depth smallint NOT NULL CHECK (depth >= 0),
        path text NOT NULL,
        top_unit_id integer REFERENCES unit (id),
        province_code text REFERENCES province (code),
        cluster_code text REFERENCES emulation_cluster (code),
        grassroots_kind text CHECK (grassroots_kind IN ('ENTERPRISE', 'SCHOOL', 'HEALTH', 'PUBLIC_SERVICE',
          'STATE_AGENCY', 'COMMUNE')),
        members integer CHECK (members >= 0),
        CHECK ((tier = 3) = (grassroots_kind IS NOT NULL AND members IS NOT NULL AND province_code IS NOT NULL))
      );
      CREATE INDEX unit_path_idx ON unit (path text_pattern_ops);
      CREATE INDEX unit_parent_idx ON unit (parent_id);
      CREATE INDEX unit_top_unit_idx ON unit (top_unit_id);

      CREATE TABLE target (
        unit_id integer NOT NULL REFERENCES unit (id),
        phase_id smallint NOT NULL REFERENCES phase (id),
        target integer NOT NULL CHECK (target >= 0),
        PRIMARY KEY (unit_id, phase_id)
      );

      CREATE TABLE author (
        id integer PRIMARY KEY,
        full_name text NOT NULL,
        member_code text NOT NULL UNIQUE,
        grassroots_unit_id integer NOT NULL REFERENCES unit (id)
      );

      CREATE TABLE initiative (
        id bigint PRIMARY KEY,
        submitted_at timestamptz NOT NULL,
        phase_id smallint NOT NULL GENERATED ALWAYS AS
          (CASE WHEN submitted_at < '2022-06-01 00:00:00+07'::timestamptz THEN 1 ELSE 2 END) STORED,
        grassroots_unit_id integer NOT NULL REFERENCES unit (id),
        top_unit_id integer NOT NULL REFERENCES unit (id),
        province_code text NOT NULL REFERENCES province (code),
        worker_category_id smallint NOT NULL REFERENCES worker_category (id),
        solution_type_id smallint NOT NULL REFERENCES solution_type (id),
        field_id smallint NOT NULL REFERENCES initiative_field (id),
        status_id smallint NOT NULL REFERENCES initiative_status (id),
        decided_at timestamptz,
        benefit_vnd bigint CHECK (benefit_vnd >= 0),
        co_authors smallint NOT NULL DEFAULT 0 CHECK (co_authors >= 0),
        lead_author_id integer NOT NULL REFERENCES author (id),
        CHECK ((status_id = 1) = (decided_at IS NULL)),
        CHECK (decided_at >= submitted_at)
      );
      CREATE INDEX initiative_submitted_at_idx ON initiative (submitted_at);
      CREATE INDEX initiative_top_unit_submitted_at_idx ON initiative (top_unit_id, submitted_at);
      CREATE INDEX initiative_grassroots_unit_idx ON initiative (grassroots_unit_id);
      CREATE INDEX initiative_lead_author_idx ON initiative (lead_author_id);

      CREATE TABLE initiative_status_change (
        initiative_id bigint NOT NULL REFERENCES initiative (id) ON DELETE CASCADE,
        changed_at timestamptz NOT NULL,
        status_id smallint NOT NULL REFERENCES initiative_status (id),
        PRIMARY KEY (initiative_id, changed_at, status_id)
      );

      CREATE SEQUENCE data_version_seq;
      CREATE TABLE dataset (
        id serial PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('demo', 'imported')),
        generator_version text,
        seed integer,
        scale double precision,
        checksum text,
        initiative_count bigint NOT NULL,
        loaded_at timestamptz NOT NULL DEFAULT now(),
        data_version bigint NOT NULL UNIQUE DEFAULT nextval('data_version_seq'),
        is_current boolean NOT NULL DEFAULT true
      );
      CREATE UNIQUE INDEX dataset_one_current_idx ON dataset (is_current) WHERE is_current;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE dataset; DROP SEQUENCE data_version_seq;
      DROP TABLE initiative_status_change; DROP TABLE initiative; DROP TABLE author; DROP TABLE target; DROP TABLE unit;
      DROP TABLE phase; DROP TABLE initiative_status; DROP TABLE initiative_field; DROP TABLE solution_type;
      DROP TABLE worker_category; DROP TABLE emulation_cluster; DROP TABLE province; DROP TABLE province_2025; DROP TABLE region;
    `);
  }
}
