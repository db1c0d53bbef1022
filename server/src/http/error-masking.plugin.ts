import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { RequestContext } from "../common/request-context";
import { REGISTRY } from "../semantic";
import type { Logger } from "../observability/logger";
import { connectionFailureOf } from "../db/connection-failure";
import { answerFor, asGraphqlError } from "./connection-failure-answer";
import type { PoolLimits } from "../db/data-source";

/** Codes whose messages are written for users; anything else is internal and is masked. */
const PUBLIC_CODES = new Set([
  "BAD_USER_INPUT",
  "QUERY_TOO_COMPLEX",
  "QUERY_TIMEOUT",
  "NO_DATASET",
  "DATABASE_UNAVAILABLE",
  "SERVER_BUSY",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "RATE_LIMITED",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "OPERATION_RESOLUTION_FAILURE",
]);

/**
 * Internal errors reach the client as a code and the request id, never a message from inside
 * or a stack; the full error goes to the log under the same request id. A query that could not
 * reach the database says so: DATABASE_UNAVAILABLE, or SERVER_BUSY when every one of the pool's
 * connections stayed busy for the whole wait (`pool` gives the figures the message names).
 */
export function errorMaskingPlugin(
  logger: Pick<Logger, "warn" | "error">,
  pool: PoolLimits,
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, errors }) {
          if (response.body.kind !== "single" || !response.body.singleResult.errors) return;
          const originals = errors ?? [];
          response.body.singleResult.errors = response.body.singleResult.errors.map(
            (formatted, i): GraphQLFormattedError => {
              const code = String(formatted.extensions?.code ?? "INTERNAL_SERVER_ERROR");
              const unknownName = /Value "([^"]+)" does not exist in "(Measure|Dimension)" enum/.exec(
                formatted.message,
              );
              if (unknownName) {
                const valid = unknownName[2] === "Measure" ? REGISTRY.publicMeasures : [...REGISTRY.dimensions.keys()];
                return {
                  ...formatted,
                  message: `Unknown ${unknownName[2]!.toLowerCase()} "${unknownName[1]}". Valid ${unknownName[2]!.toLowerCase()}s: ${valid.join(", ")}`,
                  extensions: { code: "BAD_USER_INPUT", valid, requestId: contextValue.requestId },
                };
              }
              const refusedValue = badValueOf(code, originals[i]);
              if (refusedValue) {
                return {
                  ...formatted,
                  message: refusedValue.message,
                  extensions: { ...refusedValue.extensions, requestId: contextValue.requestId },
                };
              }
              if (PUBLIC_CODES.has(code))
                return { ...formatted, extensions: { ...formatted.extensions, requestId: contextValue.requestId } };
              const original = originals[i]?.originalError ?? originals[i];
              const failure = connectionFailureOf(original);
              if (failure) {
                // Not a fault in the code: no stack, and a busy pool is a warning (the metrics count it).
                logger[failure === "busy" ? "warn" : "error"](
                  failure === "busy" ? "database busy" : "database unavailable",
                  {
                    requestId: contextValue.requestId,
                    path: formatted.path,
                    error: original?.message,
                  },
                );
                return asGraphqlError(answerFor(failure, pool), contextValue.requestId, formatted.path);
              }
              logger.error("internal error", {
                requestId: contextValue.requestId,
                path: formatted.path,
                error: original?.message,
                stack: original instanceof Error ? original.stack : undefined,
              });
              return internalError(contextValue.requestId, formatted.path);
            },
          );
        },
      };
    },
  };
}

/**
 * A value a custom scalar refused (an as-of date that does not exist): graphql-js reports it as a
 * validation failure; the client gets the scalar's own message and code (BAD_USER_INPUT, its field).
 */
function badValueOf(code: string, error: GraphQLError | undefined): GraphQLError | undefined {
  const original = error?.originalError;
  if (code !== "GRAPHQL_VALIDATION_FAILED" || !(original instanceof GraphQLError)) return undefined;
  return original.extensions?.code === "BAD_USER_INPUT" ? original : undefined;
}

/** What a client learns of a fault inside the server: the code, and the request id to quote; the rest is in the log. */
export function internalError(requestId: string, path?: GraphQLFormattedError["path"]): GraphQLFormattedError {
  return {
    message: `Internal error. Quote request id ${requestId} when reporting it.`,
    ...(path ? { path } : {}),
    extensions: { code: "INTERNAL_SERVER_ERROR", requestId },
  };
}
