import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from "graphql";

export const MAX_QUERY_COST = 1000;
export const MAX_DEPTH = 12;
/**
 * Under `__schema` and `__type`: deep enough for the standard introspection query (graphql-js's
 * TypeRef nests `ofType` 9 times; GraphiQL, codegen and Sandbox send it), still bounded so cyclic
 * `fields { type { fields … } }` stays cheap; the cost limit applies as everywhere.
 */
export const MAX_INTROSPECTION_DEPTH = 16;
const INTROSPECTION_ROOTS = new Set(["__schema", "__type"]);

/** Root fields that run the engine: each costs this much, however it is aliased. */
const ENGINE_FIELDS: Record<string, number> = {
  analytics: 50, overview: 150, ranking: 50, timeSeries: 50, shares: 50, unitDrilldown: 100, targetAttainment: 50,
  milestones: 20, meta: 10,
};

/**
 * Rejects an operation whose cost is over the limit before any resolver runs: every field
 * counts (aliases included, fragments expanded), engine fields count more, and a large `limit`
 * adds its rows. Depth alone would let `a1: analytics … a99: analytics` through.
 */
export function queryCostRule(maxCost = MAX_QUERY_COST) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
      let depthExceeded = 0; // the limit that was crossed, if one was
      const cost = (set: SelectionSetNode, depth: number, seen: Set<string>, root: boolean, maxDepth: number): number => {
        if (depth > maxDepth) depthExceeded = maxDepth;
        let total = 0;
        for (const selection of set.selections) {
          if (selection.kind === Kind.FIELD) {
            total += 1 + (root ? ENGINE_FIELDS[selection.name.value] ?? 0 : 0) + limitCost(selection.arguments ?? []);
            const below = root && INTROSPECTION_ROOTS.has(selection.name.value) ? MAX_INTROSPECTION_DEPTH : maxDepth;
            if (selection.selectionSet) total += cost(selection.selectionSet, depth + 1, seen, false, below);
          } else if (selection.kind === Kind.INLINE_FRAGMENT) {
            total += cost(selection.selectionSet, depth, seen, root, maxDepth);
          } else {
            const fragment = fragments.get(selection.name.value);
            if (fragment && !seen.has(fragment.name.value)) {
              total += cost(fragment.selectionSet, depth, new Set([...seen, fragment.name.value]), root, maxDepth);
            }
          }
        }
        return total;
      };
      const total = cost(operation.selectionSet, 1, new Set(), true, MAX_DEPTH);
      if (total > maxCost || depthExceeded) {
        context.reportError(new GraphQLError(
          depthExceeded
            ? `The query is nested deeper than ${depthExceeded} levels.`
            : `The query costs ${total}, over the limit of ${maxCost}: ask for fewer aliased queries or smaller limits.`,
          { extensions: { code: "QUERY_TOO_COMPLEX", cost: total, maxCost } },
        ));
      }
    },
  });
}

/** Rows asked for cost too: `limit` in an argument or inside the `query` input. */
function limitCost(args: ReadonlyArray<{ name: { value: string }; value: any }>): number {
  let rows = 0;
  for (const arg of args) {
    if (arg.name.value === "limit" && arg.value.kind === Kind.INT) rows += Number(arg.value.value);
    if (arg.value.kind === Kind.OBJECT) {
      for (const f of arg.value.fields) if (f.name.value === "limit" && f.value.kind === Kind.INT) rows += Number(f.value.value);
    }
  }
  return Math.floor(rows / 100);
}
