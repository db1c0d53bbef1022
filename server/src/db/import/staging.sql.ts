import { refreshStatusCorrectionsOf } from "../aggregates/status-corrections.sql";

/**
 * The set-based half of an import: good rows are COPYed into a staging table, then these
 * statements add authors, classify each row against what is stored and write only what changed.
 * The staging table is an ordinary (unlogged) one, filled in parts by a second session that
 * commits each part: the import's transaction can write a part's titles and history while the
 * next part is read, and the rollups can be built from the staged rows beside it (see
 * FirstImport). The import drops it when done, and the next one drops what a killed import left.
 * The other working tables are temporary and vanish with the transaction.
 */

/** The tables an import writes. */
export const WRITTEN_TABLES = ["author", "initiative", "initiative_detail", "initiative_status_change"];

/**
 * The import transaction's settings: memory for its hash tables and sorts, and the processes an
 * index build may use (a second one helps on two cores, unless another session already uses the second core).
 */
export const transactionSettings = (indexWorkers: number) => [
  "SET LOCAL work_mem = '256MB'",
  "SET LOCAL maintenance_work_mem = '256MB'",
  `SET LOCAL max_parallel_maintenance_workers = ${indexWorkers}`,
];

/** Columns of the staging table, in the order RowValidator writes them. */
export const STAGING_COLUMNS = [
  "portal_code",
  "title",
  "grassroots_unit_id",
  "top_unit_id",
  "province_code",
  "submitted_at",
  "worker_category_id",
  "solution_type_id",
  "field_id",
  "status_id",
  "decided_at",
  "benefit_vnd",
  "co_authors",
  "author_name",
  "member_code",
] as const;

/**
 * The rows to load: every row that passed the checks (units resolved and repeated codes dropped
 * while reading). new_id: the id the row takes if it is a new initiative of a first import: good
 * rows are numbered from 1 in file order as PostgreSQL ingests them (the file is checked in
 * batches on several threads, none of which knows how many good rows came before its own).
 * author_key: the lead author's identity, the member code or else the name within the grassroots
 * union (the best a file without member codes offers); computed by PostgreSQL while it ingests,
 * as earlier imports stored it.
 */
export const CREATE_STAGING = [
  `CREATE SEQUENCE import_staging_new_id_seq`,
  `CREATE UNLOGGED TABLE import_staging (
    new_id bigint NOT NULL DEFAULT nextval('import_staging_new_id_seq'), portal_code text NOT NULL, title text NOT NULL,
    grassroots_unit_id integer NOT NULL, top_unit_id integer NOT NULL, province_code text NOT NULL,
    submitted_at timestamptz NOT NULL, worker_category_id smallint NOT NULL, solution_type_id smallint NOT NULL,
    field_id smallint NOT NULL, status_id smallint NOT NULL, decided_at timestamptz, benefit_vnd bigint,
    co_authors smallint NOT NULL, author_name text NOT NULL, member_code text,
    author_key text GENERATED ALWAYS AS (
      coalesce(member_code, 'auto:' || md5(grassroots_unit_id::text || '|' || lower(author_name)))) STORED
  ) WITH (autovacuum_enabled = false)`,
  `ALTER SEQUENCE import_staging_new_id_seq OWNED BY import_staging.new_id`,
];

/** The staging table, its parts and its sequence (alone if an import was killed right after making it). */
export const DROP_STAGING = [
  `DROP TABLE IF EXISTS import_staging CASCADE`,
  `DROP SEQUENCE IF EXISTS import_staging_new_id_seq`,
];

/** The SQL that computes initiative.phase_id (a generated column) from a row's submitted_at. */
export const PHASE_EXPRESSION = `
  SELECT pg_get_expr(d.adbin, d.adrelid) AS expression
    FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
   WHERE d.adrelid = 'initiative'::regclass AND a.attname = 'phase_id'`;

