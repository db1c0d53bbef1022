import { basePassSql, inBucketOrder, type PassSources } from "./base-pass-sql";
import { firstSeenBuildSql, firstSeenTables } from "./first-seen-build.sql";
import { observeRollupRefreshSeconds } from "../../observability/metrics";
import {
  PRE_AGGREGATES,
  preAggregatesOf,
  type MembersRollupDefinition,
  type PreAggregate,
  type RollupDefinition,
} from "./pre-aggregates";
import { fingerprintOf, stampTables, tablesStamped, type Queryable } from "./rollup-stamp";
import { lockForSwap } from "./swap-lock";

/** ANALYZE samples 300 rows per unit of the target. */
const ROLLUP_STATISTICS_TARGET = 20;

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

/** What a rebuild of the live rollups names its tables until it swaps them in (never committed under it). */
const BESIDE = "load_";

/**
 * Rebuilds the declared pre-aggregates (all of them, or those given) from the initiative table (or
 * `source`), inside the caller's transaction so readers never see rollups of another load. A rollup
 * whose columns another (finer) rollup already covers is summed from it instead of from the 4 million events.
 * Without a `prefix`, the live rollups are replaced: the new ones are built beside them and swapped
 * in at the end (swapRollupsIn), so readers go on reading the old ones meanwhile, unhindered.
 */
export async function rebuildRollups(
  db: Queryable,
  preAggregates: readonly PreAggregate[] = PRE_AGGREGATES,
  options: RollupBuildOptions = {},
): Promise<void> {
  const started = performance.now();
  const live = !options.prefix;
  await buildSomeRollups(db, preAggregates, live ? { ...options, prefix: BESIDE } : options);
  if (live) await swapRollupsIn(db, BESIDE, preAggregates);
  observeRollupRefreshSeconds((performance.now() - started) / 1000);
}

/**
 * Builds the pre-aggregates given, analysed and stamped, without counting a refresh: e.g. the share
 * of a rebuild one session takes while another builds the rest (see AggregatesBeside).
 */
export async function buildSomeRollups(
  db: Queryable,
  preAggregates: readonly PreAggregate[],
  options: RollupBuildOptions = {},
): Promise<void> {
  await buildPreAggregates(db, preAggregates, options);
  await stampTables(
    db,
    rollupTables(preAggregates).map((t) => (options.prefix ?? "") + t),
    await rollupFingerprint(),
  );
}

/** The statements of a build, without the stamp: each kind of pre-aggregate from its declarations. */
async function buildPreAggregates(
  db: Queryable,
  preAggregates: readonly PreAggregate[],
  { source: events = "initiative", units = "unit", prefix = "" }: RollupBuildOptions,
): Promise<void> {
  // Nothing to build; an ANALYZE of no table would analyse the whole database.
  if (preAggregates.length === 0) return;
  const rollups = preAggregatesOf(preAggregates, "events");
  if (rollups.length) await buildRollupTables(db, rollups, { source: events, units, prefix });
  const firstSeen = firstSeenTables(preAggregatesOf(preAggregates, "firstSeenSubmitters"));
  if (firstSeen)
    for (const statement of firstSeenBuildSql(firstSeen, events, prefix, quiet(prefix))) await db.query(statement);
  for (const members of preAggregatesOf(preAggregates, "members")) {
    await db.query(`DROP TABLE IF EXISTS ${prefix}${members.name}`);
    await db.query(membersSql(members, units, prefix));
  }
  await analyze(
    db,
    rollupTables(preAggregates).map((t) => prefix + t),
  );
}

/** Members of the grassroots unions (tier 3) summed by the declared unit columns. */
function membersSql(members: MembersRollupDefinition, units: string, prefix: string): string {
  const keys = members.columns.join(", ");
  return `CREATE TABLE ${prefix}${members.name}${quiet(prefix)} AS
    SELECT ${keys}, sum(members)::bigint AS members FROM ${units} WHERE tier = 3 GROUP BY ${members.columns.map((_, i) => i + 1).join(", ")}`;
}

let fingerprint: Promise<string> | undefined;

/**
 * The fingerprint of a full rebuild's statements from the initiative table: it stamps every
 * rollup table this code builds, however built (beside an import, from its staged rows, too).
 */
