import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, MigrationError, readMigrations, type SqlRunner } from "~/utils/migrator.server";

function runnerFor(db: PGlite): SqlRunner {
  const wrap = (q: Pick<PGlite, "query" | "exec">): SqlRunner => ({
    query: async (sql, params) => (await q.query(sql, params)).rows as never[],
    exec: async (sql) => void (await q.exec(sql)),
    transaction: async (fn) => void (await db.transaction((tx) => fn(wrap(tx)))),
  });
  return wrap(db);
}

function migrationsDir(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), "foodshed-migrations-"));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

const db = new PGlite();
afterAll(() => db.close());

describe("migrator", () => {
  it("applies migrations in order once, recording Prisma-compatible rows", async () => {
    const dir = migrationsDir({
      "20260101000000_a": 'CREATE TABLE "A" (id int primary key);',
      "20260102000000_b": 'ALTER TABLE "A" ADD COLUMN name text;',
    });
    const runner = runnerFor(db);
    const first = await migrate(runner, readMigrations(dir));
    expect(first.applied).toEqual(["20260101000000_a", "20260102000000_b"]);
    const again = await migrate(runner, readMigrations(dir));
    expect(again.applied).toEqual([]);
    const rows = (
      await db.query<{
        migration_name: string;
        checksum: string;
        applied_steps_count: number;
        finished_at: Date | null;
      }>(
        `SELECT migration_name, checksum, applied_steps_count, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
      )
    ).rows;
    expect(rows.map((row) => row.migration_name)).toEqual(["20260101000000_a", "20260102000000_b"]);
    expect(rows[0]!.checksum).toBe(readMigrations(dir)[0]!.checksum);
    expect(rows[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(rows.every((row) => row.finished_at !== null && row.applied_steps_count === 1)).toBe(true);
  });

  it("stops at a failing migration, names it, and leaves the database unchanged", async () => {
    const fresh = new PGlite();
    try {
      const dir = migrationsDir({
        "20260101000000_ok": 'CREATE TABLE "Ok" (id int primary key);',
        "20260102000000_broken": 'CREATE TABLE "Half" (id int primary key);\nCREATE TABLE "Broken" (id nonsense_type);',
        "20260103000000_later": 'CREATE TABLE "Later" (id int primary key);',
      });
      const error = await migrate(runnerFor(fresh), readMigrations(dir)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as MigrationError).migrationName).toBe("20260102000000_broken");
      expect((error as Error).message).toContain("20260102000000_broken");
      const tables = (
        await fresh.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)
      ).rows.map((row) => row.tablename);
      expect(tables.sort()).toEqual(["Ok", "_prisma_migrations"]);
      const recorded = (
        await fresh.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`)
      ).rows;
      expect(recorded.map((row) => row.migration_name)).toEqual(["20260101000000_ok"]);
    } finally {
      await fresh.close();
    }
  });

  it("reads the committed migrations of the project", () => {
    const migrations = readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((m) => m.name)).toEqual([...migrations.map((m) => m.name)].sort());
  });
});
