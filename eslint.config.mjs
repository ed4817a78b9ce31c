import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Next.js's own rules (React, hooks, accessibility, Core Web Vitals) plus typescript-eslint's recommended set.
// Formatting is Prettier's job (.prettierrc.json); the import rules between folders are tests/architecture's.
export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports", disallowTypeAnnotations: false }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    // Server components render once per request: the clock they read is the request's time, not an impure render.
    files: ["app/**/page.tsx", "app/**/layout.tsx"],
    rules: { "react-hooks/purity": "off" },
  },
  {
    // Tests read WeChat's and wxopen's JSON answers field by field; Playwright's fixtures call `use`, which is no hook.
    files: ["tests/**", "e2e/**", "**/*.test.ts", "simulator/test-support.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Command-line programs talk to a person on stdout.
    files: ["scripts/**", "bench/**", "simulator/main.ts", "tests/**", "e2e/**"],
    rules: { "no-console": "off" },
  },
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "lib/generated/**",
    "prisma/postgres/**",
    "data/**",
    ".tmp/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
]);
