// Vitest global setup: the migrations are applied once, to an in-memory embedded database whose
// files are then saved as a tarball; each integration test file starts its own database from that
// copy (tests/setup/integration.ts) instead of migrating from scratch — 16 migrations took ~4 s per
// file. The migrator itself is still tested from an empty database (tests/integration/migrator.test.ts),
// and on PostgreSQL (TEST_DATABASE_URL) every file migrates its own schema.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openDatabase } from "~/utils/db.server";
import { TEMPLATE_FILE } from "./db-template-file";

export default async function setup(): Promise<() => void> {
  if (process.env.TEST_DATABASE_URL) return () => {};
  const db = openDatabase("pglite:memory");
  try {
    await db.migrate();
    const dump = await db.dump();
    mkdirSync(path.dirname(TEMPLATE_FILE), { recursive: true });
    writeFileSync(TEMPLATE_FILE, Buffer.from(await dump!.arrayBuffer()));
  } finally {
    await db.close();
  }
  return () => rmSync(TEMPLATE_FILE, { force: true });
}