/**
 * The staged rows as the initiative table holds them after a first import, for the rollups: the
 * author key stands for the lead author's id (one author per key), the phase is computed as the
 * table computes it.
 */
export const stagedAsInitiatives = (phaseExpression: string) => `(
  SELECT submitted_at, ${phaseExpression} AS phase_id, grassroots_unit_id, top_unit_id, province_code,
         worker_category_id, solution_type_id, field_id, status_id, decided_at, benefit_vnd, co_authors,
         author_key AS lead_author_id
    FROM import_staging)`;

/**
 * One part of the staging table: its rows are read through import_staging too (inheritance).
 * Autovacuum would otherwise vacuum and analyze each part as it is committed, on the cores the
 * import needs, for tables that live a few seconds.
 */
export const stagingPart = (part: number) => `import_staging_${part}`;
export const createStagingPart = (part: number) =>
  `CREATE UNLOGGED TABLE ${stagingPart(part)} () INHERITS (import_staging) WITH (autovacuum_enabled = false)`;
export const copyStagingPart = (part: number) =>
  `COPY ${stagingPart(part)} (${STAGING_COLUMNS.join(", ")}) FROM STDIN WITH (FORMAT binary)`;

/**
 * Replaces the synthetic demo data: units and targets stay (rows refer to units), the rest goes.
 * Locked in name order, the order readers lock them in (semantic/execution/read-locks.ts): a
 * reader holding one while the import waits for it then never waits for the import in turn.
 */
export const CLEAR_DEMO_DATA = `TRUNCATE author, initiative, initiative_detail, initiative_status_change, status_correction`;

/** Whether anything is stored: if not, the import is a first one (see INSERT_FIRST_INITIATIVES). */
export const ANYTHING_STORED = `
  SELECT EXISTS (SELECT 1 FROM initiative) AS initiatives, EXISTS (SELECT 1 FROM author) AS authors`;

/** Rows whose portal code is not stored yet, and the rows stored: whether a write is large, and whether anything stored can change. */
export const COUNT_FRESH = `
  SELECT (SELECT count(*) FROM import_staging r WHERE NOT EXISTS (SELECT 1 FROM initiative i WHERE i.portal_code = r.portal_code))::int AS fresh,
         (SELECT count(*) FROM initiative)::int AS stored,
         EXISTS (SELECT 1 FROM author) AS has_authors`;

/** Each lead author once (grouped by hashing, not sorting: the file can hold a million). */
export const BUILD_AUTHORS = `
  CREATE TEMP TABLE import_author ON COMMIT DROP AS
  SELECT author_key, min(author_name) AS author_name, min(grassroots_unit_id) AS grassroots_unit_id,
         bool_or(member_code IS NOT NULL) AS has_member_code
    FROM import_staging GROUP BY author_key`;

export const CREATE_AUTHOR_ID_SEQUENCE = `CREATE TEMP SEQUENCE import_author_id_seq`;
export const START_AUTHOR_ID_SEQUENCE = `SELECT setval('import_author_id_seq', (SELECT coalesce(max(id), 0) + 1 FROM author), false)`;

export const INSERT_AUTHORS = `
  INSERT INTO author (id, full_name, member_code, grassroots_unit_id)
  SELECT nextval('import_author_id_seq'), f.author_name, f.author_key, f.grassroots_unit_id
    FROM import_author f
   WHERE NOT EXISTS (SELECT 1 FROM author a WHERE a.member_code = f.author_key)`;

/**
 * A corrected name under the same member code (if rows of one member code disagree, the first
 * name in alphabetical order is kept). Name-keyed authors cannot change name: the name is their key.
 */
export const UPDATE_AUTHORS = `
  UPDATE author a SET full_name = f.author_name
    FROM import_author f
   WHERE f.has_member_code AND a.member_code = f.author_key AND a.full_name <> f.author_name`;

