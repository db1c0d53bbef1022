import { createElement as h, StrictMode, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL, type GraphiQLProps } from "graphiql";
import "graphiql/graphiql.css";
import "./ide.css";
import { DEFAULT_QUERY } from "./default-query";
import { EXAMPLES } from "./examples";
import { examplesPlugin } from "./examples-plugin";

/** Same origin, POST: the IDE needs nothing but this server. */
const fetcher: GraphiQLProps["fetcher"] = async (params, options) => {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", ...options?.headers },
    body: JSON.stringify(params),
  });
  return response.json();
};

const DEFAULT_TABS = [{ query: DEFAULT_QUERY }, ...EXAMPLES.map((example) => ({ query: example.query }))];

function Ide() {
  // GraphiQL replaces the editor's text when `query` changes; the flip lets the same example load twice.
  const [picked, setPicked] = useState<{ query: string; flip: boolean }>();
  const plugin = useMemo(() => examplesPlugin(EXAMPLES, (query) =>
    setPicked((last) => ({ query, flip: !last?.flip }))), []);
  return h(GraphiQL, {
    fetcher,
    defaultQuery: DEFAULT_QUERY,
    defaultTabs: DEFAULT_TABS,
    plugins: [plugin],
    visiblePlugin: plugin,
    query: picked && (picked.flip ? picked.query : `${picked.query}\n`),
    defaultEditorToolsVisibility: false,
  }, h(GraphiQL.Logo, null, "GraphQL"));
}

createRoot(document.getElementById("ide")!).render(h(StrictMode, null, h(Ide)));
