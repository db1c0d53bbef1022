import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client/core";

/**
 * Reads go out as GET, so the server's ETag and Cache-Control (per data version) let browsers
 * and a CDN reuse answers. The cache makes the back button instant.
 */
export function createApolloClient(uri = "/graphql"): ApolloClient<unknown> {
  return new ApolloClient({
    link: new HttpLink({ uri, useGETForQueries: true }),
    cache: new InMemoryCache(),
    defaultOptions: { query: { errorPolicy: "all", fetchPolicy: "cache-first" } },
  });
}
