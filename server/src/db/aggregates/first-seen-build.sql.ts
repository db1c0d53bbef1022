import { PHASES } from "../reference/catalogues";
import { vietnamLocal } from "../../common/vietnam-time.sql";
import { groupingValue } from "./base-pass-sql";
import { ROLLUP_COLUMN_TYPE } from "./aggregate-columns";
import type { FirstSeenSubmittersDefinition } from "./pre-aggregates";

/**
 * The first-seen submitter tables, as one statement builds them: each author's first day of
 * submission overall, within each top unit (grouped), and within each phase (an aggregate per
 * phase: no second pass over the initiatives). Declared together or not at all.
 */
export interface FirstSeenTables {
  overall: FirstSeenSubmittersDefinition;
  perTopUnit: FirstSeenSubmittersDefinition;
  perPhase: FirstSeenSubmittersDefinition;
}

/** The three declarations by role, or undefined when none is given; any other set is refused. */
export function firstSeenTables(declared: readonly FirstSeenSubmittersDefinition[]): FirstSeenTables | undefined {
  if (declared.length === 0) return undefined;
  const overall = declared.find((d) => d.column === undefined);
  const perTopUnit = declared.find((d) => d.column === "top_unit_id");
  const perPhase = declared.find((d) => d.column === "phase_id");
  if (declared.length !== 3 || !overall || !perTopUnit || !perPhase) {
    throw new Error(
      "first-seen submitter rollups are built by one statement: declare one overall, one per top_unit_id and one per phase_id",
    );
  }
  return { overall, perTopUnit, perPhase };
}

/**
 * The statements that build them from `events` (initiative rows, alias i): per top unit from each
 * author's first day in it; overall and per phase from one grouping of the authors. One statement
 * for all (a caller may hand each query to another pooled session).
 */
export function firstSeenBuildSql(
  tables: FirstSeenTables,
  events: string,
  prefix: string,
  tableOptions: string,
): string[] {
  // The phase table is synced from these (syncReferenceData) before anything is loaded.
  const phases = PHASES.map((p) => p.id);
  const day = vietnamLocal("i.submitted_at");
  const [byTopUnit, byPhase, national] = [tables.perTopUnit, tables.perPhase, tables.overall].map(
    (t) => prefix + t.name,
  );
  const topUnit = tables.perTopUnit.column!;
  const phase = tables.perPhase.column!;
  const firstDays = ["first_day", ...phases.map((id) => `first_in_${id}`)];
  const setOf = (j: number) => groupingValue(firstDays, [firstDays[j]!]);
  return [
    `DROP TABLE IF EXISTS ${byTopUnit}, ${byPhase}, ${national}`,
    `CREATE TABLE ${byTopUnit} (bucket date, ${topUnit} ${ROLLUP_COLUMN_TYPE[topUnit]}, n bigint)${tableOptions}`,
    `CREATE TABLE ${byPhase} (bucket date, ${phase} ${ROLLUP_COLUMN_TYPE[phase]}, n bigint)${tableOptions}`,
    `CREATE TABLE ${national} (bucket date, n bigint)${tableOptions}`,
    `
    WITH firsts AS MATERIALIZED (
      SELECT i.lead_author_id, i.${topUnit}, min(${day})::date AS first_day
             ${phases.map((id) => `, min(${day}) FILTER (WHERE i.${phase} = ${id})::date AS first_in_${id}`).join("")}
        FROM ${events} i GROUP BY i.lead_author_id, i.${topUnit}),
    by_top_unit AS (
      INSERT INTO ${byTopUnit} SELECT first_day, ${topUnit}, count(*) FROM firsts GROUP BY first_day, ${topUnit}),
    counted AS MATERIALIZED (
      SELECT ${firstDays.join(", ")}, GROUPING(${firstDays.join(", ")}) AS set, count(*) AS n
        FROM (SELECT ${firstDays.map((c) => `min(${c}) AS ${c}`).join(", ")} FROM firsts GROUP BY lead_author_id) overall
       GROUP BY GROUPING SETS (${firstDays.map((c) => `(${c})`).join(", ")})),
    by_phase AS (
      INSERT INTO ${byPhase}
      ${phases.map((id, j) => `SELECT first_in_${id}, ${id}::${ROLLUP_COLUMN_TYPE[phase]}, n FROM counted WHERE set = ${setOf(j + 1)} AND first_in_${id} IS NOT NULL`).join(" UNION ALL ")})
    INSERT INTO ${national} SELECT first_day, n FROM counted WHERE set = ${setOf(0)}`,
  ];
}
