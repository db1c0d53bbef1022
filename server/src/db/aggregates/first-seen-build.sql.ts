import { PHASES, WORKER_CATEGORIES } from "../reference/catalogues";
import { vietnamLocal } from "../../common/vietnam-time.sql";
import { groupingValue } from "./base-pass-sql";
import { ROLLUP_COLUMN_TYPE } from "./aggregate-columns";
import type { FirstSeenSubmittersDefinition } from "./pre-aggregates";

/** The columns whose members keep first days by one aggregate each: a few members, ids from the catalogues. */
const MEMBER_IDS = {
  phase_id: PHASES.map((p) => p.id),
  worker_category_id: WORKER_CATEGORIES.map((c) => c.id),
} as const;
export type MemberColumn = keyof typeof MEMBER_IDS;

/**
 * The first-seen submitter tables, as one statement builds them: each author's first day of
 * submission overall, within each top unit (grouped), and within each member of a few small
 * dimensions (a phase, a worker category: one more aggregate per member, no second pass over the
 * initiatives). Overall and per top unit are required; the others optional.
 */
export interface FirstSeenTables {
  overall: FirstSeenSubmittersDefinition;
  perTopUnit: FirstSeenSubmittersDefinition;
  perMember: Array<FirstSeenSubmittersDefinition & { column: MemberColumn }>;
}

/** The declarations by role, or undefined when none is given; a set without the overall or top-unit table is refused. */
export function firstSeenTables(declared: readonly FirstSeenSubmittersDefinition[]): FirstSeenTables | undefined {
  if (declared.length === 0) return undefined;
  const overall = declared.find((d) => d.column === undefined);
  const perTopUnit = declared.find((d) => d.column === "top_unit_id");
  const perMember = declared.filter(
    (d): d is FirstSeenSubmittersDefinition & { column: MemberColumn } =>
      d.column !== undefined && d.column in MEMBER_IDS,
  );
  if (!overall || !perTopUnit || declared.length !== 2 + perMember.length) {
    throw new Error(
      "first-seen submitter rollups are built by one statement: declare one overall, one per top_unit_id, and any of phase_id, worker_category_id",
    );
  }
  return { overall, perTopUnit, perMember };
}

/**
 * The statements that build them from `events` (initiative rows, alias i): per top unit from each
 * author's first day in it; overall and per member from one grouping of the authors. One statement
 * for all (a caller may hand each query to another pooled session).
 */
export function firstSeenBuildSql(
  tables: FirstSeenTables,
  events: string,
  prefix: string,
  tableOptions: string,
): string[] {
  // The catalogues are synced from these (syncReferenceData) before anything is loaded.
  const day = vietnamLocal("i.submitted_at");
  const [byTopUnit, national] = [tables.perTopUnit, tables.overall].map((t) => prefix + t.name);
  const topUnit = tables.perTopUnit.column!;
  const members = tables.perMember.flatMap((t) =>
    MEMBER_IDS[t.column].map((id) => ({
      table: prefix + t.name,
      column: t.column,
      id,
      first: `first_${t.column}_${id}`,
    })),
  );
  const firstDays = ["first_day", ...members.map((m) => m.first)];
  const setOf = (j: number) => groupingValue(firstDays, [firstDays[j]!]);
  const inserts = tables.perMember.map((t, k) => {
    const own = members.filter((m) => m.table === prefix + t.name);
    return `by_member_${k} AS (
      INSERT INTO ${prefix}${t.name}
      ${own.map((m) => `SELECT ${m.first}, ${m.id}::${ROLLUP_COLUMN_TYPE[m.column]}, n FROM counted WHERE set = ${setOf(firstDays.indexOf(m.first))} AND ${m.first} IS NOT NULL`).join(" UNION ALL ")})`;
  });
  return [
    `DROP TABLE IF EXISTS ${[byTopUnit, ...tables.perMember.map((t) => prefix + t.name), national].join(", ")}`,
    `CREATE TABLE ${byTopUnit} (bucket date, ${topUnit} ${ROLLUP_COLUMN_TYPE[topUnit]}, n bigint)${tableOptions}`,
    ...tables.perMember.map(
      (t) =>
        `CREATE TABLE ${prefix}${t.name} (bucket date, ${t.column} ${ROLLUP_COLUMN_TYPE[t.column]}, n bigint)${tableOptions}`,
    ),
    `CREATE TABLE ${national} (bucket date, n bigint)${tableOptions}`,
    `
    WITH firsts AS MATERIALIZED (
      SELECT i.lead_author_id, i.${topUnit}, min(${day})::date AS first_day
             ${members.map((m) => `, min(${day}) FILTER (WHERE i.${m.column} = ${m.id})::date AS ${m.first}`).join("")}
        FROM ${events} i GROUP BY i.lead_author_id, i.${topUnit}),
    by_top_unit AS (
      INSERT INTO ${byTopUnit} SELECT first_day, ${topUnit}, count(*) FROM firsts GROUP BY first_day, ${topUnit}),
    counted AS MATERIALIZED (
      SELECT ${firstDays.join(", ")}, GROUPING(${firstDays.join(", ")}) AS set, count(*) AS n
        FROM (SELECT ${firstDays.map((c) => `min(${c}) AS ${c}`).join(", ")} FROM firsts GROUP BY lead_author_id) overall
       GROUP BY GROUPING SETS (${firstDays.map((c) => `(${c})`).join(", ")}))${inserts.map((i) => `,\n    ${i}`).join("")}
    INSERT INTO ${national} SELECT first_day, n FROM counted WHERE set = ${setOf(0)}`,
  ];
}
