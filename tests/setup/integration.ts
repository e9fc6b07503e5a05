// Each integration test file gets its own real database: an in-memory PGlite by default, or a
// fresh schema in the PostgreSQL named by TEST_DATABASE_URL. Migrations are applied by the app's
// migrator, exactly as at start-up.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { TEMPLATE_FILE } from "./db-template-file";

process.env.NODE_ENV = "test";
process.env.SESSION_SECRET ??= "test-session-secret-test-session-secret";
const pgUrl = process.env.TEST_DATABASE_URL;
let schema: string | undefined;
if (pgUrl) {
  schema = `test_${randomBytes(6).toString("hex")}`;
  const url = new URL(pgUrl);
  url.searchParams.set("schema", schema);
  process.env.DATABASE_URL = url.toString();
} else {
  process.env.DATABASE_URL = "pglite:memory";
}

const { closeDatabase, ensureDatabaseReady, getDatabase, openDatabase } = await import("~/utils/db.server");

// The embedded database starts from the migrated copy made once per run (tests/setup/db-template.ts):
// installed where getDatabase() keeps the process's database.
if (!pgUrl && existsSync(TEMPLATE_FILE)) {
  const store = globalThis as Record<symbol, unknown>;
  store[Symbol.for("foodshed.database")] = openDatabase("pglite:memory", {
    loadDataDir: new Blob([readFileSync(TEMPLATE_FILE)]),
  });
}

beforeAll(async () => {
  await ensureDatabaseReady();
});

afterAll(async () => {
  if (schema) await getDatabase().sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await closeDatabase();
});
