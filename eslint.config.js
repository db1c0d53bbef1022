// ESLint over the TypeScript and Vue sources: `npm run lint` (also the first step of `npm test`).
// Not type-aware: typescript-eslint's type-checked rules took 74 s here (2 cores) against ~15 s, and
// tsc/vue-tsc already check types in `npm test`.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import vue from "eslint-plugin-vue";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/dist/**", "client/generated/**", "test-artifacts/**", ".data/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs["flat/recommended"],
  {
    files: ["**/*.vue"],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: { ...globals.node, ...globals.browser } },
    rules: {
      // A few casts of untyped JSON in tests and at GraphQL's edges: reported, not fatal.
      "@typescript-eslint/no-explicit-any": "warn",
      // `_name` is the house's way to say "deliberately unused"; `{ dropped, ...rest }` omits a key.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // Vue 3 has no filters: the rule mistakes a TypeScript union in a template cast (`as A | undefined`) for one.
      "vue/no-deprecated-filter": "off",
      // Where attributes break lines is Prettier's call (eslint-config-prettier leaves this one on).
      "vue/first-attribute-linebreak": "off",
    },
  },
  {
    files: ["test/**"],
    rules: {
      // The tests' small parsers and loops use comma sequences (`a.push(x), (b = "")`) on purpose.
      "@typescript-eslint/no-unused-expressions": "off",
    },
  },
  // Formatting is Prettier's job: turn off every rule that would fight it (last, so it wins).
  prettier,
);
