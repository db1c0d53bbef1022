import type { ApolloServerOptions, ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { NextFunction, Request, Response } from "express";
import {
  getOperationAST,
  GraphQLError,
  Kind,
  MaxIntrospectionDepthRule,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import type { RequestContext } from "../common/request-context";
import type { GraphqlOutcome } from "../observability/metrics";
import { answerClientErrors } from "./client-error";
import { mostFieldsUnderOneName } from "./repeated-fields";
import { costOf, MAX_QUERY_COST, ROOT_FIELD_COST } from "./request-cost";

/**
 * The limits every GraphQL document meets before Apollo sees it, cheapest first. Each is linear in
 * the document, so refusing even a hostile one takes milliseconds:
 * 1. the body is at most 64 KB (graphql-body.ts) and the parser stops after maxTokens (graphql-js);
 * 2. at most maxFieldsUnderOneName fields under one name in a selection (repeated-fields.ts);
 * 3. graphql-armor bounds aliases, directives and depth; graphql-js bounds introspection's depth;
 * 4. our cost, which only we can know (engine fields, rows asked for), with the variables known; it
 *    also bounds selections with fragments expanded (each field costs at least 1).
 * Here rather than as Apollo's validation rules: Apollo runs graphql-js's whole rule set first, and
 * that, on 450 aliases or a fan-out of fragments, cost 10–50 ms of blocked event loop per refusal.
 */
export const REQUEST_LIMITS = {
  /** The standard introspection query is ~400 tokens, the dashboard's largest batch ~1,100. */
  maxTokens: 4000,
  /** The dashboard aliases at most ~12 fields; an alias flood is what this stops. */
  maxAliases: 30,
  /** We define no directive; @include/@skip a few times is plenty. */
  maxDirectives: 20,
  maxDepth: 12,
  /** Legitimate documents repeat a field under one name a few times at most (fragments overlapping). */
  maxFieldsUnderOneName: 20,
  maxCost: MAX_QUERY_COST,
} as const;

type Limits = typeof REQUEST_LIMITS;

interface Refusal {
  status: number;
  code: "QUERY_TOO_COMPLEX" | "BAD_USER_INPUT";
  messages: string[];
  details?: Record<string, unknown>;
}

/**
 * The one door of request analysis: judges a GraphQL request (POST body or GET query string) and
 * answers a refusal itself, in the API's error shape with the request id; what passes goes on to
 * Apollo, which parses it again and validates it against the schema (Apollo keeps validated
 * documents per query text; this door parses every request, ~0.2 ms for the dashboard's largest batch).
 */
export function judgeGraphqlRequests(schema: GraphQLSchema, limits: Limits = REQUEST_LIMITS) {
  const rules = shapeRules(limits);
  return (req: Request, res: Response, next: NextFunction) => {
    const request = graphqlRequestOf(req);
    if (!request) return next();
    const refusal = judge(schema, rules, limits, request);
    if (!refusal) return next();
    // Counted as a GraphQL request refused for its input; never kept by a cache (a GET may carry an ETag by now).
    res.locals.outcome = "user_error" satisfies GraphqlOutcome;
    answerClientErrors(
      res,
      refusal.status,
      refusal.messages.map((message) => ({ code: refusal.code, message, extensions: refusal.details })),
    );
  };
}

interface GraphqlRequest {
  source: string;
  operationName: string | undefined;
  variables: Record<string, unknown>;
}

/** The query, operation name and variables as Apollo will read them; undefined when there is no query text to judge (Apollo says what is missing). */
function graphqlRequestOf(req: Request): GraphqlRequest | undefined {
  const fields = (req.method === "GET" ? req.query : req.body) as Record<string, unknown> | undefined;
  if (!fields || typeof fields !== "object" || Array.isArray(fields) || typeof fields.query !== "string")
    return undefined;
  let variables: unknown = fields.variables;
  if (typeof variables === "string") {
    try {
      variables = JSON.parse(variables);
    } catch {
      variables = undefined;
    }
  }
  return {
    source: fields.query,
    operationName: typeof fields.operationName === "string" && fields.operationName ? fields.operationName : undefined,
    variables:
      variables && typeof variables === "object" && !Array.isArray(variables)
        ? (variables as Record<string, unknown>)
        : {},
  };
}

function judge(
  schema: GraphQLSchema,
  rules: ValidationRule[],
  limits: Limits,
  request: GraphqlRequest,
): Refusal | undefined {
  let document: DocumentNode;
  try {
    document = parse(request.source, { maxTokens: limits.maxTokens });
  } catch (error) {
    const message = (error as Error).message;
    // Other syntax errors are Apollo's to report (GRAPHQL_PARSE_FAILED, with their location).
    if (!/Document contains more th\w+ \d+ tokens/.test(message)) return undefined;
    return tooComplex(`The document has more than ${limits.maxTokens} tokens: ask for less per request.`, {
      max: limits.maxTokens,
    });
  }
  const most = mostFieldsUnderOneName(document);
  if (most > limits.maxFieldsUnderOneName) {
    return tooComplex(
      `${most} fields answer under one name in one selection; at most ${limits.maxFieldsUnderOneName}: give them different aliases, or ask once.`,
      { max: limits.maxFieldsUnderOneName },
    );
  }
  const shapeErrors = validate(schema, document, rules);
  if (shapeErrors.length)
    return {
      status: 400,
      code: "QUERY_TOO_COMPLEX",
      messages: shapeErrors.map((e) => e.message.replace(/^Syntax Error: /, "")),
    };
  const operation = getOperationAST(document, request.operationName);
  if (!operation) return noOperationChosen(document, request.operationName);
  const { cost, overBudget } = costOf(document, operation, request.variables, limits.maxCost);
  if (overBudget) {
    return tooComplex(
      `The query costs more than ${limits.maxCost} (counted up to ${cost}): ask for fewer aliased queries, fragments spread fewer times, or smaller limits.`,
      { cost, maxCost: limits.maxCost },
    );
  }
  return undefined;
}

function tooComplex(message: string, details: Record<string, unknown>): Refusal {
  return { status: 400, code: "QUERY_TOO_COMPLEX", messages: [message], details };
}

/** graphql-armor's aliases, directives and depth, and graphql-js's introspection depth: each linear (fragments counted once). */
function shapeRules(limits: Limits): ValidationRule[] {
  const report = (context: ValidationContext | null, error: GraphQLError) => context?.reportError(error);
  const armor = new ApolloArmor({
    // Ours knows engine fields and rows; armor's knows neither.
    costLimit: { enabled: false },
    // The parser's own limit is cheaper than armor's second lexer pass.
    maxTokens: { enabled: false },
    // Suggestions help analysts writing queries by hand; the schema is public anyway.
    blockFieldSuggestion: { enabled: false },
    maxAliases: { n: limits.maxAliases, exposeLimits: true, propagateOnRejection: false, onReject: [report] },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true, propagateOnRejection: false, onReject: [report] },
    // MaxIntrospectionDepthRule bounds introspection (`fields { type { fields …` at most three lists deep).
    maxDepth: {
      n: limits.maxDepth,
      exposeLimits: true,
      flattenFragments: true,
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onReject: [report],
    },
  }).protect();
  return [...armor.validationRules, MaxIntrospectionDepthRule];
}

/** Several operations and no operationName, or a name the document lacks: say which names it holds. */
function noOperationChosen(document: DocumentNode, operationName: string | undefined): Refusal {
  const names = document.definitions.flatMap((d) =>
    d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? "(anonymous)"] : [],
  );
  const message = operationName
    ? `operationName: the document holds no operation named "${operationName}"; it holds ${names.join(", ") || "none"}`
    : `operationName: the document holds ${names.length} operations (${names.join(", ")}); name the one to run`;
  return {
    status: 400,
    code: "BAD_USER_INPUT",
    messages: [message],
    details: { field: "operationName", operations: names },
  };
}

