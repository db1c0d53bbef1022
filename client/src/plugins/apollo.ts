import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client/core";

/**
 * Reads go out as GET, so the server's ETag and Cache-Control (per data version) let browsers
 * and a CDN reuse answers.
 */
export function createApolloClient(uri = "/graphql"): ApolloClient<unknown> {
  return new ApolloClient({
    link: new HttpLink({ uri, useGETForQueries: true }),
    cache: new InMemoryCache(),
    // Pages keep their own small cache of answers (use-page-data.ts); the catalogue is asked once.
    defaultOptions: { query: { errorPolicy: "all", fetchPolicy: "no-cache" } },
  });
}
