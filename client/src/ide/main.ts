import { createElement as h, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL, type GraphiQLProps } from "graphiql";
// Monaco's editor, JSON and GraphQL workers as files of this build: same origin, so the CSP's script-src 'self' allows them.
import "graphiql/setup-workers/vite";
import "graphiql/style.css";
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
const EXAMPLES_PLUGIN = examplesPlugin(EXAMPLES);

function Ide() {
  return h(
    GraphiQL,
    {
      fetcher,
      defaultQuery: DEFAULT_QUERY,
      defaultTabs: DEFAULT_TABS,
      plugins: [EXAMPLES_PLUGIN],
      visiblePlugin: EXAMPLES_PLUGIN,
      defaultEditorToolsVisibility: false,
    },
    h(GraphiQL.Logo, null, "GraphQL"),
  );
}

createRoot(document.getElementById("ide")!).render(h(StrictMode, null, h(Ide)));
