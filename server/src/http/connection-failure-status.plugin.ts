import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestContext } from "../common/request-context";
import { connectionFailureHeaders } from "./connection-failure-answer";

const CONNECTION_FAILURE_CODES = new Set(["DATABASE_UNAVAILABLE", "SERVER_BUSY"]);
/** Errors that say nothing about the question itself: the same request may succeed later. */
const TRANSIENT_CODES = new Set([...CONNECTION_FAILURE_CODES, "QUERY_TIMEOUT", "INTERNAL_SERVER_ERROR"]);

/**
 * The HTTP status of answers the database could not give. When no field has data and every error
 * says the database was unavailable or busy, the request failed as a whole: 503 (with Retry-After
 * when busy), so load balancers, proxies and retrying clients see it. An answer with some data
 * stays 200, as GraphQL over HTTP has it: its errors say which fields failed. Either way, an
 * answer carrying a transient error is never kept by a browser or a CDN. Reads the codes the client
 * gets, so it comes after the error-masking plugin.
 */
export function connectionFailureStatusPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const { data, errors = [] } = response.body.singleResult;
          const codes = errors.map((e) => String(e.extensions?.code));
          if (!codes.some((code) => TRANSIENT_CODES.has(code))) return;
          response.http.headers.set("cache-control", "no-store");
          const wholeRequestFailed = !data || Object.values(data).every((value) => value === null);
          if (!wholeRequestFailed || !codes.every((code) => CONNECTION_FAILURE_CODES.has(code))) return;
          response.http.status = 503;
          const retryAfter = Math.max(0, ...errors.map((e) => Number(e.extensions?.retryAfter ?? 0)));
          for (const [name, value] of Object.entries(connectionFailureHeaders(retryAfter || undefined)))
            response.http.headers.set(name, value);
        },
      };
    },
  };
}
