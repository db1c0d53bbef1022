import { ROLLUP_COLUMN_SOURCE } from "../../db/aggregates/aggregate-columns";
import { firstSeenTables } from "../../db/aggregates/first-seen-build.sql";
import {
  PRE_AGGREGATES,
  preAggregatesOf,
  type MembersRollupDefinition,
  type PreAggregate,
  type RollupDefinition,
} from "../../db/aggregates/pre-aggregates";
import { partsOf } from "./derivation";
import { DIMENSIONS, type DimensionDefinition } from "./dimensions";
import { MEASURES, type MeasureDefinition } from "./measures";

/** A first-seen submitter rollup, with the dimension whose members it keeps apart (none: the whole programme). */
export interface SubmitterRollup {
  table: string;
  dimension?: string;
  /** That dimension's column, named as in the initiative table and the rollup. */
  column?: string;
}

export interface Registry {
  measures: ReadonlyMap<string, MeasureDefinition>;
  dimensions: ReadonlyMap<string, DimensionDefinition>;
  /** Every pre-aggregated table, as declared (db/aggregates/pre-aggregates.ts). */
  preAggregates: readonly PreAggregate[];
  /** The event rollups, in declaration order: the planner's tie-break. */
  rollups: readonly RollupDefinition[];
  /** The first-seen submitter rollups, in declaration order. */
  submitterRollups: readonly SubmitterRollup[];
  /** Members per unit columns, when declared: `members` without walking the unit tree. */
  membersRollup?: MembersRollupDefinition;
  /** Names users may ask for (internal helper measures excluded), in declaration order. */
  publicMeasures: readonly string[];
}

/** Define → validate → index, once at start-up: a wrong definition stops the server with its name. */
export function buildRegistry(
  measures: MeasureDefinition[] = MEASURES,
  dimensions: DimensionDefinition[] = DIMENSIONS,
  preAggregates: readonly PreAggregate[] = PRE_AGGREGATES,
): Registry {
  const problems = validate(measures, dimensions, preAggregates);
  if (problems.length > 0) throw new Error(`semantic registry is invalid:\n- ${problems.join("\n- ")}`);
  return {
    measures: new Map(measures.map((m) => [m.name, m])),
    dimensions: new Map(dimensions.map((d) => [d.name, d])),
    preAggregates,
    rollups: preAggregatesOf(preAggregates, "events"),
    submitterRollups: preAggregatesOf(preAggregates, "firstSeenSubmitters").map(({ name, column }) =>
      column ? { table: name, dimension: dimensionKeyedBy(column, dimensions)!.name, column } : { table: name },
    ),
    membersRollup: preAggregatesOf(preAggregates, "members")[0],
    publicMeasures: measures.filter((m) => !m.internal).map((m) => m.name),
  };
}

/**
 * The dimension whose members are a rollup column's own values, no join mapping them: for
 * top_unit_id the top unit, not its kind or its cluster (those are computed from it).
 */
function dimensionKeyedBy(column: string, dimensions: readonly DimensionDefinition[]): DimensionDefinition | undefined {
  return dimensions.find((d) => d.rollupColumn === column && d.joins.length === 0);
}

function validate(
  measures: MeasureDefinition[],
  dimensions: DimensionDefinition[],
  preAggregates: readonly PreAggregate[],
): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const item of [...measures, ...dimensions, ...preAggregates]) {
    if (names.has(item.name)) problems.push(`"${item.name}" is defined twice`);
    names.add(item.name);
    if (!/^[a-z][a-zA-Z0-9_]*$/.test(item.name)) problems.push(`"${item.name}" is not a valid name`);
  }
  const measureNames = new Set(measures.map((m) => m.name));
  for (const m of measures) {
    const from = [m.event, m.ratio, m.difference, m.attribute].filter(Boolean).length;
    if (from !== 1) problems.push(`measure ${m.name} needs exactly one of event, ratio, difference or attribute`);
    if (m.additivity === "additive" && !m.event && !m.difference)
      problems.push(`measure ${m.name} needs an event or a difference`);
    if (m.additivity === "distinct" && !m.event) problems.push(`measure ${m.name} needs an event`);
    if (m.additivity === "derived" && !m.ratio && !m.difference)
      problems.push(`derived measure ${m.name} needs a ratio or a difference`);
    if (m.additivity === "attribute" && !m.attribute) problems.push(`attribute measure ${m.name} needs its rows`);
    for (const part of partsOf(m)) {
      if (!measureNames.has(part)) problems.push(`measure ${m.name} refers to unknown measure ${part}`);
    }
    for (const name of m.attribute?.sameAcross ?? []) {
      if (!dimensions.some((d) => d.name === name))
        problems.push(`measure ${m.name} is the same across unknown dimension ${name}`);
    }
    if (!m.labelVi || !m.labelEn) problems.push(`measure ${m.name} needs labels in both languages`);
  }
  const rollups = preAggregatesOf(preAggregates, "events");
  for (const r of rollups) {
    for (const c of r.columns) if (!ROLLUP_COLUMN_SOURCE[c]) problems.push(`rollup ${r.name} has unknown column ${c}`);
    for (const c of r.index ?? [])
      if (c !== "bucket" && !r.columns.includes(c))
        problems.push(`rollup ${r.name} is indexed by ${c}, not one of its columns`);
    if (r.dailyTail) {
      const tail = rollups.find((t) => t.name === r.dailyTail);
      // The tail completes whole months with days: it must be daily and carry the same columns.
      if (r.grain !== "month" || !tail || tail.grain !== "day" || tail.columns.join() !== r.columns.join()) {
        problems.push(`rollup ${r.name}: its daily tail must be a declared daily rollup with the same columns`);
      }
    }
  }
  const firstSeen = preAggregatesOf(preAggregates, "firstSeenSubmitters");
  try {
    firstSeenTables(firstSeen);
  } catch (error) {
    problems.push((error as Error).message);
  }
  for (const s of firstSeen) {
    if (s.column && !dimensionKeyedBy(s.column, dimensions))
      problems.push(`rollup ${s.name}: no dimension is keyed by ${s.column}`);
  }
  if (preAggregatesOf(preAggregates, "members").length > 1) problems.push("declare at most one members rollup");
  for (const d of dimensions) {
    if (d.rollupColumn && !ROLLUP_COLUMN_SOURCE[d.rollupColumn])
      problems.push(`dimension ${d.name}: unknown rollup column ${d.rollupColumn}`);
    if (!d.labelVi || !d.labelEn) problems.push(`dimension ${d.name} needs labels in both languages`);
  }
  return problems;
}

export const REGISTRY = buildRegistry();
