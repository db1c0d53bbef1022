import { HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import { audienceOf } from "../auth/roles";
import type { RequestContext } from "../common/request-context";
import type { ResponseCache } from "../cache/response-cache";
import { responseKey } from "../cache/response-key";
import { CODE_VERSION } from "../code-version";
import { responseVersionOf, type DataStateCache } from "../semantic";

/**
 * Serves public reads from the response cache before they execute, and keeps their answers after:
 * queries only, anonymous callers only (a token holder may see unsuppressed figures), answers
 * without errors only. The key carries the data version and the locale. `x-cache: hit|miss` says
 * which it was, for operators and tests; it is absent where the cache does not apply.
 */
export function responseCachePlugin(cache: ResponseCache, state: DataStateCache): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let key: string | undefined;
      let keyVersion: string | undefined;
      let hit = false;
      return {
        async responseForOperation({ operation, document, operationName, request, contextValue }) {
          const anonymous = (contextValue.role ?? "public") === "public" && !request.http?.headers.get("authorization");
          if (operation.operation !== "query" || !anonymous) return null;
          let dataVersion: string;
          try {
            // With the newest release: a publication changes what the public reads by default.
            dataVersion = responseVersionOf(await state.current());
          } catch {
            // No dataset, or the database is down: executing reports it to the caller with its code.
            return null;
          }
          keyVersion = dataVersion;
          key = responseKey({
            dataVersion,
            codeVersion: CODE_VERSION,
            audience: audienceOf(contextValue),
            locale: contextValue.locale,
            document,
            operationName,
            variables: request.variables,
          });
          const data = parsed(await cache.get(key));
          if (data === undefined) return null;
          hit = true;
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: "single", singleResult: { data } },
          };
        },
        async willSendResponse({ response }) {
          if (!key) return;
          response.http.headers.set("x-cache", hit ? "hit" : "miss");
          if (hit || response.body.kind !== "single") return;
          const { data, errors } = response.body.singleResult;
          // Not kept when the data version moved while it was answered (a load, a replica replaying one):
          // its figures may be the new version's, and the key names the old one.
          if (data && !errors?.length && state.knownResponseVersion === keyVersion)
            cache.set(key, JSON.stringify(data));
        },
      };
    },
  };
}

/** A stored answer, or undefined for none, or for one that is not an answer (a shared Redis is not ours alone). */
function parsed(stored: string | undefined): Record<string, unknown> | undefined {
  if (stored === undefined) return undefined;
  try {
    const data: unknown = JSON.parse(stored);
    return data !== null && typeof data === "object" && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
