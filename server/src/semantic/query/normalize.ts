import { badInput, userError } from "../../common/errors";
import type { Catalogue, CatalogueName } from "../catalogue";
import { UNIT_DIMENSION } from "../registry/dimensions";
import { partsOf } from "../registry/derivation";
import { derivedDefinitions, withDerived } from "../registry/derived-measures";
import type { Registry } from "../registry/registry";
import { ANSWERABLE_BEFORE_MS, ANSWERABLE_FROM_MS, parseMoment } from "./dates";
import { topUnitIdOf } from "./unit-path";
import {
  MAX_DIMENSIONS,
  MAX_FILTER_VALUES,
  MAX_LIMIT,
  type AnalyticsQuery,
  type NormalizedQuery,
  type ParentUnit,
} from "./analytics-query";

export interface NormalizeContext {
  registry: Registry;
  catalogue: Catalogue;
  /** Default as-of: the Vietnam midnight after the last event of the data. */
  dataEnd: number;
  dataStart: number;
  findUnit(code: string): Promise<ParentUnit | null>;
  /** The root of the unit tree (the confederation): whose children `unit` lists by default. */
  rootUnit(): Promise<ParentUnit>;
}

const GRANULARITIES = ["DAY", "WEEK", "MONTH", "QUARTER", "YEAR"];

/**
 * Checks a query once, at the edge: names against the registry, member codes against the
 * catalogue, dates in Vietnam time, limits. Everything downstream trusts the result.
 */
export async function normalizeQuery(raw: AnalyticsQuery, ctx: NormalizeContext): Promise<NormalizedQuery> {
  const { registry } = ctx;
  const known = (kind: "measure" | "dimension", names: string[], valid: readonly string[], field: string) => {
    for (const name of names) {
      if (!valid.includes(name)) {
        throw badInput(`${field}: unknown ${kind} "${name}". Valid ${kind}s: ${valid.join(", ")}`, { field, valid });
      }
    }
  };
  const dimensionNames = [...registry.dimensions.keys()];
  if (!raw.measures?.length) throw badInput("measures: ask for at least one measure", { field: "measures" });
  known("measure", raw.measures, registry.publicMeasures, "measures");
  const dimensions = [...new Set(raw.dimensions ?? [])];
  known("dimension", dimensions, dimensionNames, "dimensions");
  if (dimensions.length > MAX_DIMENSIONS) {
    throw userError("QUERY_TOO_COMPLEX", `dimensions: at most ${MAX_DIMENSIONS} dimensions, got ${dimensions.length}`, {
      field: "dimensions",
    });
  }
  const { limit, offset } = pagingOf(raw);

  const parentUnit = await resolveParent(raw.parentUnit, ctx);
  const filters = await Promise.all(
    (raw.filters ?? []).map(async (f, i) => {
      const field = `filters[${i}]`;
      known("dimension", [f.dimension], dimensionNames, `${field}.dimension`);
      if (!f.values?.length) throw badInput(`${field}.values: give at least one value`, { field });
      if (f.values.length > MAX_FILTER_VALUES) {
        throw userError(
          "QUERY_TOO_COMPLEX",
          `${field}.values: at most ${MAX_FILTER_VALUES} values, got ${f.values.length}`,
          { field: `${field}.values`, max: MAX_FILTER_VALUES },
        );
      }
      if (f.operator === "EQUALS" && f.values.length !== 1)
        throw badInput(`${field}: EQUALS takes exactly one value`, { field });
      if (f.dimension === UNIT_DIMENSION) return unitFilters(f.operator, f.values, field, ctx);
      const keys = await Promise.all(f.values.map((code) => memberKey(f.dimension, code, `${field}.values`, ctx)));
      return [{ dimension: f.dimension, operator: f.operator, keys }];
    }),
  ).then((all) => all.flat());

  const asOf = raw.asOf ? raw.asOf.before : ctx.dataEnd;
  let range: NormalizedQuery["range"];
  if (raw.dateRange && (raw.dateRange.from || raw.dateRange.to)) {
    // An open end is the edge of the answerable dates: real instants (the smallest and largest
    // numbers once made PostgreSQL fail with "time zone displacement out of range").
    const from = raw.dateRange.from ? parseMoment(raw.dateRange.from, "dateRange.from", false) : ANSWERABLE_FROM_MS;
    const before = raw.dateRange.to ? parseMoment(raw.dateRange.to, "dateRange.to", true) : ANSWERABLE_BEFORE_MS;
    if (from >= before) throw badInput("dateRange: from must be before to", { field: "dateRange" });
    range = { from, before };
  }
  let time: NormalizedQuery["time"];
  if (raw.timeDimension) {
    if (!GRANULARITIES.includes(raw.timeDimension.granularity)) {
      throw badInput(`timeDimension.granularity: one of ${GRANULARITIES.join(", ")}`, { field: "timeDimension" });
    }
    time = { granularity: raw.timeDimension.granularity, cumulative: raw.timeDimension.cumulative ?? false };
  }

  const derived = derivedDefinitions(raw.derived, registry);
  const measures = [...raw.measures, ...derived.map((m) => m.name)];
  const components = componentsOf(measures, withDerived(registry, derived));
  checkAttributeMeasures(
    components,
    dimensions,
    filters.map((f) => f.dimension),
    Boolean(time),
    registry,
  );
  const share = [...new Set(raw.share ?? [])];
  known("measure", share, raw.measures, "share");
  for (const m of share) {
    if (registry.measures.get(m)!.additivity === "derived") {
      throw badInput(`share: ${m} is a ratio; a share of total is only defined for counts and sums`, {
        field: "share",
      });
    }
  }
  const orderable = [...measures, ...dimensions, ...(time ? ["time"] : [])];
  const order = (raw.order ?? []).map((o, i) => {
    if (!orderable.includes(o.by)) {
      throw badInput(`order[${i}].by: "${o.by}" is not in this query. Order by one of: ${orderable.join(", ")}`, {
        field: "order",
      });
    }
    return { by: o.by, direction: o.direction ?? "ASC" };
  });
  return {
    measures,
    components,
    dimensions,
    parentUnit,
    filters,
    range,
    time,
    asOf,
    seriesStart: ctx.dataStart,
    dataEnd: ctx.dataEnd,
    order,
    limit,
    offset,
    share,
    useRollups: raw.useRollups ?? true,
    derived,
  };
}

