import type { RollupDefinition } from "../registry/rollups";
import { ROLLUPS } from "../registry/rollups";
import { basePassSql, groupingValue, type PassSources } from "./base-pass-sql";
import { PHASES } from "../../db/reference/catalogues";
import { vietnamLocal } from "../../common/vietnam-time.sql";
import { SUBMITTERS_BY_PHASE, SUBMITTERS_BY_TOP_UNIT, SUBMITTERS_NATIONAL } from "../planner/submitters-plan";
import { observeRollupRefreshSeconds } from "../../observability/metrics";
import { fingerprintOf, stampTables, tablesStamped, type Queryable } from "./rollup-stamp";

/** ANALYZE samples 300 rows per unit of the target. */
const ROLLUP_STATISTICS_TARGET = 20;

/** Members of grassroots unions per top unit and province: all `members` needs unless it walks the unit tree. */
export const MEMBERS_ROLLUP = "rollup_members";

/** Where a rebuild reads its events, and what it names its tables. */
export interface RollupBuildOptions {
  /**
   * A relation with the initiative table's columns (id aside), or a subquery giving them in
   * parentheses; default the initiative table itself.
   */
  source?: string;
  /** A relation with the unit table's columns; default the unit table itself. */
  units?: string;
  /**
   * Put before each table's (and index's) name: a build beside the live rollups, for
   * swapRollupsIn to move into place later (see AggregatesBeside). Default: none, the live names.
   */
  prefix?: string;
}

/**
 * Rebuilds every declared rollup from the initiative table (or `source`), inside the caller's
 * transaction so readers never see rollups of another load. A rollup whose columns another
 * (finer) rollup already covers is summed from it instead of from the 4 million events.
 */
export async function rebuildRollups(db: Queryable, rollups: readonly RollupDefinition[] = ROLLUPS, options: RollupBuildOptions = {}): Promise<void> {
  const started = performance.now();
  await buildRollupsAndAggregates(db, rollups, options);
  await stampTables(db, rollupTables(rollups).map((t) => (options.prefix ?? "") + t), await rollupFingerprint());
  observeRollupRefreshSeconds((performance.now() - started) / 1000);
}

/** rebuildRollups' statements, without the stamp. */
async function buildRollupsAndAggregates(
  db: Queryable, rollups: readonly RollupDefinition[], { source: events = "initiative", units = "unit", prefix = "" }: RollupBuildOptions,
): Promise<void> {
  await buildRollupTables(db, rollups, { source: events, units, prefix });
  await buildSubmitterRollups(db, events, prefix);
  await db.query(`DROP TABLE IF EXISTS ${prefix}${MEMBERS_ROLLUP}`);
  await db.query(`CREATE TABLE ${prefix}${MEMBERS_ROLLUP}${quiet(prefix)} AS
    SELECT top_unit_id, province_code, sum(members)::bigint AS members FROM ${units} WHERE tier = 3 GROUP BY 1, 2`);
  await analyze(db, rollupTables(rollups).map((t) => prefix + t));
}

/**
 * Builds some declared rollups only, analysed, not the submitter and member tables: the share of
 * a rebuild one session takes while another builds the rest (see AggregatesBeside).
 */
export async function buildSomeRollups(db: Queryable, rollups: readonly RollupDefinition[], options: RollupBuildOptions = {}): Promise<void> {
  const tables = rollups.map((r) => (options.prefix ?? "") + r.name);
  await buildRollupTables(db, rollups, options);
  await analyze(db, tables);
  await stampTables(db, tables, await rollupFingerprint());
}

let fingerprint: Promise<string> | undefined;

/**
 * The fingerprint of a full rebuild's statements from the initiative table: it stamps every
 * rollup table this code builds, however built (beside an import, from its staged rows, too).
 */
export function rollupFingerprint(): Promise<string> {
  return (fingerprint ??= fingerprintOf((db) => buildRollupsAndAggregates(db, ROLLUPS, {})));
}

/**
 * Fresh tables have no statistics: without them the planner guesses, and small scans turn slow.
 * A sample of 6,000 rows a table (not the default 30,000) tells it enough of tables this regular,
 * in a fifth of the time. For these tables only: the setting is put back for the rest of the
 * caller's transaction, which may analyse tables of its own.
 */
