import type { NormalizedQuery } from "../query/analytics-query";
import { UNIT_DIMENSION } from "../registry/dimensions";
import type { Registry } from "../registry/registry";
import { unitLevelColumn } from "../../db/aggregates/aggregate-columns";

/** A rollup column the query reads and which of its dimensions or filters reads it; no column when no rollup carries it. */
export interface ColumnNeed {
  by: string;
  column?: string;
  /** Why no rollup carries it, when there is no column. */
  missing?: string;
}

/**
 * The rollup columns a query's dimensions and filters read. Units are keyed by their level: the
 * children of a unit at depth d are the level-(d + 1) units under the parent's own level column
 * (the confederation's children: top units; a top unit's: second-tier units), and a unit filter
 * is the level column of its units' depth, when they share one (a top unit's filter arrives here
 * already rewritten as a topUnit filter).
 */
export function rollupColumnNeeds(query: NormalizedQuery, registry: Registry): ColumnNeed[] {
  const needs: ColumnNeed[] = [];
  for (const name of query.dimensions) {
    if (name !== UNIT_DIMENSION) {
      needs.push(memberColumn(name, registry));
      continue;
    }
    const parent = query.parentUnit;
    const children = unitLevelColumn(parent.depth + 1);
    needs.push(
      children
        ? { by: name, column: children }
        : {
            by: name,
            missing: `the children of ${parent.code} (depth ${parent.depth + 1}) are below the second tier, which no rollup keeps`,
          },
    );
    const own = unitLevelColumn(parent.depth);
    if (own) needs.push({ by: name, column: own });
  }
  for (const filter of query.filters) {
    if (filter.dimension !== UNIT_DIMENSION) {
      needs.push(memberColumn(filter.dimension, registry));
      continue;
    }
    const depth = filter.unitDepth;
    const column = depth === undefined ? undefined : unitLevelColumn(depth);
    needs.push(
      column
        ? { by: UNIT_DIMENSION, column }
        : {
            by: UNIT_DIMENSION,
            missing:
              depth === undefined
                ? "a unit filter on units of different depths needs the unit tree"
                : `a unit filter on units at depth ${depth} needs the unit tree: rollups keep top units and second-tier units`,
          },
    );
  }
  return needs;
}

/** The distinct columns a query reads, for one a rollup answers. */
export function rollupColumnsUsed(query: NormalizedQuery, registry: Registry): string[] {
  return [...new Set(rollupColumnNeeds(query, registry).map((n) => n.column!))];
}

function memberColumn(name: string, registry: Registry): ColumnNeed {
  const column = registry.dimensions.get(name)!.rollupColumn;
  return column ? { by: name, column } : { by: name, missing: `${name} cannot be computed from pre-aggregated rows` };
}
