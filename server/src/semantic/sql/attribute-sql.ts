import type { NormalizedQuery } from "../query/analytics-query";
import type { AttributeDefinition, AttributeRows } from "../registry/measures";
import { UNIT_DIMENSION, unitChildSql } from "../registry/dimensions";
import type { Registry } from "../registry/registry";
import { belowUnitSql, memberFilterSql, subtreeFilterSql } from "./filter-sql";
import { SqlParams } from "./sql-params";

export interface AttributeSql {
  text: string;
  values: unknown[];
}

const STATEMENTS: Record<
  AttributeRows,
  (query: NormalizedQuery, registry: Registry, attribute: AttributeDefinition) => AttributeSql
> = {
  unions: buildMembersSql,
  targets: buildTargetSql,
};

/** The statement of an attribute measure: its rows summed, grouped like the query (keys d0…, value m0, grand total where grp ≠ 0). */
export function buildAttributeSql(
  query: NormalizedQuery,
  registry: Registry,
  attribute: AttributeDefinition,
): AttributeSql {
  return STATEMENTS[attribute.rows](query, registry, attribute);
}

/**
 * Members of the grassroots unions in scope. They do not depend on time, nor on the dimensions
 * the measure is the same across (a phase filter leaves them as they are).
 */
function buildMembersSql(query: NormalizedQuery, registry: Registry, attribute: AttributeDefinition): AttributeSql {
  const params = new SqlParams();
  const keys = query.dimensions.map((name) =>
    name === UNIT_DIMENSION
      ? unitChildSql("g", query.parentUnit.depth)
      : registry.dimensions.get(name)!.attributeSql!.unions!,
  );
  const where = ["g.tier = 3"];
  if (query.dimensions.includes(UNIT_DIMENSION)) {
    where.push(belowUnitSql(query.parentUnit, "g", params));
  }
  for (const f of query.filters) {
    if (attribute.sameAcross?.includes(f.dimension)) continue;
    const d = registry.dimensions.get(f.dimension)!;
    where.push(
      f.dimension === UNIT_DIMENSION
        ? subtreeFilterSql(f, "g", params)
        : memberFilterSql(f, d.attributeSql!.unions!, d.keyType, params),
    );
  }
  // Without the unit tree, members per top unit and province (a few hundred rows) say the same as 130,000 unions.
  const usesTree =
    query.dimensions.includes(UNIT_DIMENSION) || query.filters.some((f) => f.dimension === UNIT_DIMENSION);
  const rollup = usesTree ? undefined : registry.membersRollup;
  const from = rollup
    ? `(SELECT ${rollup.columns.join(", ")}, members, 3 AS tier FROM ${rollup.name}) g
       JOIN unit t ON t.id = g.top_unit_id JOIN province p ON p.code = g.province_code`
    : "unit g JOIN unit t ON t.id = g.top_unit_id JOIN province p ON p.code = g.province_code";
  return grouped(keys, "sum(g.members)", from, where, params);
}

/**
 * Targets of the top-level units in scope (or of the parent's children when drilling down),
 * grouped like the query. Their sum over the 83 units is the registered total.
 */
function buildTargetSql(query: NormalizedQuery, registry: Registry, attribute: AttributeDefinition): AttributeSql {
  const params = new SqlParams();
  const drilling = query.dimensions.includes(UNIT_DIMENSION);
  const keys = query.dimensions.map((name) =>
    name === UNIT_DIMENSION ? "tu.id" : registry.dimensions.get(name)!.attributeSql!.targets!,
  );
  const where = drilling ? [`tu.parent_id = ${params.add(query.parentUnit.id, "int")}`] : ["tu.tier = 1"];
  for (const f of query.filters) {
    if (attribute.sameAcross?.includes(f.dimension)) continue;
    const d = registry.dimensions.get(f.dimension)!;
    where.push(
      f.dimension === UNIT_DIMENSION
        ? subtreeFilterSql(f, "tu", params)
        : memberFilterSql(f, d.attributeSql!.targets!, d.keyType, params),
    );
  }
  return grouped(
    keys,
    "sum(tg.target)",
    "target tg JOIN unit tu ON tu.id = tg.unit_id LEFT JOIN province tp ON tp.code = tu.province_code",
    where,
    params,
  );
}

function grouped(keys: string[], value: string, from: string, where: string[], params: SqlParams): AttributeSql {
  const select = [...keys.map((k, i) => `${k} AS d${i}`), `${value} AS m0`];
  const grouping = keys.length ? `GROUPING(${keys.join(", ")}) AS grp` : "0 AS grp";
  const sets = keys.length ? `GROUPING SETS ((${keys.join(", ")}), ())` : "GROUPING SETS (())";
  return {
    text: `SELECT ${select.join(", ")}, ${grouping} FROM ${from} WHERE ${where.join(" AND ")} GROUP BY ${sets}`,
    values: params.values,
  };
}
