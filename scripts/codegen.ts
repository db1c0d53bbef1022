import path from "node:path";
import { pathToFileURL } from "node:url";
import { generate } from "@graphql-codegen/cli";
import { rootArgumentsPlugin } from "./codegen/root-arguments.plugin";

/**
 * Generates client/generated/graphql/ from the contract, schema/schema.graphql: the schema's
 * types and the root fields' argument types (schema.ts, with one small table, the only code the
 * bundle gets), and the result type of each selection in client/src/graphql/selections.ts (answers.ts).
 * Run by scripts/build-client.ts before Vite, and by `npm run codegen`. The output is git-ignored.
 */
const root = path.resolve(import.meta.dirname, "..");
const OUTPUT = "client/generated/graphql";

export async function runCodegen(): Promise<void> {
  await generate(
    {
      cwd: root,
      schema: "schema/schema.graphql",
      documents: ["client/src/graphql/selections.ts", "client/src/graphql/fragments-releases-and-pace.ts"],
      silent: true,
      pluginLoader: (name: string) => (name === "root-arguments" ? rootArgumentsPlugin : import(name)),
      config: {
        // Strings on the wire, strings in the dashboard (AsOf: "2022-05-31" or an instant).
        scalars: { AsOf: "string", DateTimeISO: "string" },
        strictScalars: true,
        // Types only: enums as unions of their values, not TypeScript enums (which are code).
        enumsAsTypes: true,
        enumType: "string-literal",
        useTypeImports: true,
        skipTypename: true,
      },
      generates: {
        // The schema's types, each root field's arguments (`QueryRankingArgs`) and their GraphQL types.
        [`${OUTPUT}/schema.ts`]: { plugins: ["typescript", "root-arguments"] },
        // What the selections read: `AnalyticsAnswerFragment`, … A selected nullable field is there,
        // as null: `value: number | null`, not `value?:`.
        [`${OUTPUT}/answers.ts`]: { plugins: ["typescript-operations"], config: { avoidOptionals: { field: true } } },
      },
    },
    true,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runCodegen();