async function analyze(db: Queryable, tables: string[]): Promise<void> {
  await db.query(`SET LOCAL default_statistics_target = ${ROLLUP_STATISTICS_TARGET}`);
  await db.query(`ANALYZE ${tables.join(", ")}`);
  await db.query("SET LOCAL default_statistics_target TO DEFAULT");
}

/**
 * The declared rollups' tables and indexes, finest first: those no other rollup covers from the
 * events (one pass per grain), the others summed from the coarsest rollup that covers them.
 */
async function buildRollupTables(
  db: Queryable, rollups: readonly RollupDefinition[], { source: events = "initiative", units = "unit", prefix = "" }: RollupBuildOptions,
): Promise<void> {
  // Finest first (most columns, day before month), so the coarser ones can be summed from them.
  const order = [...rollups].sort((a, b) => b.columns.length - a.columns.length || (a.grain === "day" ? -1 : 1));
  // The coarsest covering rollup of the same grain has the fewest rows to sum (finest first, so the last one).
  const sourceOf = (rollup: RollupDefinition) => {
    const covering = order.slice(0, order.indexOf(rollup)).filter((r) => covers(r, rollup));
    return covering.findLast((r) => r.grain === rollup.grain) ?? covering.at(-1);
  };
  const sources: PassSources = { events, units, prefix, tableOptions: quiet(prefix) };
  // Those no other rollup covers come from the events: one pass per grain builds them all.
  for (const grain of ["day", "month"] as const) {
    const pass = order.filter((r) => r.grain === grain && !sourceOf(r));
    if (!pass.length) continue;
    await db.query(`DROP TABLE IF EXISTS ${pass.map((r) => prefix + r.name).join(", ")}`);
    for (const statement of basePassSql(pass, sources)) await db.query(statement);
    for (const rollup of pass) await createIndex(db, rollup, prefix);
  }
  for (const rollup of order) {
    const source = sourceOf(rollup);
    if (!source) continue;
    await db.query(`DROP TABLE IF EXISTS ${prefix}${rollup.name}`);
    await db.query(fromRollupSql(rollup, source, prefix));
    await createIndex(db, rollup, prefix);
  }
}

/**
 * Each author's first day of submission within each top unit and within each phase (an aggregate
 * per phase: no second pass over the initiatives), then overall (the earliest of those): distinct
 * submitters by summing days. The overall and per-phase counts come from one grouping of the
 * authors. One statement for all (a caller may hand each query to another pooled session).
 */
async function buildSubmitterRollups(db: Queryable, events: string, prefix: string): Promise<void> {
  // The phase table is synced from these (syncReferenceData) before anything is loaded.
  const phases = PHASES.map((p) => p.id);
  const day = vietnamLocal("i.submitted_at");
  const byTopUnit = prefix + SUBMITTERS_BY_TOP_UNIT.table;
  const byPhase = prefix + SUBMITTERS_BY_PHASE.table;
  const national = prefix + SUBMITTERS_NATIONAL;
  await db.query(`DROP TABLE IF EXISTS ${byTopUnit}, ${byPhase}, ${national}`);
  await db.query(`CREATE TABLE ${byTopUnit} (bucket date, top_unit_id integer, n bigint)${quiet(prefix)}`);
  await db.query(`CREATE TABLE ${byPhase} (bucket date, phase_id smallint, n bigint)${quiet(prefix)}`);
  await db.query(`CREATE TABLE ${national} (bucket date, n bigint)${quiet(prefix)}`);
  const firstDays = ["first_day", ...phases.map((id) => `first_in_${id}`)];
  const setOf = (j: number) => groupingValue(firstDays, [firstDays[j]!]);
  await db.query(`
    WITH firsts AS MATERIALIZED (
      SELECT i.lead_author_id, i.top_unit_id, min(${day})::date AS first_day
             ${phases.map((id) => `, min(${day}) FILTER (WHERE i.phase_id = ${id})::date AS first_in_${id}`).join("")}
        FROM ${events} i GROUP BY i.lead_author_id, i.top_unit_id),
    by_top_unit AS (
      INSERT INTO ${byTopUnit} SELECT first_day, top_unit_id, count(*) FROM firsts GROUP BY first_day, top_unit_id),
    counted AS MATERIALIZED (
      SELECT ${firstDays.join(", ")}, GROUPING(${firstDays.join(", ")}) AS set, count(*) AS n
        FROM (SELECT ${firstDays.map((c) => `min(${c}) AS ${c}`).join(", ")} FROM firsts GROUP BY lead_author_id) overall
       GROUP BY GROUPING SETS (${firstDays.map((c) => `(${c})`).join(", ")})),
    by_phase AS (
      INSERT INTO ${byPhase}
      ${phases.map((id, j) => `SELECT first_in_${id}, ${id}::smallint, n FROM counted WHERE set = ${setOf(j + 1)} AND first_in_${id} IS NOT NULL`).join(" UNION ALL ")})
    INSERT INTO ${national} SELECT first_day, n FROM counted WHERE set = ${setOf(0)}`);
}

