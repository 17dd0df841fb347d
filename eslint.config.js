// Lint for the JavaScript shell (extension/, js/, www/) and the test and bench scripts.
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    ignores: ["node_modules/", "target/", "dist/", "www/pkg/", "extension/engine/", "fuzz/", "**/*.min.js"],
  },
  js.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.browser, ...globals.webextensions, ...globals.node },
    },
    rules: {
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      eqeqeq: ["error", "always"],
    },
  },
];
