import { inject, type InjectionKey } from "vue";
import type { GraphQLClient } from "@/graphql/graphql-client";

export const GRAPHQL_CLIENT_KEY: InjectionKey<GraphQLClient> = Symbol("graphql-client");

export function useGraphQLClient(): GraphQLClient {
  const client = inject(GRAPHQL_CLIENT_KEY);
  if (!client) throw new Error("GraphQL client not provided");
  return client;
}
