// Each integration test file gets its own real database: an in-memory PGlite by default, or a
// fresh schema in the PostgreSQL named by TEST_DATABASE_URL. Migrations are applied by the app's
// migrator, exactly as at start-up.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";

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

const { closeDatabase, ensureDatabaseReady, getDatabase } = await import("~/utils/db.server");

beforeAll(async () => {
  await ensureDatabaseReady();
});

afterAll(async () => {
  if (schema) await getDatabase().sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await closeDatabase();
});
