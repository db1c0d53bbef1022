import type { NormalizedQuery } from "../query/analytics-query";
import type { EventKind } from "../registry/measures";
import type { SqlParams } from "./sql-params";
import { RECORD_KEY_SQL } from "../privacy/record-key";
import { CORRECTION_ROWS } from "../../db/aggregates/status-corrections.sql";

/**
 * The event rows the base table answers from: each initiative's submission and last decision
 * (baseSource), and the status corrections of the few re-decided ones (correctionSource), which
 * a statement of their own adds group by group (buildEventSql).
 */
export const EVENT_CODE: Record<EventKind, number> = { submission: 1, valid: 2, invalid: 3 };

/** The columns of the initiative row (alias i) every event relation carries, for dimensions and filters. */
function eventColumns(withKeys: boolean): string {
  return (
    "i.id, i.phase_id, i.worker_category_id, i.solution_type_id, i.field_id, i.top_unit_id, i.province_code, " +
    "i.grassroots_unit_id, i.lead_author_id, i.status_id, i.decided_at" +
    (withKeys ? `, ${RECORD_KEY_SQL} AS record_key` : "")
  );
}

/** The condition that keeps the events of `column` inside the date range, if any. */
function rangeSql(column: string, range: NormalizedQuery["range"], params: SqlParams): string {
  return range
    ? ` AND ${column} >= ${params.add(new Date(Math.max(range.from, -8.64e15)).toISOString(), "timestamptz")}` +
        ` AND ${column} < ${params.add(new Date(Math.min(range.before, 8.64e15)).toISOString(), "timestamptz")}`
    : "";
}

const decisionCodes = (kinds: Set<EventKind>) =>
  (["valid", "invalid"] as const).filter((k) => kinds.has(k)).map((k) => EVENT_CODE[k]);

/**
 * Each initiative as up to two events: its submission, and its last decision (valid or invalid);
 * optionally one share of authors. The few re-decided initiatives' earlier decisions are in
 * correctionSource, whose figures the caller adds.
 */
export function baseSource(
  kinds: Set<EventKind>,
  asOf: string,
  range: NormalizedQuery["range"],
  params: SqlParams,
  share?: string,
  withKeys = false,
): string {
  const columns = eventColumns(withKeys);
  const only = share ? ` AND ${share}` : "";
  const branches: string[] = [];
  if (kinds.has("submission")) {
    branches.push(`SELECT 1::smallint AS event, i.submitted_at AS at, ${columns}, NULL::bigint AS benefit_vnd
      FROM initiative i WHERE i.submitted_at < ${asOf}${rangeSql("i.submitted_at", range, params)}${only}`);
  }
  const decisions = decisionCodes(kinds);
  if (decisions.length) {
    branches.push(`SELECT i.status_id AS event, i.decided_at AS at, ${columns}, i.benefit_vnd
      FROM initiative i WHERE i.decided_at < ${asOf} AND i.status_id IN (${decisions.join(", ")})${rangeSql("i.decided_at", range, params)}${only}`);
  }
  return `(${branches.join(" UNION ALL ")}) e`;
}

/**
 * The status corrections of re-decided initiatives (status-corrections.sql.ts) as decision events
 * with their weight: +1 at a decision its row does not hold, −1 when a later change superseded one.
 * Added to baseSource's figures, a decision counts from its instant until it was superseded: "valid
 * as of T" is "the latest decision before T was valid". Benefit and record keys are weighted here.
 */
export function correctionSource(
  kinds: Set<EventKind>,
  asOf: string,
  range: NormalizedQuery["range"],
  params: SqlParams,
  withKeys: boolean,
): string {
  return `(SELECT i.event, i.at, ${eventColumns(withKeys)}, i.weight * i.benefit_vnd AS benefit_vnd, i.weight
      FROM ${CORRECTION_ROWS} WHERE i.at < ${asOf} AND i.event IN (${decisionCodes(kinds).join(", ")})${rangeSql("i.at", range, params)}) e`;
}
