// Prisma CLI configuration: the Wasm schema engine ("js") with a throw-away in-memory PGlite, so
// `prisma migrate diff` works offline. The app never uses this file; it applies migrations itself
// (app/utils/migrator.server.ts, docs/decisions/002-prisma-app-applied-migrations.md).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    // pg_trgm as in app/utils/db.server.ts, so replaying the migrations in a shadow database works.
    // The adapter carries its own copy of the driver-adapter types; the runtime contract matches.
    return new PrismaPGlite(new PGlite({ extensions: { pg_trgm } })) as unknown as PrismaPg;
  },
});
