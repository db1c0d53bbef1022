import type { NormalizedQuery } from "../query/analytics-query";
import type { KeyType } from "../registry/dimensions";
import type { SqlParams } from "./sql-params";

type Filter = NormalizedQuery["filters"][number];

/** `key = ANY($n)` or its negation; the member keys travel as one array parameter. */
export function memberFilterSql(filter: Filter, key: string, keyType: KeyType, params: SqlParams): string {
  const list = params.add(filter.keys, keyType === "int" ? "int[]" : "text[]");
  return filter.operator === "NOT_IN" ? `NOT (${key} = ANY(${list}))` : `${key} = ANY(${list})`;
}

/** Rows whose unit (alias.path) lies under any of the filter's units — a prefix match on the materialised path. */
export function subtreeFilterSql(filter: Filter, alias: string, params: SqlParams): string {
  const paths = `(SELECT path || '%' FROM unit WHERE id = ANY(${params.add(filter.keys, "int[]")}))`;
  return `${filter.operator === "NOT_IN" ? "NOT " : ""}(${alias}.path LIKE ANY ${paths})`;
}

/**
 * Events (alias.grassroots_unit_id) of the grassroots unions under any of the filter's units. The
 * unions are found first, through the path index: a subtree is the range from the unit's path to
 * that path followed by "~" (paths hold only digits and "/", which sort below it). PostgreSQL then
 * reads just their events through the grassroots index, where a join of every event of the top
 * unit to its union, matched by pattern, read the whole top unit (a district's page: about 5× the work).
 */
export function grassrootsFilterSql(filter: Filter, alias: string, params: SqlParams): string {
  const unions = `ARRAY(SELECT u.id FROM unit f JOIN unit u ON u.path ~>=~ f.path AND u.path ~<~ (f.path || '~') WHERE f.id = ANY(${params.add(filter.keys, "int[]")}))`;
  const inSubtree = `${alias}.grassroots_unit_id = ANY(${unions})`;
  return filter.operator === "NOT_IN" ? `NOT (${inSubtree})` : inSubtree;
}

/** Rows below a unit (not the unit itself): where its children's figures come from. */
export function belowUnitSql(parent: NormalizedQuery["parentUnit"], alias: string, params: SqlParams): string {
  return `${alias}.path LIKE ${params.add(parent.path + "%")} AND ${alias}.depth > ${params.add(parent.depth, "int")}`;
}
