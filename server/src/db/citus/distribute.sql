-- The Citus layout of the analytics database (docs/scaling.md, "Past one PostgreSQL server").
-- Run on the coordinator by apply-layout.sh after the app has created the schema and loaded data;
-- every step is skipped when already done, so it can run again after each load.
--
-- * Catalogues and the unit tree are small and joined by every query: reference tables, copied
--   to every node.
-- * initiative, the only table that grows with the programme, is distributed by top_unit_id:
--   a unit's initiatives live on one shard, so drill-downs and per-unit figures stay on one node,
--   and national figures are sums of per-shard partial aggregates.
-- * Rollups keyed by top_unit_id are co-located with it; the others (a few thousand rows each)
--   stay on the coordinator. A load rebuilds rollups as plain tables: run this again after it.

\set ON_ERROR_STOP on
CREATE EXTENSION IF NOT EXISTS citus;

-- Done already: a reference table is replicated to every node ('n', 't'), a distributed one hashed ('h').
-- Not merely "known to Citus": creating the reference tables turns every local table with a foreign
-- key to them (initiative among them) into a "Citus local table", which must still be distributed —
-- the first run against Citus found initiative left on the coordinator by that test.
CREATE OR REPLACE FUNCTION pg_temp.is_reference_table(name text) RETURNS boolean LANGUAGE sql AS
  $$ SELECT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = to_regclass(name)
                     AND partmethod = 'n' AND repmodel = 't') $$;
CREATE OR REPLACE FUNCTION pg_temp.is_distributed_table(name text) RETURNS boolean LANGUAGE sql AS
  $$ SELECT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = to_regclass(name) AND partmethod = 'h') $$;

-- Referenced tables first: a reference table may only point at other reference tables.
SELECT create_reference_table(t)
  FROM unnest(ARRAY['region', 'province_2025', 'province', 'emulation_cluster', 'worker_category', 'solution_type',
                    'initiative_field', 'initiative_status', 'phase', 'unit', 'target', 'author', 'dataset']) WITH ORDINALITY AS u(t, n)
 WHERE NOT pg_temp.is_reference_table(t)
 ORDER BY n;

-- Citus requires the distribution column in every unique key of a distributed table, and
-- foreign keys between distributed tables only along it. The portal code stays unique per top
-- unit (a portal code names one initiative of one unit).
DO $$
BEGIN
  IF NOT pg_temp.is_distributed_table('initiative') THEN
    ALTER TABLE initiative_status_change DROP CONSTRAINT IF EXISTS initiative_status_change_initiative_id_fkey;
    ALTER TABLE initiative_detail DROP CONSTRAINT IF EXISTS initiative_detail_initiative_id_fkey;
    -- Two statements: Citus refuses ADD CONSTRAINT beside another subcommand.
    ALTER TABLE initiative DROP CONSTRAINT initiative_pkey;
    ALTER TABLE initiative ADD PRIMARY KEY (top_unit_id, id);
    DROP INDEX IF EXISTS initiative_portal_code_idx;
    CREATE UNIQUE INDEX initiative_portal_code_idx ON initiative (top_unit_id, portal_code) WHERE portal_code IS NOT NULL;
    PERFORM create_distributed_table('initiative', 'top_unit_id');
    -- History and titles are read by initiative, never aggregated with it: their own shards.
    PERFORM create_distributed_table('initiative_status_change', 'initiative_id');
    PERFORM create_distributed_table('initiative_detail', 'initiative_id', colocate_with => 'initiative_status_change');
  END IF;
END $$;

-- Rollups with a top_unit_id column follow the initiatives of their unit. (information_schema names
-- are sql_identifier, which create_distributed_table does not take: cast to regclass, as the first
-- run against Citus showed.)
SELECT create_distributed_table(c.table_name::text::regclass, 'top_unit_id', colocate_with => 'initiative')
  FROM information_schema.columns c
 WHERE c.table_schema = 'public' AND c.table_name LIKE 'rollup\_%' AND c.column_name = 'top_unit_id'
   AND NOT pg_temp.is_distributed_table(c.table_name);
