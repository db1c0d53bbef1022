import {
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

export const MAX_QUERY_COST = 1000;

/**
 * What each root field costs, however it is aliased: the engine's fields most (each may run
 * several statements), then every other field that reads the database or the data state. A root
 * field missing here is an error at start-up (assertEveryRootFieldCosted), so a new one cannot
 * slip in at the price of a scalar.
 */
export const ROOT_FIELD_COST: Readonly<Record<string, number>> = {
  analytics: 50,
  overview: 150,
  ranking: 50,
  timeSeries: 50,
  shares: 50,
  unitDrilldown: 100,
  targetAttainment: 50,
  milestones: 20,
  meta: 10,
  searchUnits: 10,
  provinces: 5,
  topUnits: 5,
  dataset: 2,
  releases: 2,
  release: 2,
  revisions: 5,
};

/** Rows a field asks for when it names no `limit` (AnalyticsQuery's default). */
const DEFAULT_ANALYTICS_LIMIT = 1000;
/** Every 100 rows asked for cost one more. */
const ROWS_PER_COST = 100;

export interface CostVerdict {
  /** The cost, or the first running total that passed the budget (counting stops there). */
  cost: number;
  overBudget: boolean;
}

class OverBudget extends Error {
  constructor(readonly cost: number) {
    super("over budget");
  }
}

/**
 * The cost of the operation that will run, with its variables: 1 per field, aliases and fragment
 * spreads included, plus ROOT_FIELD_COST for root fields and the rows a `limit` asks for (a
 * literal, a variable, or a variable holding the whole `query` input).
 *
 * Linear in the document: each fragment's cost is computed once (for where it is spread: at the
 * root or below) and multiplied by its spreads, so `F39 = ...F38 ...F38` costs 2^39 without 2^39
 * steps; and counting stops at the first total over the budget. Before this, fragments were walked
 * again at every spread and a 2 KB document blocked the event loop for days.
 */
export function costOf(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  budget = MAX_QUERY_COST,
): CostVerdict {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const values = { ...defaultsOf(operation), ...variables };
  const memo = new Map<string, number>();
  const inProgress = new Set<string>();

  const setCost = (set: SelectionSetNode, root: boolean): number => {
    let total = 0;
    const add = (n: number) => {
      total += n;
      if (total > budget) throw new OverBudget(total);
    };
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        add(1 + (root ? (ROOT_FIELD_COST[name] ?? 0) + rowsCost(name, selection.arguments ?? [], values) : 0));
        if (selection.selectionSet) add(setCost(selection.selectionSet, false));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        add(setCost(selection.selectionSet, root));
      } else {
        add(fragmentCost(selection.name.value, root));
      }
    }
    return total;
  };

  const fragmentCost = (name: string, root: boolean): number => {
    const key = `${root ? "root" : "nested"}:${name}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    // Unknown or cyclic spreads are refused by validation before this runs; count them as nothing.
    if (!fragment || inProgress.has(key)) return 0;
    inProgress.add(key);
    const cost = setCost(fragment.selectionSet, root);
    inProgress.delete(key);
    memo.set(key, cost);
    return cost;
  };

  try {
    return { cost: setCost(operation.selectionSet, true), overBudget: false };
  } catch (error) {
    if (error instanceof OverBudget) return { cost: error.cost, overBudget: true };
    throw error;
  }
}

/** Rows asked for: `limit` as an argument (ranking, searchUnits) or inside the `query` input (analytics). */
function rowsCost(
  field: string,
  args: ReadonlyArray<{ name: { value: string }; value: ValueNode }>,
  variables: Record<string, unknown>,
): number {
  let rows = 0;
  for (const arg of args) {
    const value = valueOrNull(arg.value, variables);
    if (arg.name.value === "limit") rows += asRows(value);
    if (arg.name.value === "query" && value && typeof value === "object") {
      const limit = (value as { limit?: unknown }).limit;
      rows += limit === undefined || limit === null ? DEFAULT_ANALYTICS_LIMIT : asRows(limit);
    }
  }
  if (field === "analytics" && !args.some((a) => a.name.value === "query")) rows += DEFAULT_ANALYTICS_LIMIT;
  return Math.floor(rows / ROWS_PER_COST);
}

/** A number of rows, or 0 for anything else: type validation refuses a limit that is not an Int. */
function asRows(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : 0;
}

function valueOrNull(node: ValueNode, variables: Record<string, unknown>): unknown {
  try {
    return valueFromASTUntyped(node, variables);
  } catch {
    return null;
  }
}

/** Variables' default values: a `limit` given only as a default counts too. */
function defaultsOf(operation: OperationDefinitionNode): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) defaults[definition.variable.name.value] = valueOrNull(definition.defaultValue, {});
  }
  return defaults;
}