/**
 * What ApolloServer itself is given: the token limit again (free: it stops the parse), and, should a
 * request ever reach Apollo without passing the door, a refusal of a document without a chosen
 * operation (the plugins after it expect one).
 */
export function apolloGuards(
  limits: Limits = REQUEST_LIMITS,
): Required<Pick<ApolloServerOptions<RequestContext>, "parseOptions" | "plugins">> {
  const operationChosen: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (operation) return;
          const refusal = noOperationChosen(document, request.operationName);
          throw new GraphQLError(refusal.messages[0]!, {
            extensions: { code: refusal.code, ...refusal.details, http: { status: refusal.status } },
          });
        },
      };
    },
  };
  return { parseOptions: { maxTokens: limits.maxTokens }, plugins: [operationChosen] };
}

/** Every root field has a declared cost: checked when the server starts, so none is free by omission. */
export function assertEveryRootFieldCosted(schema: GraphQLSchema): void {
  const missing = Object.keys(schema.getQueryType()?.getFields() ?? {}).filter(
    (name) => ROOT_FIELD_COST[name] === undefined,
  );
  if (missing.length)
    throw new Error(
      `root fields without a cost in ROOT_FIELD_COST (server/src/http/request-cost.ts): ${missing.join(", ")}`,
    );
}
