// Prisma CLI configuration: the Wasm schema engine ("js") with a throw-away in-memory PGlite, so
// `prisma migrate diff` works offline. The app never uses this file; it applies migrations itself
// (app/utils/migrator.server.ts, docs/decisions/002-prisma-app-applied-migrations.md).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    // The adapter carries its own copy of the driver-adapter types; the runtime contract matches.
    return new PrismaPGlite(new PGlite()) as unknown as PrismaPg;
  },
});
