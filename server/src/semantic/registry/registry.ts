import { DIMENSIONS, type DimensionDefinition } from "./dimensions";
import { MEASURES, type MeasureDefinition } from "./measures";
import { ROLLUP_COLUMN_SOURCE, ROLLUPS, type RollupDefinition } from "./rollups";

export interface Registry {
  measures: ReadonlyMap<string, MeasureDefinition>;
  dimensions: ReadonlyMap<string, DimensionDefinition>;
  rollups: readonly RollupDefinition[];
  /** Names users may ask for (internal helper measures excluded), in declaration order. */
  publicMeasures: readonly string[];
}

/** Define → validate → index, once at start-up: a wrong definition stops the server with its name. */
export function buildRegistry(
  measures: MeasureDefinition[] = MEASURES,
  dimensions: DimensionDefinition[] = DIMENSIONS,
  rollups: RollupDefinition[] = ROLLUPS,
): Registry {
  const problems = validate(measures, dimensions, rollups);
  if (problems.length > 0) throw new Error(`semantic registry is invalid:\n- ${problems.join("\n- ")}`);
  return {
    measures: new Map(measures.map((m) => [m.name, m])),
    dimensions: new Map(dimensions.map((d) => [d.name, d])),
    rollups,
    publicMeasures: measures.filter((m) => !m.internal).map((m) => m.name),
  };
}

function validate(measures: MeasureDefinition[], dimensions: DimensionDefinition[], rollups: RollupDefinition[]): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const item of [...measures, ...dimensions, ...rollups]) {
    if (names.has(item.name)) problems.push(`"${item.name}" is defined twice`);
    names.add(item.name);
    if (!/^[a-z][a-zA-Z0-9_]*$/.test(item.name)) problems.push(`"${item.name}" is not a valid name`);
  }
  const measureNames = new Set(measures.map((m) => m.name));
  for (const m of measures) {
    if ((m.additivity === "additive" || m.additivity === "distinct") && !m.event) problems.push(`measure ${m.name} needs an event`);
    if (m.additivity === "derived") {
      if (!m.ratio) problems.push(`derived measure ${m.name} needs a ratio`);
      else for (const part of [m.ratio.numerator, m.ratio.denominator]) {
        if (!measureNames.has(part)) problems.push(`measure ${m.name} refers to unknown measure ${part}`);
      }
    }
    if (!m.labelVi || !m.labelEn) problems.push(`measure ${m.name} needs labels in both languages`);
  }
  for (const r of rollups) {
    for (const c of r.columns) if (!ROLLUP_COLUMN_SOURCE[c]) problems.push(`rollup ${r.name} has unknown column ${c}`);
    for (const c of r.index ?? []) if (c !== "bucket" && !r.columns.includes(c)) problems.push(`rollup ${r.name} is indexed by ${c}, not one of its columns`);
    if (r.dailyTail) {
      const tail = rollups.find((t) => t.name === r.dailyTail);
      // The tail completes whole months with days: it must be daily and carry the same columns.
      if (r.grain !== "month" || !tail || tail.grain !== "day" || tail.columns.join() !== r.columns.join()) {
        problems.push(`rollup ${r.name}: its daily tail must be a declared daily rollup with the same columns`);
      }
    }
  }
  for (const d of dimensions) {
    if (d.rollupColumn && !ROLLUP_COLUMN_SOURCE[d.rollupColumn]) problems.push(`dimension ${d.name}: unknown rollup column ${d.rollupColumn}`);
    if (!d.labelVi || !d.labelEn) problems.push(`dimension ${d.name} needs labels in both languages`);
  }
  return problems;
}

export const REGISTRY = buildRegistry();
