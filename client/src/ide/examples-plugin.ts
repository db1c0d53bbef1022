import { createElement as h } from "react";
import { useGraphiQL, type GraphiQLPlugin } from "@graphiql/react";
import type { IdeExample } from "./examples";

function ExamplesIcon() {
  return h(
    "svg",
    {
      viewBox: "0 0 24 24",
      width: 20,
      height: 20,
      fill: "none",
      stroke: "currentColor",
      strokeWidth: 1.5,
      "aria-hidden": true,
    },
    h("path", { d: "M4 5h16M4 10h16M4 15h10M4 20h7" }),
  );
}

/** The list, rendered inside GraphiQL: a click writes the example into the current tab's query editor. */
function ExamplesList({ examples }: { examples: IdeExample[] }) {
  const queryEditor = useGraphiQL((state) => state.queryEditor);
  return h(
    "div",
    { className: "ide-examples" },
    h("div", { className: "graphiql-doc-explorer-title" }, "Ví dụ · Examples"),
    h(
      "p",
      null,
      "Truy vấn mẫu từ schema/examples/; bấm để mở trong tab hiện tại. · Queries from schema/examples/; click to load one into the current tab.",
    ),
    h(
      "ul",
      null,
      ...examples.map((example) =>
        h(
          "li",
          { key: example.id },
          h(
            "button",
            {
              type: "button",
              className: "ide-example",
              "data-example": example.id,
              onClick: () => queryEditor?.setValue(example.query),
            },
            h("strong", null, example.id),
            h("span", null, example.description),
          ),
        ),
      ),
    ),
  );
}

/**
 * A sidebar listing schema/examples/: a click loads the query into the current tab (each
 * example is also a ready tab on the first visit; this brings one back after it was closed).
 */
export function examplesPlugin(examples: IdeExample[]): GraphiQLPlugin {
  return {
    title: "Ví dụ · Examples",
    icon: ExamplesIcon,
    content: () => h(ExamplesList, { examples }),
  };
}
