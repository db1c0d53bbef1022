/**
 * A dashboard panel asks in domain terms: a root field and its argument values. The panels of a
 * page are composed here, and only here, into one GraphQL document (one request for the whole
 * page): the variables' types come from the schema (ROOT_ARGUMENTS, generated), the selection
 * sets from selections.ts. Each field keeps its own alias and variables, so any panel can also be
 * asked alone when the batch fails.
 */
import { ROOT_ARGUMENTS, type FilterInput, type RootArguments } from "../../generated/graphql/schema";
import { SELECTIONS, type SelectedField } from "./selections";

/** One root field a panel reads, under its alias, with its arguments as plain values. */
export type PanelField = { [F in SelectedField]: { alias: string; field: F; args: RootArguments[F] } }[SelectedField];

/** A filter as the API takes it: a dimension, an operator (IN by default) and member codes. */
export type FilterValue = FilterInput;

export interface ComposedDocument {
  query: string;
  variables: Record<string, unknown>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A fragment written indented inside a template string, as it reads in a document. */
const tidy = (definition: string) =>
  definition
    .trim()
    .split("\n")
    .map((line, i, lines) => (i === 0 || i === lines.length - 1 ? line.trim() : `  ${line.trim()}`))
    .join("\n");

/** One operation holding every field; variables are namespaced by alias (`$ranking_limit`). */
export function composeDocument(operationName: string, fields: PanelField[]): ComposedDocument {
  if (!NAME.test(operationName)) throw new Error(`bad operation name: ${operationName}`);
  const definitions: string[] = [];
  const variables: Record<string, unknown> = {};
  const fragments = new Set<string>();
  // Panels that read the same field (e.g. a unit page's KPIs and children) ask for it once.
  const unique = [...new Map(fields.map((f) => [f.alias, f])).values()];
  const selections = unique.map((field) => {
    if (!NAME.test(field.alias)) throw new Error(`bad alias: ${field.alias}`);
    const types: Record<string, string> = ROOT_ARGUMENTS[field.field];
    const args: string[] = [];
    for (const [name, value] of Object.entries(field.args as Record<string, unknown>)) {
      const type = types[name];
      if (!type) throw new Error(`${field.field} has no argument ${name}`);
      // An absent argument takes the server's default (e.g. asOf: the end of the data); so does
      // an empty list where the schema allows none (no filters).
      if (value === undefined || value === null || (Array.isArray(value) && !value.length && !type.endsWith("!")))
        continue;
      const variable = `${field.alias}_${name}`;
      definitions.push(`$${variable}: ${type}`);
      variables[variable] = value;
      args.push(`${name}: $${variable}`);
    }
    const selection = SELECTIONS[field.field];
    selection.definitions.forEach((definition) => fragments.add(tidy(definition)));
    const argText = args.length ? `(${args.join(", ")})` : "";
    const name = field.alias === field.field ? field.field : `${field.alias}: ${field.field}`;
    return `  ${name}${argText} { ...${selection.fragment} }`;
  });
  const header = definitions.length ? `(${definitions.join(", ")})` : "";
  const query = [`query ${operationName}${header} {\n${selections.join("\n")}\n}`, ...fragments].join("\n\n");
  return { query, variables };
}

export type { AnalyticsQueryInput, Dimension, Granularity, Measure } from "../../generated/graphql/schema";
