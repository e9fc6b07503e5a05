import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "~": path.resolve(import.meta.dirname, "app"),
  "~generated": path.resolve(import.meta.dirname, "generated"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}", "tests/unit/**/*.test.ts"],
          exclude: ["app/**/*.server.test.{ts,tsx}", "node_modules/**"],
          environment: "node",
          setupFiles: ["tests/setup/console.ts"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          globalSetup: ["tests/setup/build-worker.ts", "tests/setup/db-template.ts"],
          include: ["app/**/*.server.test.{ts,tsx}", "tests/integration/**/*.test.{ts,tsx}"],
          environment: "node",
          setupFiles: ["tests/setup/integration.ts", "tests/setup/console.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // One embedded database per test file (PGlite start-up is 2-4 s); files run in parallel
          // across the two cores.
          pool: "forks",
        },
      },
    ],
  },
});