export function rollupFingerprint(): Promise<string> {
  return (fingerprint ??= fingerprintOf((db) => buildPreAggregates(db, PRE_AGGREGATES, {})));
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
  db: Queryable,
  rollups: readonly RollupDefinition[],
  { source: events = "initiative", units = "unit", prefix = "" }: RollupBuildOptions,
): Promise<void> {
  // Finest first (most columns, day before month), so the coarser ones can be summed from them.
  const order = [...rollups].sort((a, b) => b.columns.length - a.columns.length || (a.grain === "day" ? -1 : 1));
  // The coarsest covering rollup of the same grain has the fewest rows to sum (finest first, so the last one).
  const sourceOf = (rollup: RollupDefinition) => {
    const covering = order.slice(0, order.indexOf(rollup)).filter((r) => covers(r, rollup));
    return covering.findLast((r) => r.grain === rollup.grain) ?? covering.at(-1);
  };
  const sources: PassSources = {
    events,
    units,
    prefix,
    tableOptions: quiet(prefix),
    corrections: events === "initiative",
  };
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
 * Replaces the live rollups with those a rebuild named with `prefix`, inside the caller's
 * transaction: readers see the old ones until it commits, then the new ones. The live ones are
 * locked all at once first (lockForSwap): the caller commits soon after, as readers wait from here.
 */
export async function swapRollupsIn(
  db: Queryable,
  prefix: string,
  preAggregates: readonly PreAggregate[] = PRE_AGGREGATES,
): Promise<void> {
  await lockForSwap(db, rollupTables(preAggregates).sort());
  await db.query(`DROP TABLE IF EXISTS ${rollupTables(preAggregates).join(", ")}`);
  for (const table of rollupTables(preAggregates)) {
    await db.query(`ALTER TABLE ${prefix}${table} RENAME TO ${table}`);
    await db.query(`ALTER TABLE ${table} RESET (autovacuum_enabled)`);
  }
  for (const rollup of preAggregatesOf(preAggregates, "events"))
    await db.query(`ALTER INDEX ${prefix}${indexName(rollup)} RENAME TO ${indexName(rollup)}`);
}

/** Drops the tables a rebuild named with `prefix` (left by one that never got swapped in). */
export async function dropRollupsNamed(
  db: Queryable,
  prefix: string,
  preAggregates: readonly PreAggregate[] = PRE_AGGREGATES,
): Promise<void> {
  await db.query(
    `DROP TABLE IF EXISTS ${rollupTables(preAggregates)
      .map((t) => prefix + t)
      .join(", ")}`,
  );
}

async function createIndex(db: Queryable, rollup: RollupDefinition, prefix: string): Promise<void> {
  await db.query(
    `CREATE INDEX ${prefix}${indexName(rollup)} ON ${prefix}${rollup.name} (${(rollup.index ?? ["bucket"]).join(", ")})`,
  );
}

function indexName(rollup: RollupDefinition): string {
  return `${rollup.name}_${(rollup.index ?? ["bucket"]).join("_")}_idx`;
}

/** The tables of the pre-aggregates given (default: every table this module builds), in declaration order. */
export function rollupTables(preAggregates: readonly PreAggregate[] = PRE_AGGREGATES): string[] {
  return preAggregates.map((p) => p.name);
}

function covers(finer: RollupDefinition, coarser: RollupDefinition): boolean {
  return (
    coarser.columns.every((c) => finer.columns.includes(c)) && (finer.grain === "day" || coarser.grain === "month")
  );
}

function fromRollupSql(rollup: RollupDefinition, source: RollupDefinition, prefix: string): string {
  const keys = rollup.columns.join(", ");
  // Truncated as a timestamp: on a date, date_trunc goes through timestamptz and the session's time zone, for every row.
  const bucket = rollup.grain === source.grain ? "bucket" : "date_trunc('month', bucket::timestamp)::date";
  return `CREATE TABLE ${prefix}${rollup.name}${quiet(prefix)} AS
    SELECT ${bucket} AS bucket, event, ${keys}, sum(n)::bigint AS n, sum(benefit_vnd)::bigint AS benefit_vnd,
           sum(priced)::bigint AS priced
    FROM ${prefix}${source.name} GROUP BY 1, event, ${keys}${inBucketOrder(rollup.grain)}`;
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
