/**
 * A dashboard panel asks for one or more root fields. The panels of a page are composed into one
 * GraphQL document (one request for the whole page); each field keeps its own alias and variables,
 * so any panel can also be asked alone when the batch fails.
 */
export interface FieldArg {
  /** GraphQL type of the variable, e.g. "String" or "[FilterInput!]". */
  type: string;
  value: unknown;
}

export interface PanelField {
  alias: string;
  /** Root field name, e.g. "ranking". */
  field: string;
  args: Record<string, FieldArg | undefined>;
  /** Selection set without braces, e.g. "rows { code value }"; empty for scalars. */
  selection: string;
}

export interface ComposedDocument {
  query: string;
  variables: Record<string, unknown>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** One operation holding every field; variables are namespaced by alias (`$ranking_limit`). */
export function composeDocument(operationName: string, fields: PanelField[]): ComposedDocument {
  if (!NAME.test(operationName)) throw new Error(`bad operation name: ${operationName}`);
  const definitions: string[] = [];
  const variables: Record<string, unknown> = {};
  // Panels that read the same field (e.g. a unit page's KPIs and children) ask for it once.
  const unique = [...new Map(fields.map((f) => [f.alias, f])).values()];
  const selections = unique.map((field) => {
    if (!NAME.test(field.alias)) throw new Error(`bad alias: ${field.alias}`);
    const args: string[] = [];
    for (const [name, arg] of Object.entries(field.args)) {
      // An absent argument takes the server's default (e.g. asOf: the end of the data).
      if (arg === undefined || arg.value === undefined || arg.value === null) continue;
      const variable = `${field.alias}_${name}`;
      definitions.push(`$${variable}: ${arg.type}`);
      variables[variable] = arg.value;
      args.push(`${name}: $${variable}`);
    }
    const argText = args.length ? `(${args.join(", ")})` : "";
    const selection = field.selection.trim() ? ` { ${field.selection.trim()} }` : "";
    return `  ${field.alias}: ${field.field}${argText}${selection}`;
  });
  const header = definitions.length ? `(${definitions.join(", ")})` : "";
  return { query: `query ${operationName}${header} {\n${selections.join("\n")}\n}`, variables };
}

/** Reusable argument helpers. */
export const arg = {
  string: (value: string | undefined | null): FieldArg => ({ type: "String", value }),
  /** An as-of date ("2022-05-31": 24h of that day), absent for the end of the data. */
  asOf: (value: string | undefined | null): FieldArg => ({ type: "AsOf", value }),
  stringRequired: (value: string): FieldArg => ({ type: "String!", value }),
  int: (value: number): FieldArg => ({ type: "Int!", value }),
  bool: (value: boolean): FieldArg => ({ type: "Boolean!", value }),
  measure: (value: string): FieldArg => ({ type: "Measure!", value }),
  measures: (value: string[]): FieldArg => ({ type: "[Measure!]!", value }),
  dimension: (value: string): FieldArg => ({ type: "Dimension!", value }),
  granularity: (value: string): FieldArg => ({ type: "Granularity!", value }),
  filters: (value: FilterValue[]): FieldArg => ({ type: "[FilterInput!]", value: value.length ? value : undefined }),
  analytics: (value: Record<string, unknown>): FieldArg => ({ type: "AnalyticsQueryInput!", value }),
};

export interface FilterValue {
  dimension: string;
  operator?: "EQUALS" | "IN" | "NOT_IN";
  values: string[];
}

/** Selection of an AnalyticsResult, as the charts read it. */
export const ANALYTICS_SELECTION = `asOfDate dataVersion source synthetic totalsSuppressed totalsPerturbed suppressionThreshold
  rows { time suppressed perturbed dimensions { dimension code label } values { measure value share } }
  totals { measure value share }`;
