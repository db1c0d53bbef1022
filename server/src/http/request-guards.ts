import type { ApolloServerOptions, ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, Kind, type DocumentNode, type GraphQLSchema, type ValidationContext } from "graphql";
import type { RequestContext } from "../common/request-context";
import { costOf, MAX_QUERY_COST, ROOT_FIELD_COST } from "./request-cost";

/**
 * The limits every GraphQL document meets, cheapest first. Each is linear in the document, so
 * refusing even a hostile one takes milliseconds:
 * 0. before Apollo sees it, a document naming one field more than maxFieldsUnderOneName times in a
 *    selection is refused (repeated-fields.ts: graphql-js's own rules would compare them pairwise);
 * 1. the parser stops after MAX_TOKENS tokens (graphql-js);
 * 2. Apollo counts selections with fragments expanded (each fragment counted once) and stops the
 *    other rules when there are more than MAX_SELECTIONS;
 * 3. graphql-armor bounds aliases, directives and depth; graphql-js bounds introspection's depth;
 * 4. our cost, which only we can know (engine fields, rows asked for), once the variables are known.
 */
export const REQUEST_LIMITS = {
  /** The standard introspection query is ~400 tokens, the dashboard's largest batch ~1,100. */
  maxTokens: 4000,
  /** Selections with fragments expanded: introspection ~200, the dashboard's batch ~600. */
  maxSelections: 2500,
  /** The dashboard aliases at most ~12 fields; an alias flood is what this stops. */
  maxAliases: 30,
  /** We define no directive; @include/@skip a few times is plenty. */
  maxDirectives: 20,
  maxDepth: 12,
  /** Legitimate documents repeat a field under one name a few times at most (fragments overlapping). */
  maxFieldsUnderOneName: 20,
  maxCost: MAX_QUERY_COST,
} as const;

/** A refusal with its own code (Apollo files validation errors under GRAPHQL_VALIDATION_FAILED; error masking gives it back). */
export function tooComplex(message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "QUERY_TOO_COMPLEX", limitExceeded: true, ...details, http: { status: 400 } } });
}

type GuardOptions = Pick<ApolloServerOptions<RequestContext>, "parseOptions" | "maxRecursiveSelections" | "validationRules" | "plugins">;

/** What ApolloServer is given: parse and validation limits, and the cost plugin. */
export function requestGuards(limits = REQUEST_LIMITS): Required<GuardOptions> {
  const refuse = (context: ValidationContext | null, error: GraphQLError) => {
    context?.reportError(tooComplex(error.message.replace(/^Syntax Error: /, "")));
  };
  const armor = new ApolloArmor({
    // Ours below knows engine fields and rows; armor's knows neither.
    costLimit: { enabled: false },
    // Graphql-js's own parser limit is cheaper than armor's second lexer pass.
    maxTokens: { enabled: false },
    // Suggestions help analysts writing queries by hand; the schema is public anyway.
    blockFieldSuggestion: { enabled: false },
    maxAliases: { n: limits.maxAliases, exposeLimits: true, propagateOnRejection: false, onReject: [refuse] },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true, propagateOnRejection: false, onReject: [refuse] },
    // graphql-js's MaxIntrospectionDepthRule (a specified rule) bounds introspection instead.
    maxDepth: { n: limits.maxDepth, exposeLimits: true, flattenFragments: true, ignoreIntrospection: true, propagateOnRejection: false, onReject: [refuse] },
  }).protect();
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    maxRecursiveSelections: limits.maxSelections,
    validationRules: armor.validationRules,
    plugins: [...armor.plugins, costPlugin(limits.maxCost)],
  };
}

/** After validation, with the variables known: a `limit` passed as `$q` counts like a literal one. */
function costPlugin(maxCost: number): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) throw noOperationChosen(document, request.operationName);
          const { cost, overBudget } = costOf(document, operation, request.variables ?? {}, maxCost);
          if (overBudget) {
            throw tooComplex(`The query costs more than ${maxCost} (counted up to ${cost}): ask for fewer aliased queries, fragments spread fewer times, or smaller limits.`, { cost, maxCost });
          }
        },
      };
    },
  };
}

/**
 * Several operations and no operationName, or a name the document lacks: say which names it holds.
 * (Left to run, graphql-js would answer this too, but the plugins after this one expect an operation.)
 */
function noOperationChosen(document: DocumentNode, operationName: string | undefined): GraphQLError {
  const names = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? "(anonymous)"] : []));
  const message = operationName
    ? `operationName: the document holds no operation named "${operationName}"; it holds ${names.join(", ") || "none"}`
    : `operationName: the document holds ${names.length} operations (${names.join(", ")}); name the one to run`;
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", field: "operationName", operations: names, http: { status: 400 } } });
}

/** Every root field has a declared cost: checked when the server starts, so none is free by omission. */
export function assertEveryRootFieldCosted(schema: GraphQLSchema): void {
  const missing = Object.keys(schema.getQueryType()?.getFields() ?? {}).filter((name) => ROOT_FIELD_COST[name] === undefined);
  if (missing.length) throw new Error(`root fields without a cost in ROOT_FIELD_COST (server/src/http/request-cost.ts): ${missing.join(", ")}`);
}
