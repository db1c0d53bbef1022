import { composeDocument, type PanelField } from "./panel-query";

/** An error as the API reports it: a message, the alias it concerns, a code. */
export interface GraphQLError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}

/** Answers by alias (null when the whole request failed) and the errors reported with them. */
export interface GraphQLAnswer {
  data: Record<string, unknown> | null;
  errors: GraphQLError[];
}

export interface GraphQLClient {
  /**
   * Asks the panels' fields in one request. Failures come back as errors, never as exceptions:
   * only a cancelled request rejects (with the signal's AbortError), since nobody waits for it.
   */
  ask(operationName: string, fields: PanelField[], signal?: AbortSignal): Promise<GraphQLAnswer>;
}

export interface GraphQLClientOptions {
  uri?: string;
  fetch?: typeof globalThis.fetch;
}

const isAnswer = (body: unknown): body is Partial<GraphQLAnswer> =>
  typeof body === "object" && body !== null && ("data" in body || "errors" in body);

/**
 * The dashboard's transport: a plain `fetch`. It needs no cache of its own (pages keep their
 * recent answers, use-page-data.ts) and no normalisation, which is all Apollo Client added, at
 * ~40 kB gzip. Reads go out as GET (the API is read-only), so the server's ETag and
 * Cache-Control (per data version) let browsers and a CDN reuse answers; no custom header, so a
 * GET from another origin needs no preflight. The browser sends its own Accept-Language.
 */
export function createGraphQLClient({
  uri = "/graphql",
  fetch = (input, init) => globalThis.fetch(input, init),
}: GraphQLClientOptions = {}): GraphQLClient {
  return {
    async ask(operationName, fields, signal) {
      const { query, variables } = composeDocument(operationName, fields);
      // Percent-encoded as Apollo Client sent them (spaces as %20, not "+"): logs and tests read them back with decodeURIComponent.
      const params = [
        ["query", query],
        ["operationName", operationName],
        ...(Object.keys(variables).length ? [["variables", JSON.stringify(variables)]] : []),
      ]
        .map(([key, value]) => `${key}=${encodeURIComponent(value!)}`)
        .join("&");
      let response: Response;
      try {
        response = await fetch(`${uri}?${params}`, { method: "GET", headers: { accept: "application/json" }, signal });
      } catch (e) {
        if (signal?.aborted) throw e;
        return { data: null, errors: [{ message: e instanceof Error ? e.message : String(e) }] };
      }
      const body: unknown = await response.json().catch(() => undefined);
      // A request the database could not answer at all comes as HTTP 503 with the GraphQL errors in its body: those are shown.
      if (isAnswer(body) && (response.ok || body.errors?.length))
        return { data: body.data ?? null, errors: body.errors ?? [] };
      const message = response.ok
        ? "The server's answer is not GraphQL"
        : `Response not successful: Received status code ${response.status}`;
      return { data: null, errors: [{ message }] };
    },
  };
}