const FACT_COLUMNS = [
  "submitted_at",
  "grassroots_unit_id",
  "top_unit_id",
  "province_code",
  "worker_category_id",
  "solution_type_id",
  "field_id",
  "status_id",
  "decided_at",
  "benefit_vnd",
  "co_authors",
  "lead_author_id",
];

/** Ids for new rows, after the largest stored one (set by NUMBER_NEW_ROWS). */
export const CREATE_ID_SEQUENCE = `CREATE TEMP SEQUENCE import_id_seq`;
export const START_ID_SEQUENCE = `SELECT setval('import_id_seq', (SELECT coalesce(max(id), 0) + 1 FROM initiative), false)`;

/**
 * The rows that are new or differ from what is stored, with the previous status (for the
 * history) and an id: new rows take the next ids in file order (exports list submissions in
 * order), which needs no sort of the whole file.
 */
export const BUILD_CHANGES = `
  CREATE TEMP TABLE import_change ON COMMIT DROP AS
  SELECT coalesce(i.id, nextval('import_id_seq')) AS id,
         r.portal_code, r.title, ${FACT_COLUMNS.filter((c) => c !== "lead_author_id")
           .map((c) => `r.${c}`)
           .join(", ")},
         a.id AS lead_author_id, i.id AS existing_id, i.submitted_at AS old_submitted_at, i.status_id AS old_status_id,
         i.decided_at AS old_decided_at, d.title IS DISTINCT FROM r.title AS title_changed
    FROM import_staging r
    JOIN author a ON a.member_code = r.author_key
    LEFT JOIN initiative i ON i.portal_code = r.portal_code
    LEFT JOIN initiative_detail d ON d.initiative_id = i.id
   WHERE i.id IS NULL OR d.title IS DISTINCT FROM r.title
      OR (${FACT_COLUMNS.map((c) => `i.${c}`).join(", ")}) IS DISTINCT FROM (${FACT_COLUMNS.map((c) => (c === "lead_author_id" ? "a.id" : `r.${c}`)).join(", ")})`;

export const COUNT_CHANGES = `
  SELECT count(*) FILTER (WHERE existing_id IS NULL)::int AS inserted, count(*) FILTER (WHERE existing_id IS NOT NULL)::int AS updated
    FROM import_change`;

/**
 * New rows are inserted and changed ones updated, both set-based. (An INSERT … ON CONFLICT
 * (portal_code) would need the unique index, which a large import drops and rebuilds; the
 * classification above already says which rows exist, and the import holds its lock.)
 */
/** The new rows of the change table: ids, facts, lead author and title. */
const NEW_CHANGES = "(SELECT * FROM import_change WHERE existing_id IS NULL) c";

/**
 * A first import (nothing stored, no author): every staged row is new, so it is inserted straight
 * from the staging table, with the ids it took in file order, instead of through the change table.
 */
const FIRST_ROWS = `(SELECT s.new_id AS id, s.*, a.id AS lead_author_id
    FROM import_staging s JOIN author a ON a.member_code = s.author_key) c`;

const insertInitiatives = (rows: string) => `
  INSERT INTO initiative (id, portal_code, ${FACT_COLUMNS.join(", ")})
  SELECT id, portal_code, ${FACT_COLUMNS.join(", ")} FROM ${rows}`;
const insertDetails = (rows: string) => `
  INSERT INTO initiative_detail (initiative_id, title) SELECT id, title FROM ${rows}`;
/** New initiatives: pending at submission, then their decision. */
const insertHistory = (rows: string) => `
  INSERT INTO initiative_status_change (initiative_id, changed_at, status_id)
  SELECT id, submitted_at, 1 FROM ${rows}
  UNION ALL
  SELECT id, decided_at, status_id FROM ${rows} WHERE decided_at IS NOT NULL`;

export const INSERT_INITIATIVES = insertInitiatives(NEW_CHANGES);
export const INSERT_DETAILS = insertDetails(NEW_CHANGES);
export const INSERT_HISTORY = insertHistory(NEW_CHANGES);