/** The rows asked for: `limit` (default 1,000, at most MAX_LIMIT) from `offset`. */
export function pagingOf(raw: Pick<AnalyticsQuery, "limit" | "offset">): { limit: number; offset: number } {
  const limit = raw.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw badInput(`limit: a whole number from 1 to ${MAX_LIMIT}, got ${raw.limit}`, { field: "limit" });
  }
  const offset = raw.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0)
    throw badInput(`offset: a whole number ≥ 0, got ${raw.offset}`, { field: "offset" });
  return { limit, offset };
}

/** The measures to fetch: requested ones, and in their place the parts of those computed from others (ratios, differences). */
export function componentsOf(measures: string[], registry: Registry): string[] {
  const out = new Set<string>();
  const visit = (name: string) => {
    const parts = partsOf(registry.measures.get(name)!);
    if (parts.length) parts.forEach(visit);
    else out.add(name);
  };
  measures.forEach(visit);
  return [...out];
}

/** Attribute measures do not change over time, and break down only by dimensions that key their rows. */
function checkAttributeMeasures(
  components: string[],
  dimensions: string[],
  filtered: string[],
  hasTime: boolean,
  registry: Registry,
) {
  // In declaration order, so that a query with several is refused for the same one every time.
  for (const { name: measure, attribute } of registry.measures.values()) {
    if (!attribute || !components.includes(measure)) continue;
    if (hasTime)
      throw badInput(`${measure} does not change over time: ask for it without timeDimension`, {
        field: "timeDimension",
      });
    for (const name of dimensions) {
      // The same in every member (members in every phase): a filter leaves it unchanged, a breakdown would repeat it.
      if (attribute.sameAcross?.includes(name)) {
        throw badInput(`${measure} is the same in every ${name}: filter by ${name} or ask without it`, {
          field: "dimensions",
          measure,
          dimension: name,
        });
      }
    }
    for (const name of new Set([...dimensions, ...filtered])) {
      if (attribute.sameAcross?.includes(name)) continue;
      if (name !== UNIT_DIMENSION && !registry.dimensions.get(name)!.attributeSql?.[attribute.rows]) {
        throw badInput(`${measure} cannot be broken down or filtered by ${name}`, {
          field: "dimensions",
          measure,
          dimension: name,
        });
      }
    }
  }
}

async function resolveParent(code: string | undefined, ctx: NormalizeContext): Promise<ParentUnit> {
  const unit = code === undefined ? await ctx.rootUnit() : await ctx.findUnit(code);
  if (!unit) throw badInput(`parentUnit: no unit has the code "${code}"`, { field: "parentUnit" });
  return unit;
}

type Filter = NormalizedQuery["filters"][number];

/**
 * A unit filter keeps the unit's whole subtree. For top-level units that subtree is exactly the
 * topUnit member, which the rollups carry, and the confederation's is everything: so those are
 * rewritten and a unit page's figures come from rollups instead of the base table. Below them,
 * the filter keeps its units' common depth (second-tier units are a rollup column too), and the
 * top-level units are added as a second, redundant filter that lets PostgreSQL use the
 * (top_unit_id, submitted_at) index, or a rollup's top-unit index.
 */
async function unitFilters(
  operator: Filter["operator"],
  codes: string[],
  field: string,
  ctx: NormalizeContext,
): Promise<Filter[]> {
  const units = await Promise.all(
    codes.map(async (code) => {
      const unit = await ctx.findUnit(code);
      if (!unit) throw badInput(`${field}.values: no unit has the code "${code}"`, { field: `${field}.values` });
      return unit;
    }),
  );
  const including = operator !== "NOT_IN";
  if (including && units.some((u) => u.tier === 0)) return [];
  if (units.every((u) => u.tier === 1)) return [{ dimension: "topUnit", operator, keys: units.map((u) => u.id) }];
  const depths = new Set(units.map((u) => u.depth));
  const subtree: Filter = {
    dimension: UNIT_DIMENSION,
    operator,
    keys: units.map((u) => u.id),
    ...(depths.size === 1 ? { unitDepth: units[0]!.depth } : {}),
  };
  if (!including || units.some((u) => u.tier === 0)) return [subtree];
  return [subtree, { dimension: "topUnit", operator: "IN", keys: [...new Set(units.map((u) => topUnitIdOf(u.path)))] }];
}

async function memberKey(
  dimension: string,
  code: string,
  field: string,
  ctx: NormalizeContext,
): Promise<number | string> {
  if (dimension === UNIT_DIMENSION) {
    const unit = await ctx.findUnit(code);
    if (!unit) throw badInput(`${field}: no unit has the code "${code}"`, { field });
    return unit.id;
  }
  const catalogue = ctx.registry.dimensions.get(dimension)!.catalogue as CatalogueName;
  const members = ctx.catalogue[catalogue];
  const member = members.find((m) => m.code === code);
  if (!member) {
    throw badInput(
      `${field}: "${code}" is not a ${dimension}. Valid values: ${members.map((m) => m.code).join(", ")}`,
      { field },
    );
  }
  return member.key;
}
