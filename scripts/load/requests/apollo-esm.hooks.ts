/**
 * Module resolution hook: `@apollo/client/<entry>` resolves to the entry's ES module (its
 * `module` field, what Vite uses) instead of its CommonJS build, whose re-exports Node cannot
 * see as named exports (`import { HttpLink } from "@apollo/client/core"` fails under plain Node).
 */
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const APOLLO = /^@apollo\/client(\/[\w/-]+)?$/;

type Resolve = (specifier: string, context: unknown, next: (specifier: string, context: unknown) => unknown) => unknown;

export const resolve: Resolve = (specifier, context, next) => {
  const match = APOLLO.exec(specifier);
  if (!match) return next(specifier, context);
  const manifest = require.resolve(`@apollo/client${match[1] ?? ""}/package.json`);
  const entry = (require(manifest) as { module?: string }).module ?? "index.js";
  return { url: pathToFileURL(path.join(path.dirname(manifest), entry)).href, shortCircuit: true };
};