/**
 * A first import's authors, computed from the staged rows on the staging session while the
 * import's transaction builds the keys of the titles and history (see AggregatesBeside); the
 * same as BUILD_AUTHORS, less what only an update needs.
 */
export const BUILD_FIRST_AUTHORS = `
  CREATE UNLOGGED TABLE import_first_author WITH (autovacuum_enabled = false) AS
  SELECT author_key, min(author_name) AS author_name, min(grassroots_unit_id) AS grassroots_unit_id
    FROM import_staging GROUP BY author_key`;
export const DROP_FIRST_AUTHORS = `DROP TABLE IF EXISTS import_first_author`;
export const INSERT_FIRST_AUTHORS = `
  INSERT INTO author (id, full_name, member_code, grassroots_unit_id)
  SELECT nextval('import_author_id_seq'), author_name, author_key, grassroots_unit_id FROM import_first_author`;
export const INSERT_FIRST_INITIATIVES = insertInitiatives(FIRST_ROWS);
// Neither needs the lead author: no join.
export const insertFirstDetails = (part: number) =>
  insertDetails(`(SELECT new_id AS id, title FROM ${stagingPart(part)}) c`);
export const insertFirstHistory = (part: number) =>
  insertHistory(`(SELECT new_id AS id, submitted_at, decided_at, status_id FROM ${stagingPart(part)}) c`);

export const UPDATE_INITIATIVES = `
  UPDATE initiative i SET ${FACT_COLUMNS.map((c) => `${c} = c.${c}`).join(", ")}
    FROM import_change c WHERE c.existing_id IS NOT NULL AND i.id = c.id`;

export const UPDATE_DETAILS = `
  UPDATE initiative_detail d SET title = c.title
    FROM import_change c WHERE c.existing_id IS NOT NULL AND c.title_changed AND d.initiative_id = c.id`;

/** A corrected submission instant moves the history's first entry (pending since submission) with it. */
export const MOVE_SUBMISSION_HISTORY = `
  UPDATE initiative_status_change h SET changed_at = c.submitted_at
    FROM import_change c
   WHERE c.existing_id IS NOT NULL AND c.submitted_at <> c.old_submitted_at
     AND h.initiative_id = c.id AND h.status_id = 1 AND h.changed_at = c.old_submitted_at`;

/**
 * A changed status is appended at its decision instant (or now, for a return to pending, which
 * has no instant in the file), unless that very entry is already there.
 */
export const APPEND_HISTORY = `
  INSERT INTO initiative_status_change (initiative_id, changed_at, status_id)
  SELECT c.id, coalesce(c.decided_at, now()), c.status_id FROM import_change c
   WHERE c.existing_id IS NOT NULL AND (c.status_id, c.decided_at) IS DISTINCT FROM (c.old_status_id, c.old_decided_at)
     AND NOT EXISTS (SELECT 1 FROM initiative_status_change h
                      WHERE h.initiative_id = c.id AND h.changed_at = coalesce(c.decided_at, now()) AND h.status_id = c.status_id)`;

/**
 * The status corrections of the initiatives the import changed, from their history as appended:
 * a re-decision (valid → invalid, invalid → valid, back to pending) then counts as of any instant
 * by the latest change before it, in the base table and the rollups alike.
 */
export const REFRESH_CHANGED_CORRECTIONS = refreshStatusCorrectionsOf(
  "SELECT id FROM import_change WHERE existing_id IS NOT NULL",
);

export const RETIRE_DATASET = `UPDATE dataset SET is_current = false WHERE is_current`;

export const RECORD_DATASET = `
  INSERT INTO dataset (kind, checksum, initiative_count)
  VALUES ('imported', $1, (SELECT count(*) FROM initiative))
  RETURNING data_version::text, initiative_count::int`;
