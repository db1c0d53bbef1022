import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import type { RequestContext } from "../common/request-context";
import { REGISTRY } from "../semantic/registry/registry";
import type { Logger } from "../observability/logger";

/** Codes whose messages are written for users; anything else is internal and is masked. */
const PUBLIC_CODES = new Set([
  "BAD_USER_INPUT", "QUERY_TOO_COMPLEX", "QUERY_TIMEOUT", "NO_DATASET", "DATABASE_UNAVAILABLE",
  "UNAUTHENTICATED", "FORBIDDEN", "RATE_LIMITED", "SERVER_BUSY",
  "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_REQUEST", "PERSISTED_QUERY_NOT_FOUND", "OPERATION_RESOLUTION_FAILURE",
]);

const CONNECTION_FAILURES = /ECONNREFUSED|ECONNRESET|Connection terminated|the database system is (shutting down|starting up)|timeout exceeded when trying to connect/;

/**
 * Internal errors reach the client as a code and the request id, never a message from inside
 * or a stack; the full error goes to the log under the same request id.
 */
export function errorMaskingPlugin(logger: Pick<Logger, "error">): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, errors }) {
          if (response.body.kind !== "single" || !response.body.singleResult.errors) return;
          const originals = errors ?? [];
          response.body.singleResult.errors = response.body.singleResult.errors.map((formatted, i): GraphQLFormattedError => {
            // Apollo files our validation rule's refusal under GRAPHQL_VALIDATION_FAILED; give it back its own code.
            if (formatted.extensions?.maxCost !== undefined) {
              return { ...formatted, extensions: { ...formatted.extensions, code: "QUERY_TOO_COMPLEX", requestId: contextValue.requestId } };
            }
            const code = String(formatted.extensions?.code ?? "INTERNAL_SERVER_ERROR");
            const unknownName = /Value "([^"]+)" does not exist in "(Measure|Dimension)" enum/.exec(formatted.message);
            if (unknownName) {
              const valid = unknownName[2] === "Measure" ? REGISTRY.publicMeasures : [...REGISTRY.dimensions.keys()];
              return {
                ...formatted,
                message: `Unknown ${unknownName[2]!.toLowerCase()} "${unknownName[1]}". Valid ${unknownName[2]!.toLowerCase()}s: ${valid.join(", ")}`,
                extensions: { code: "BAD_USER_INPUT", valid, requestId: contextValue.requestId },
              };
            }
            if (PUBLIC_CODES.has(code)) return { ...formatted, extensions: { ...formatted.extensions, requestId: contextValue.requestId } };
            const original = originals[i]?.originalError ?? originals[i];
            const unavailable = CONNECTION_FAILURES.test(String(original?.message ?? ""));
            logger.error("internal error", {
              requestId: contextValue.requestId, path: formatted.path,
              error: original?.message, stack: original instanceof Error ? original.stack : undefined,
            });
            return {
              message: unavailable
                ? "The database is unavailable; try again shortly."
                : `Internal error. Quote request id ${contextValue.requestId} when reporting it.`,
              path: formatted.path,
              extensions: { code: unavailable ? "DATABASE_UNAVAILABLE" : "INTERNAL_SERVER_ERROR", requestId: contextValue.requestId },
            };
          });
        },
      };
    },
  };
}
