import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);
const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: {
      // One copy of graphql, or type-graphql and Apollo disagree about which realm a type is from.
      graphql: require.resolve("graphql"),
      // The client's own aliases (client/vite.config.ts), for its component tests.
      "@geo": here("client/generated/geo"),
      "@": here("client/src"),
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/global-setup.ts"],
    setupFiles: ["test/setup/reflect-metadata.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 300_000,
  },
});
