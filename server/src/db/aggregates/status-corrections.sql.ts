/**
 * Status corrections: what an initiative's status history says beyond its row. The initiative
 * row holds the last decision (status_id from decided_at), and every count of decisions reads it
 * as one event; an initiative re-decided (valid, then invalid on review; invalid, then valid on
 * appeal; or returned to pending) was something else before. Its history counts each decision from
 * its instant until the next change, so "valid as of T" is "the latest decision before T was
 * valid". The corrections are the difference, as signed events: +1 for a decision at its instant,
 * −1 when the next change superseded it, less the row's own event. For an initiative decided once
 * they cancel and nothing is kept, so the table holds a few rows per re-decided initiative
 * (a small share), and every reader — base table, rollups, record keys — adds them to the row's
 * events: the hot path stays a scan of the initiative table.
 *
 * Each correction carries a copy of its initiative's columns, under the same names (`id` is the
 * initiative's), so a reader takes it as an initiative row (alias i) without a join: a join costs
 * an index lookup per correction, tens of milliseconds a question at full scale; the copy costs
 * nothing. Derived data, like the rollups: every load rebuilds it, and an import refreshes the
 * initiatives it changed (their history or their columns).
 */

/** The initiative's columns a correction copies: every column an event reader keys, filters or sums by. */
const COPIED = [
  "portal_code",
  "phase_id",
  "worker_category_id",
  "solution_type_id",
  "field_id",
  "top_unit_id",
  "province_code",
  "grassroots_unit_id",
  "lead_author_id",
  "status_id",
  "decided_at",
  "benefit_vnd",
];

/** The table: a decision event (2 valid, 3 invalid) of initiative `id` at `at`, with its sign (weight), and the copy. */
export const CREATE_STATUS_CORRECTION = `
  CREATE TABLE status_correction (
    id bigint NOT NULL,
    at timestamptz NOT NULL,
    event smallint NOT NULL,
    weight smallint NOT NULL,
    portal_code text,
    phase_id smallint NOT NULL,
    worker_category_id smallint NOT NULL,
    solution_type_id smallint NOT NULL,
    field_id smallint NOT NULL,
    top_unit_id integer NOT NULL,
    province_code text NOT NULL,
    grassroots_unit_id integer NOT NULL,
    lead_author_id integer NOT NULL,
    status_id smallint NOT NULL,
    decided_at timestamptz,
    benefit_vnd bigint,
    PRIMARY KEY (id, at, event)
  )`;

/**
 * The corrections of the initiatives `ids` (a query of ids; all without). Changes are ordered by
 * instant, ties by status (pending, valid, invalid), as "the latest change" is everywhere (the
 * status dimension too). An initiative whose history is its submission and at most one decision
 * is fully told by its row, so only those with more changes are read.
 */
const correctionsOf = (ids?: string) => `
  WITH history AS (
    SELECT h.initiative_id, h.changed_at, h.status_id,
           lead(h.changed_at) OVER (PARTITION BY h.initiative_id ORDER BY h.changed_at, h.status_id) AS superseded_at
      FROM initiative_status_change h
     WHERE h.initiative_id IN (SELECT s.initiative_id FROM initiative_status_change s
                                ${ids ? `WHERE s.initiative_id IN (${ids})` : ""} GROUP BY s.initiative_id HAVING count(*) > 2)
  ), net AS (
    SELECT initiative_id, at, event, sum(weight) AS weight
      FROM (SELECT initiative_id, changed_at AS at, status_id AS event, 1 AS weight FROM history WHERE status_id IN (2, 3)
            UNION ALL
            SELECT initiative_id, superseded_at, status_id, -1 FROM history WHERE status_id IN (2, 3) AND superseded_at IS NOT NULL
            UNION ALL
            SELECT i.id, i.decided_at, i.status_id, -1 FROM initiative i
             WHERE i.status_id IN (2, 3) AND i.id IN (SELECT initiative_id FROM history)) e
     GROUP BY initiative_id, at, event
    HAVING sum(weight) <> 0
  )
  INSERT INTO status_correction (id, at, event, weight, ${COPIED.join(", ")})
  SELECT n.initiative_id, n.at, n.event, n.weight, ${COPIED.map((c) => `i.${c}`).join(", ")}
    FROM net n JOIN initiative i ON i.id = n.initiative_id`;

/**
 * Every initiative's corrections, from the whole history (a load; one pass over the history).
 * DELETE, not TRUNCATE: readers read this table while a load runs, and TRUNCATE would lock them
 * out of it until the load commits (see swap-lock.ts).
 */
export const REFRESH_ALL_STATUS_CORRECTIONS = [
  `DELETE FROM status_correction`,
  correctionsOf(),
  `ANALYZE status_correction`,
];

/** The corrections of the initiatives `ids` (a query of ids) again, after their history or columns changed. */
export const refreshStatusCorrectionsOf = (ids: string) => [
  `DELETE FROM status_correction WHERE id IN (${ids})`,
  correctionsOf(ids),
];

/** The corrections as initiative rows (alias i) with `at`, `event` and `weight`, for readers that add them to the rows' events. */
export const CORRECTION_ROWS = "status_correction i";

/**
 * Whether the initiative `id` has corrections (a hashed lookup in the small table, once per row),
 * and its status as of `asOf` from its history: the latest change before it (the same order as
 * above), pending before any. Only re-decided initiatives need the history; the others' status as
 * of any instant is their row's decision once decided_at has passed.
 */
export const isCorrectedSql = (id: string) => `${id} IN (SELECT id FROM status_correction)`;
export const statusFromHistorySql = (id: string, asOf: string) =>
  `coalesce((SELECT h.status_id FROM initiative_status_change h WHERE h.initiative_id = ${id} AND h.changed_at < ${asOf}
              ORDER BY h.changed_at DESC, h.status_id DESC LIMIT 1), 1)`;
