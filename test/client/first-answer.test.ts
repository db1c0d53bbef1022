// @vitest-environment happy-dom
import { flushPromises, mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import { defineComponent, h } from "vue";
import type { PageData } from "@/composables/use-page-data";
import type { PanelField } from "@/graphql/panel-query";

/**
 * The overview's first answer, as the server puts it in the page (server/src/http/first-page.ts):
 * shown before the page's GraphQL answer, only for the same question, and taken down when the
 * catalogue reports that the public's default is another release or data version. The page's module reads it once, so it is put in the
 * document before the modules are imported.
 */
const OVERVIEW: PanelField = { alias: "overview", field: "overview", args: { filters: [] } };
const FIRST = {
  dataVersion: "7",
  release: "2023-10-06.1",
  fields: [OVERVIEW],
  data: { overview: { dataVersion: "7", kpis: [] } },
};
const meta = document.createElement("meta");
meta.name = "first-answer";
meta.content = JSON.stringify(FIRST);
document.head.append(meta);

const { GRAPHQL_CLIENT_KEY } = await import("@/composables/use-graphql-client");
const { usePageData } = await import("@/composables/use-page-data");
const { noteDefaultRead } = await import("@/graphql/first-answer");

/** A page whose GraphQL request never answers: what it shows comes from the page alone. */
function pageWithoutGraphQL(fields: PanelField[]): PageData {
  const client = { ask: () => new Promise<never>(() => {}) };
  let page!: PageData;
  const Host = defineComponent({
    setup() {
      page = usePageData("OverviewPage", () => fields);
      return () => h("div");
    },
  });
  mount(Host, { global: { provide: { [GRAPHQL_CLIENT_KEY as symbol]: client } } });
  return page;
}

describe("the overview's first answer", () => {
  it("answers only the same question, once", async () => {
    const other = pageWithoutGraphQL([{ ...OVERVIEW, args: { filters: [], asOf: "2022-05-31" } }]);
    await flushPromises();
    expect(other.ready.value).toEqual([]);
    expect(other.data.value).toEqual({});

    const page = pageWithoutGraphQL([OVERVIEW, { alias: "ranking", field: "ranking", args: {} } as PanelField]);
    await flushPromises();
    expect(page.loading.value).toBe(true);
    expect(page.ready.value).toEqual(["overview"]);
    expect(page.data.value).toEqual(FIRST.data);

    // The newest release is still the one that answered (the live data has moved on): the figures stay.
    noteDefaultRead({ dataVersion: "7", release: "2023-10-06.1" });
    await flushPromises();
    expect(page.ready.value).toEqual(["overview"]);
    expect(page.data.value).toEqual(FIRST.data);

    // Another release is the public's default: the figures go until the page's own answer comes.
    noteDefaultRead({ dataVersion: "8", release: "2023-10-06.2" });
    await flushPromises();
    expect(page.ready.value).toEqual([]);
    expect(page.data.value).toEqual({});

    const later = pageWithoutGraphQL([OVERVIEW]);
    await flushPromises();
    expect(later.ready.value).toEqual([]);
  });
});
