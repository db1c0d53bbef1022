import { gql, type ApolloClient } from "@apollo/client/core";
import { ref, shallowRef, watch, type Ref } from "vue";
import { composeDocument, type PanelField } from "@/graphql/panel-query";
import { useApollo } from "./use-apollo";

export interface PageData {
  /** Answers by alias. */
  data: Ref<Record<string, unknown>>;
  /** Error messages by alias: a failed field fails only the panels that read it. */
  errors: Ref<Record<string, string>>;
  loading: Ref<boolean>;
  /** Requests sent for the current state (1 when the batch succeeds). */
  requests: Ref<number>;
}

interface GraphQLErrorLike { message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }

function describe(error: GraphQLErrorLike): string {
  const code = error.extensions?.code;
  return code && code !== "INTERNAL_SERVER_ERROR" ? `${error.message} (${String(code)})` : error.message;
}

type Answer = { data: Record<string, unknown> | null; errors: GraphQLErrorLike[] };

/**
 * Answers already seen, by document and variables: Back and Forward redraw at once. Apollo's
 * normalised cache is bypassed on purpose: writing and reading thousands of rows (a daily series,
 * 63 provinces) through it cost the overview more than half a second of main thread.
 */
const recent = new Map<string, Answer>();
const RECENT_MAX = 40;

async function run(client: ApolloClient<unknown>, name: string, fields: PanelField[]): Promise<Answer> {
  const { query, variables } = composeDocument(name, fields);
  const key = `${query}|${JSON.stringify(variables)}`;
  const seen = recent.get(key);
  if (seen) return seen;
  try {
    const result = await client.query({ query: gql(query), variables, errorPolicy: "all", fetchPolicy: "no-cache" });
    const answer = { data: (result.data ?? null) as Record<string, unknown> | null, errors: (result.errors ?? []) as GraphQLErrorLike[] };
    if (answer.data && !answer.errors.length) {
      recent.set(key, answer);
      if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
    }
    return answer;
  } catch (e) {
    // A request the database could not answer at all comes as HTTP 503 with the GraphQL errors in its body: show those.
    const served = (e as { networkError?: { result?: { errors?: GraphQLErrorLike[] } } }).networkError?.result?.errors;
    return { data: null, errors: served?.length ? served : [{ message: e instanceof Error ? e.message : String(e) }] };
  }
}

/**
 * The page's data in one GraphQL request. The API's root fields are non-null, so one failing
 * field nulls the whole answer: then each field is asked alone, and only the panels whose field
 * failed show an error.
 */
export function usePageData(operationName: string, fields: () => PanelField[]): PageData {
  const client = useApollo();
  const data = shallowRef<Record<string, unknown>>({});
  const errors = ref<Record<string, string>>({});
  const loading = ref(true);
  const requests = ref(0);
  let generation = 0;
  let lastKey = "";

  watch(fields, async (current) => {
    // A URL change that does not touch this page's questions (e.g. "show all") asks nothing.
    const key = JSON.stringify(current);
    if (key === lastKey) return;
    lastKey = key;
    const mine = ++generation;
    loading.value = true;
    requests.value = 1;
    const batch = await run(client, operationName, current);
    let answers: Record<string, unknown> = batch.data ?? {};
    const failures: Record<string, string> = {};
    if (!batch.data) {
      const aliases = [...new Set(current.map((f) => f.alias))];
      requests.value += aliases.length;
      const single = await Promise.all(aliases.map((alias) => run(client, `${operationName}_${alias}`, current.filter((f) => f.alias === alias))));
      answers = {};
      single.forEach((answer, i) => {
        const alias = aliases[i]!;
        if (answer.data?.[alias] !== undefined && answer.data[alias] !== null) answers[alias] = answer.data[alias];
        else failures[alias] = describe(answer.errors[0] ?? { message: "no answer" });
      });
    } else {
      for (const error of batch.errors) {
        const alias = error.path?.[0];
        if (typeof alias === "string") failures[alias] = describe(error);
      }
    }
    if (mine !== generation) return; // a newer state has been asked for meanwhile
    data.value = answers;
    errors.value = failures;
    loading.value = false;
  }, { immediate: true });

  return { data, errors, loading, requests };
}
