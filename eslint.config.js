// ESLint flat config. The layer rules of DESIGN.md §2 are `no-restricted-imports` per folder.
import js from "@eslint/js";
import i18next from "eslint-plugin-i18next";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const FRAMEWORK = ["react", "react-dom", "react/*", "@remix-run/*", "leaflet", "react-leaflet", "leaflet.*"];
const ORM = ["@prisma/*", "~generated/*", "**/generated/**", "pg", "@electric-sql/*", "pglite-prisma-adapter"];
const SDK = ["stripe", "nodemailer"];
const LEAFLET = ["leaflet", "leaflet.*", "leaflet/*", "react-leaflet"];
const SERVER = ["*.server", "**/*.server", "~/models/*", "~/services/*", "~/integrations/*"];

// Only app/models may import the database module (the Prisma client and transactions).
const DATABASE = {
  group: ["~/utils/db.server", "**/utils/db.server", "**/db.server"],
  message: "Only app/models/* use the database module: call a model function instead.",
};

// Browser code names languages through ~/locales/languages: ~/locales itself bundles every
// catalogue, which the browser loads one language at a time (docs/decisions/025-i18n.md).
const ALL_CATALOGUES = {
  name: "~/locales",
  message: "Import ~/locales/languages in code that reaches the browser: ~/locales bundles every language.",
  allowTypeImports: true,
};

const I18N_FORBIDDEN = [
  ...ORM,
  ...SDK,
  ...LEAFLET,
  "~/models/*",
  "~/services/*",
  "~/integrations/*",
  "~/routes/*",
  "~/components/*",
];
const I18N_MESSAGE = "app/i18n and app/locales import only languages, catalogues, i18next and pure formatting.";

const restrict = (patterns, message, { database = true, paths = [] } = {}) => ({
  "no-restricted-imports": [
    "error",
    {
      paths,
      patterns: [
        { group: patterns, message, allowTypeImports: true },
        ...(database ? [{ ...DATABASE, allowTypeImports: true }] : []),
      ],
    },
  ],
});

// Text a user reads comes from the catalogues (app/locales, docs/decisions/025-i18n.md): JSX text,
// string literals inside JSX, and the attributes and props people read or hear. Words that are the
// same in every language (the brand, codes in capitals, numbers and symbols) pass.
const USER_VISIBLE_ATTRIBUTES = [
  "alt",
  "title",
  "placeholder",
  "aria-label",
  "aria-description",
  "aria-valuetext",
  "aria-roledescription",
  "label",
  "legend",
  "hint",
  "description",
  "extraHint",
  "pendingText",
  "pinLabel",
  "submitLabel",
  "confirm",
  "emptyText",
];
const NO_LITERAL_STRING = [
  "error",
  {
    mode: "jsx-only",
    "jsx-attributes": { include: USER_VISIBLE_ATTRIBUTES },
    words: { exclude: ["[0-9!-/:-@[-`{-~]+", "[A-Z_-]+", /^[\p{P}\p{S}\p{N}\s]+$/u, "Foodshed"] },
    message: 'Text a user reads comes from the catalogue: t("key") (docs/CONTRIBUTING.md, Translating)',
  },
];

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/build/**",
      "generated/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "data/**",
      ".cache/**",
      "bench-results/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  {
    files: ["app/domain/**/*.ts"],
    ignores: ["app/domain/**/*.test.ts"],
    rules: {
      ...restrict(
        [...FRAMEWORK, ...ORM, ...SDK, ...SERVER, "~/utils/*", "node:fs", "node:fs/*", "fs"],
        "Domain code is pure: no framework, ORM, SDK, server or file-system imports.",
      ),
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Domain code takes configuration as arguments." },
      ],
      "no-restricted-globals": ["error", { name: "fetch", message: "Domain code does no I/O." }],
    },
  },
  {
    // Domain tests may read fixtures from disk; the code under test stays pure.
    files: ["app/domain/**/*.test.ts"],
    rules: restrict(
      [...FRAMEWORK, ...ORM, ...SDK, ...SERVER],
      "Domain tests exercise pure code: no framework, ORM, SDK or server imports.",
    ),
  },
  {
    files: ["app/models/**/*.ts"],
    rules: restrict(
      [...FRAMEWORK, ...SDK, "~/routes/*", "~/services/*"],
      "Models import the database and domain types only.",
      { database: false },
    ),
  },
  {
    files: ["app/services/**/*.ts"],
    ignores: ["app/services/**/*.test.ts"],
    rules: {
      ...restrict(
        ["react", "react-dom", "@remix-run/*", ...LEAFLET, "~/routes/*", "~/components/*", "~/jobs/*"],
        "Services do not import UI or HTTP: routes and ~/utils/*.server handle requests.",
      ),
      // Services return typed results; routes map them to status codes.
      "no-restricted-syntax": [
        "error",
        {
          selector: "TSTypeReference[typeName.name=/^(Request|Response|Headers)$/]",
          message: "Services do not take or return HTTP objects: pass the values, return a typed result.",
        },
        {
          selector: "NewExpression[callee.name=/^(Response|Request)$/]",
          message: "Services do not build HTTP responses: return a typed result for the route to map.",
        },
      ],
    },
  },
  {
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: restrict(
      [...ORM, ...SDK, ...LEAFLET],
      "Routes call services and models; never the Prisma client, an SDK or Leaflet directly.",
      { paths: [ALL_CATALOGUES] },
    ),
  },
  {
    files: ["app/components/**/*.{ts,tsx}"],
    ignores: ["app/components/map/**/*.client.tsx"],
    rules: restrict(
      [...SERVER, ...ORM, ...SDK, ...LEAFLET, "~/utils/*.server"],
      "Components are client-safe (nothing *.server); Leaflet only in components/map/*.client.tsx.",
      { paths: [ALL_CATALOGUES] },
    ),
  },
  {
    files: ["app/components/map/**/*.client.tsx"],
    rules: restrict([...SERVER, ...ORM, ...SDK, "~/utils/*.server"], "Components are client-safe: nothing *.server.", {
      paths: [ALL_CATALOGUES],
    }),
  },
  {
    // Translation is infrastructure every layer uses: it imports no model, service, SDK or UI; its
    // browser half names languages without bundling every catalogue.
    files: ["app/i18n/**/*.ts", "app/locales/**/*.ts"],
    ignores: ["app/i18n/**/*.test.ts"],
    rules: restrict(I18N_FORBIDDEN, I18N_MESSAGE, { paths: [ALL_CATALOGUES] }),
  },
  {
    files: ["app/i18n/**/*.server.ts"],
    rules: restrict(I18N_FORBIDDEN, I18N_MESSAGE),
  },
  {
    files: [
      "app/*.{ts,tsx}",
      "app/utils/**/*.{ts,tsx}",
      "app/integrations/**/*.ts",
      "app/workers/**/*.ts",
      "app/jobs/**/*.ts",
    ],
    ignores: ["app/utils/db.server.ts", "app/utils/migrator.server.ts"],
    rules: restrict(LEAFLET, "Leaflet is imported only in app/components/map/*.client.tsx."),
  },
  {
    files: ["**/*.test.{ts,tsx}", "tests/**/*.{ts,tsx}"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
  {
    files: ["app/root.tsx", "app/routes/**/*.{ts,tsx}", "app/components/**/*.{ts,tsx}"],
    ignores: ["**/*.test.{ts,tsx}"],
    plugins: { i18next },
    rules: { "i18next/no-literal-string": NO_LITERAL_STRING },
  },
);
