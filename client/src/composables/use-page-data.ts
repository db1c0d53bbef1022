import { getCurrentInstance, onScopeDispose, ref, shallowRef, watch, type Ref } from "vue";
import { useRoute } from "vue-router";
import { firstAnswerWithdrawn, takeFirstAnswers } from "@/graphql/first-answer";
import type { GraphQLAnswer, GraphQLClient, GraphQLError } from "@/graphql/graphql-client";
import type { PanelField } from "@/graphql/panel-query";
import { recentAnswers } from "@/graphql/recent-answers";
import { pinRelease } from "@/graphql/release-scope";
import { parseState } from "@/state/dashboard-state";
import { useGraphQLClient } from "./use-graphql-client";

export interface PageData {
  /** Answers by alias. */
  data: Ref<Record<string, unknown>>;
  /** Error messages by alias: a failed field fails only the panels that read it. */
  errors: Ref<Record<string, string>>;
  loading: Ref<boolean>;
  /**
   * Aliases whose answer in `data` is for the current state, even while `loading`: the first answer
   * the server put in the page (first-answer.ts) is shown before the page's request returns.
   */
  ready: Ref<string[]>;
  /** Requests sent for the current state (1 when the batch succeeds). */
  requests: Ref<number>;
  /** True once the reader cancelled the question in flight: nothing failed, nothing was answered. */
  cancelled: Ref<boolean>;
  /** Stops the question in flight (its fetch is aborted); `retry` asks it again. */
  cancel(): void;
  retry(): void;
}

function describe(error: GraphQLError): string {
  const code = error.extensions?.code;
  return code && code !== "INTERNAL_SERVER_ERROR" ? `${error.message} (${String(code)})` : error.message;
}

/**
 * Answers already seen, by operation and fields (what the document is composed from): Back and
 * Forward redraw at once. Only complete answers are kept; the data version is not part of the
 * key, so a page open across a new import shows the older answers until reloaded, as before.
 */
const recent = recentAnswers<GraphQLAnswer>(40);

async function run(
  client: GraphQLClient,
  name: string,
  fields: PanelField[],
  signal: AbortSignal,
): Promise<GraphQLAnswer> {
  const key = `${name}|${JSON.stringify(fields)}`;
  const seen = recent.get(key);
  if (seen) return seen;
  const answer = await client.ask(name, fields, signal);
  if (answer.data && !answer.errors.length) recent.set(key, answer);
  return answer;
}

/**
 * The page's data in one GraphQL request. The API's root fields are non-null, so one failing
 * field nulls the whole answer: then each field is asked alone, and only the panels whose field
 * failed show an error. A newer state cancels the requests of the one before.
 */
export function usePageData(operationName: string, fields: () => PanelField[]): PageData {
  const client = useGraphQLClient();
  // `?release=` pins every field of every page to a published release (outside a page: no URL, the API's default).
  const route = getCurrentInstance() ? useRoute() : undefined;
  const pinned = () => pinRelease(fields(), route ? parseState(route.query).release : undefined);
  const data = shallowRef<Record<string, unknown>>({});
  const errors = ref<Record<string, string>>({});
  const loading = ref(true);
  const ready = ref<string[]>([]);
  const requests = ref(0);
  const cancelled = ref(false);
  let lastKey = "";
  let inFlight: AbortController | undefined;
  onScopeDispose(() => inFlight?.abort(), true); // (silently: the load scripts run pages outside a component)

  async function load(current: PanelField[], signal: AbortSignal) {
    requests.value = 1;
    const batch = await run(client, operationName, current, signal);
    if (signal.aborted) return;
    let answers: Record<string, unknown> = batch.data ?? {};
    const failures: Record<string, string> = {};
    if (!batch.data) {
      const aliases = [...new Set(current.map((f) => f.alias))];
      requests.value += aliases.length;
      const single = await Promise.all(
        aliases.map((alias) =>
          run(
            client,
            `${operationName}_${alias}`,
            current.filter((f) => f.alias === alias),
            signal,
          ),
        ),
      );
      if (signal.aborted) return;
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
    data.value = answers;
    errors.value = failures;
    ready.value = Object.keys(answers);
    loading.value = false;
  }

  // Figures of another data version than the current one are taken down until the page's own answer comes.
  watch(firstAnswerWithdrawn, (withdrawn) => {
    if (withdrawn && loading.value && ready.value.length) {
      data.value = {};
      ready.value = [];
    }
  });

  async function ask(current: PanelField[]) {
    inFlight?.abort(); // a newer state has been asked for: the older answer would be thrown away
    if (!current.length) {
      // Nothing to ask (e.g. a unit below the targets' tier has no pace): no request at all.
      data.value = {};
      errors.value = {};
      ready.value = [];
      loading.value = false;
      return;
    }
    const controller = (inFlight = new AbortController());
    loading.value = true;
    cancelled.value = false;
    const first = takeFirstAnswers(current);
    ready.value = Object.keys(first);
    if (ready.value.length) data.value = first;
    try {
      await load(current, controller.signal);
    } catch (e) {
      if (!controller.signal.aborted) throw e;
    }
  }

  watch(
    pinned,
    (current) => {
      // A URL change that does not touch this page's questions (e.g. "show all") asks nothing.
      const key = JSON.stringify(current);
      if (key === lastKey) return;
      lastKey = key;
      return ask(current);
    },
    { immediate: true },
  );

  function cancel() {
    if (!loading.value) return;
    inFlight?.abort();
    loading.value = false;
    cancelled.value = true;
  }

  return { data, errors, loading, ready, requests, cancelled, cancel, retry: () => void ask(pinned()) };
}
