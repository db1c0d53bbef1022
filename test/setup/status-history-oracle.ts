import type { DataSource } from "typeorm";
import { RECORD_KEY_SQL } from "../../server/src/semantic/privacy/record-key";

/**
 * What "as of T" means, computed from the status history itself, independently of the engine:
 * each initiative's status is its latest change before T (pending at submission before any
 * decision). Per top unit: counts by status, valid benefit and the record keys of each decision.
 */
export async function historyFigures(
  dataSource: DataSource,
  before: Date,
): Promise<Map<string, Record<string, number>>> {
  const rows = (await dataSource.query(
    `SELECT t.code,
            count(*) FILTER (WHERE s.status_id = 2)::int AS valid, count(*) FILTER (WHERE s.status_id = 3)::int AS invalid,
            count(*) FILTER (WHERE s.status_id = 1)::int AS pending,
            coalesce(sum(i.benefit_vnd) FILTER (WHERE s.status_id = 2), 0)::float8 AS "benefitVnd",
            coalesce(sum(${RECORD_KEY_SQL}) FILTER (WHERE s.status_id = 2), 0)::float8 AS "validKey",
            coalesce(sum(${RECORD_KEY_SQL}) FILTER (WHERE s.status_id = 3), 0)::float8 AS "invalidKey"
       FROM initiative i JOIN unit t ON t.id = i.top_unit_id
      CROSS JOIN LATERAL (SELECT h.status_id FROM initiative_status_change h WHERE h.initiative_id = i.id AND h.changed_at < $1
                           ORDER BY h.changed_at DESC, h.status_id DESC LIMIT 1) s
      WHERE i.submitted_at < $1 GROUP BY t.code`,
    [before],
  )) as Array<Record<string, number> & { code: string }>;
  return new Map(rows.map(({ code, ...figures }) => [code, figures]));
}

/** The answer's rows by their first dimension's code: measure → value. */
export function byCode(result: {
  rows: Array<{ dimensions: Array<{ code: string }>; values: Array<{ measure: string; value: number | null }> }>;
}): Map<string, Record<string, number>> {
  return new Map(
    result.rows.map((r) => [r.dimensions[0]!.code, Object.fromEntries(r.values.map((v) => [v.measure, v.value!]))]),
  );
}

/** The oracle's figures for the measures asked, for the top units that have any. */
export function expected(figures: Map<string, Record<string, number>>, measures: string[]) {
  return new Map(
    [...figures]
      .map(([code, f]) => [code, Object.fromEntries(measures.map((m) => [m, f[m] ?? 0]))] as const)
      .filter(([, f]) => Object.values(f).some((v) => v !== 0)),
  );
}
