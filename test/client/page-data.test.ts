// @vitest-environment happy-dom
import { flushPromises, mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import { defineComponent, h, nextTick, ref } from "vue";
import { GRAPHQL_CLIENT_KEY } from "@/composables/use-graphql-client";
import { usePageData, type PageData } from "@/composables/use-page-data";
import { createGraphQLClient } from "@/graphql/graphql-client";

/** A page's panels when the server answers a whole request with 503 (the database could not answer it). */
const UNAVAILABLE = {
  message: "The database is unavailable; try again shortly.",
  extensions: { code: "DATABASE_UNAVAILABLE" },
};

function pageAgainst(answer: (operation: string) => Response): PageData {
  const fetch = async (url: string | URL | Request) =>
    answer(new URL(String(url)).searchParams.get("operationName") ?? "");
  const client = createGraphQLClient({ uri: "http://server.test/graphql", fetch });
  let page!: PageData;
  const Host = defineComponent({
    setup() {
      page = usePageData("TestPage", () => [
        { alias: "kpis", field: "overview", args: {} },
        { alias: "shares", field: "overview", args: {} },
      ]);
      return () => h("div");
    },
  });
  mount(Host, { global: { provide: { [GRAPHQL_CLIENT_KEY as symbol]: client } } });
  return page;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("usePageData", () => {
  it("shows the server's own words and code on each panel when every request gets 503", async () => {
    const page = pageAgainst((operation) =>
      json(503, { data: null, errors: [{ ...UNAVAILABLE, path: [operation === "TestPage" ? "kpis" : "shares"] }] }),
    );
    await flushPromises();
    await expect.poll(() => page.loading.value).toBe(false);
    expect(page.requests.value).toBe(3);
    expect(page.errors.value).toEqual({
      kpis: "The database is unavailable; try again shortly. (DATABASE_UNAVAILABLE)",
      shares: "The database is unavailable; try again shortly. (DATABASE_UNAVAILABLE)",
    });
  });

  it("cancels the request of a state the reader has left, and shows the newer state's answer", async () => {
    const asOf = ref("2022-01-01");
    const signals: AbortSignal[] = [];
    const fetch = (url: string | URL | Request, init?: RequestInit) => {
      signals.push(init!.signal!);
      if (String(url).includes("2022-01-01")) {
        return new Promise<Response>((_, reject) =>
          init!.signal!.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
        );
      }
      return Promise.resolve(json(200, { data: { kpis: { asOfDate: "2022-01-02" } } }));
    };
    let page!: PageData;
    const Host = defineComponent({
      setup() {
        page = usePageData("TestPage", () => [{ alias: "kpis", field: "overview", args: { asOf: asOf.value } }]);
        return () => h("div");
      },
    });
    mount(Host, {
      global: {
        provide: { [GRAPHQL_CLIENT_KEY as symbol]: createGraphQLClient({ uri: "http://server.test/graphql", fetch }) },
      },
    });
    await flushPromises();
    asOf.value = "2022-01-02";
    await nextTick();
    await flushPromises();
    await expect.poll(() => page.loading.value).toBe(false);
    expect(signals.map((s) => s.aborted)).toEqual([true, false]);
    expect(page.data.value).toEqual({ kpis: { asOfDate: "2022-01-02" } });
    expect(page.errors.value).toEqual({});
    expect(page.requests.value).toBe(1);
  });

  it("falls back to the transport's message when a failed answer has no GraphQL errors", async () => {
    const page = pageAgainst(() => new Response("Bad gateway", { status: 502 }));
    await flushPromises();
    await expect.poll(() => page.loading.value).toBe(false);
    expect(page.errors.value.kpis).toMatch(/502/);
  });

  it("cancel aborts the question in flight and says it was cancelled, with no error; retry asks again", async () => {
    const signals: AbortSignal[] = [];
    let answer = false;
    const fetch = (_url: string | URL | Request, init?: RequestInit) => {
      signals.push(init!.signal!);
      if (answer) return Promise.resolve(json(200, { data: { kpis: { asOfDate: "2022-01-02" } } }));
      return new Promise<Response>((_, reject) =>
        init!.signal!.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
      );
    };
    let page!: PageData;
    const Host = defineComponent({
      setup() {
        page = usePageData("TestPage", () => [{ alias: "kpis", field: "overview", args: {} }]);
        return () => h("div");
      },
    });
    mount(Host, {
      global: {
        provide: { [GRAPHQL_CLIENT_KEY as symbol]: createGraphQLClient({ uri: "http://server.test/graphql", fetch }) },
      },
    });
    await flushPromises();
    expect(page.loading.value).toBe(true);
    page.cancel();
    await flushPromises();
    expect(signals[0]!.aborted).toBe(true);
    expect(page.cancelled.value).toBe(true);
    expect(page.loading.value).toBe(false);
    expect(page.errors.value).toEqual({});
    answer = true;
    page.retry();
    await flushPromises();
    await expect.poll(() => page.loading.value).toBe(false);
    expect(page.cancelled.value).toBe(false);
    expect(page.data.value).toEqual({ kpis: { asOfDate: "2022-01-02" } });
  });
});