/**
 * Replaces the live rollups with those a rebuild named with `prefix`, inside the caller's
 * transaction: readers see the old ones until it commits, then the new ones.
 */
export async function swapRollupsIn(db: Queryable, prefix: string, rollups: readonly RollupDefinition[] = ROLLUPS): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS ${rollupTables(rollups).join(", ")}`);
  for (const table of rollupTables(rollups)) {
    await db.query(`ALTER TABLE ${prefix}${table} RENAME TO ${table}`);
    await db.query(`ALTER TABLE ${table} RESET (autovacuum_enabled)`);
  }
  for (const rollup of rollups) await db.query(`ALTER INDEX ${prefix}${indexName(rollup)} RENAME TO ${indexName(rollup)}`);
}

/** Drops the tables a rebuild named with `prefix` (left by one that never got swapped in). */
export async function dropRollupsNamed(db: Queryable, prefix: string, rollups: readonly RollupDefinition[] = ROLLUPS): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS ${rollupTables(rollups).map((t) => prefix + t).join(", ")}`);
}

async function createIndex(db: Queryable, rollup: RollupDefinition, prefix: string): Promise<void> {
  await db.query(`CREATE INDEX ${prefix}${indexName(rollup)} ON ${prefix}${rollup.name} (${(rollup.index ?? ["bucket"]).join(", ")})`);
}

function indexName(rollup: RollupDefinition): string {
  return `${rollup.name}_${(rollup.index ?? ["bucket"]).join("_")}_idx`;
}

/** Every table this module builds. */
export function rollupTables(rollups: readonly RollupDefinition[] = ROLLUPS): string[] {
  return [...rollups.map((r) => r.name), SUBMITTERS_NATIONAL, SUBMITTERS_BY_TOP_UNIT.table, SUBMITTERS_BY_PHASE.table, MEMBERS_ROLLUP];
}

function covers(finer: RollupDefinition, coarser: RollupDefinition): boolean {
  return coarser.columns.every((c) => finer.columns.includes(c)) && (finer.grain === "day" || coarser.grain === "month");
}

function fromRollupSql(rollup: RollupDefinition, source: RollupDefinition, prefix: string): string {
  const keys = rollup.columns.join(", ");
  // Truncated as a timestamp: on a date, date_trunc goes through timestamptz and the session's time zone, for every row.
  const bucket = rollup.grain === source.grain ? "bucket" : "date_trunc('month', bucket::timestamp)::date";
  return `CREATE TABLE ${prefix}${rollup.name}${quiet(prefix)} AS
    SELECT ${bucket} AS bucket, event, ${keys}, sum(n)::bigint AS n, sum(benefit_vnd)::bigint AS benefit_vnd,
           sum(priced)::bigint AS priced
    FROM ${prefix}${source.name} GROUP BY 1, event, ${keys}`;
}

/**
 * True when every rollup table exists and was built by this code (its stamp). A registry or a
 * build that changed since the last load (a new rollup, a column more, another way to count) is
 * caught here at start-up, not by a query. `db` answers with an array of rows (a DataSource).
 */
export async function rollupsMatchRegistry(db: Queryable): Promise<boolean> {
  return tablesStamped(db, rollupTables(), await rollupFingerprint());
}

/**
 * Tables built beside the live ones are left alone by autovacuum until swapped in: it would
 * analyze them again, on the cores the import is using, right after the build did.
 */
const quiet = (prefix: string) => (prefix ? " WITH (autovacuum_enabled = false)" : "");
