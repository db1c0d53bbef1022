import type { ApolloClient } from "@apollo/client/core";
import { inject, type InjectionKey } from "vue";

export const APOLLO_KEY: InjectionKey<ApolloClient<unknown>> = Symbol("apollo");

export function useApollo(): ApolloClient<unknown> {
  const client = inject(APOLLO_KEY);
  if (!client) throw new Error("Apollo client not provided");
  return client;
}
