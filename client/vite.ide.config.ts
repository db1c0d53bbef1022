import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

const REACT = /node_modules[\\/](react|react-dom|scheduler)[\\/]/;

/**
 * The GraphQL IDE (GraphiQL, React) served at GET /graphql to browsers: a second entry, built
 * after the dashboard into the same client/dist (ide.html, assets/ide-*) by its own Vite run, so
 * none of its modules can land in the dashboard's chunks and the dashboard's bytes stay as they are.
 */
export default defineConfig({
  root: here("."),
  // Monaco's web workers (editor, JSON, GraphQL): files of this origin (the CSP has no worker-src; script-src 'self' allows them).
  worker: { rolldownOptions: { output: { entryFileNames: "assets/ide-[name]-[hash].js" } } },
  build: {
    outDir: here("dist"),
    emptyOutDir: false,
    reportCompressedSize: false,
    // GraphiQL 5 bundles the Monaco editor: its chunk is ~4.8 MB (minified, before gzip), loaded only by the IDE.
    chunkSizeWarningLimit: 6000,
    rolldownOptions: {
      // React libraries mark modules "use client"; that means nothing in a plain bundle.
      onwarn(warning, warn) {
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
      },
      input: { ide: here("ide.html") },
      output: {
        // Every file of the IDE is named ide-*, beside the dashboard's in assets/.
        entryFileNames: "assets/[name]-[hash].js",
        chunkFileNames: ({ name }) =>
          name.startsWith("ide") ? "assets/[name]-[hash].js" : "assets/ide-[name]-[hash].js",
        assetFileNames: ({ names }) =>
          names[0]?.startsWith("ide") ? "assets/[name]-[hash][extname]" : "assets/ide-[name]-[hash][extname]",
        // React and GraphiQL change less often than the page: their own cached chunks.
        codeSplitting: {
          groups: [
            { name: "ide-react", test: (id: string) => REACT.test(id), priority: 2 },
            { name: "ide-graphiql", test: (id: string) => /node_modules[\\/]/.test(id), priority: 1 },
          ],
        },
      },
    },
  },
});
