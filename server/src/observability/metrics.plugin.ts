import type { ApolloServerPlugin } from "@apollo/server";
import { Kind, type DocumentNode, type GraphQLFormattedError } from "graphql";
import type { RequestContext } from "../common/request-context";
import { observeGraphqlRequest, operationLabel, type GraphqlOutcome } from "./metrics";

export interface OperationResult {
  operation: string;
  outcome: GraphqlOutcome;
}

/** Worst first: an answer with an internal error and a user error counts as internal_error. */
const SEVERITY: GraphqlOutcome[] = ["internal_error", "busy", "unauthenticated", "rate_limited", "user_error", "ok"];

/**
 * A timeout or an unreachable database is ours to fix, not the caller's. A pool with no free
 * connection, or a base-table question refused by its limit, is counted apart ("busy"): it asks for
 * capacity (DB_POOL_SIZE, BASE_QUERY_CONCURRENCY), not for a fix.
 */
function outcomeOfCode(code: unknown): GraphqlOutcome {
  if (code === "INTERNAL_SERVER_ERROR" || code === "DATABASE_UNAVAILABLE" || code === "QUERY_TIMEOUT")
    return "internal_error";
  if (code === "SERVER_BUSY") return "busy";
  if (code === "UNAUTHENTICATED" || code === "FORBIDDEN") return "unauthenticated";
  if (code === "RATE_LIMITED") return "rate_limited";
  return "user_error";
}

export function outcomeOf(errors: readonly GraphQLFormattedError[] | undefined): GraphqlOutcome {
  const outcomes = (errors ?? []).map((e) => outcomeOfCode(e.extensions?.code));
  return SEVERITY.find((o) => outcomes.includes(o)) ?? "ok";
}

/**
 * Times each GraphQL operation and counts it by name and outcome (read from the error codes the
 * client gets, so it must come after the error-masking plugin). `report` hands the result to the
 * access log.
 */
export function metricsPlugin(
  report: (ctx: RequestContext, result: OperationResult) => void = () => undefined,
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request }) {
      const started = process.hrtime.bigint();
      // The name the client sent, until the document resolves one (it may not parse or validate).
      let operation = operationLabel(request.operationName);
      return {
        // A document that fails validation (a date the AsOf scalar refuses) still names its one operation.
        async validationDidStart({ document }) {
          operation = operationLabel(request.operationName ?? onlyOperationName(document));
        },
        async didResolveOperation({ operationName }) {
          operation = operationLabel(operationName);
        },
        async willSendResponse({ response, contextValue }) {
          const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
          const outcome = outcomeOf(errors);
          observeGraphqlRequest(operation, outcome, Number(process.hrtime.bigint() - started) / 1e9);
          report(contextValue, { operation, outcome });
        },
      };
    },
  };
}

function onlyOperationName(document: DocumentNode): string | undefined {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  return operations.length === 1 ? operations[0]!.name?.value : undefined;
}
