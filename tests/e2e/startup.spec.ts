// Start-up failures are process-level behaviour: spawn the built server with bad configuration and
// check that it stops with a message naming the problem.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

function startServer(env: Record<string, string>, cwd?: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.resolve("server.js")], {
      cwd,
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "production",
        SESSION_SECRET: "s".repeat(40),
        PORT: "3190",
        ...env,
      },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test("a development build left by npm run dev stops the production server with what to run", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "foodshed-dev-build-"));
  mkdirSync(path.join(dir, "build"));
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type: "module" }));
  writeFileSync(path.join(dir, "build", "index.js"), 'export const mode = "development";\n');
  const { code, output } = await startServer({ DATABASE_URL: "pglite:memory" }, dir);
  rmSync(dir, { recursive: true, force: true });
  expect(code).toBe(1);
  expect(output).toContain("build/ holds a development build");
  expect(output).toContain("npm run build");
});

test("a malformed PORT stops the server with a message naming it", async () => {
  const { code, output } = await startServer({ PORT: "not-a-port", DATABASE_URL: "pglite:memory" });
  expect(code).toBe(1);
  expect(output).toContain("PORT:");
});

test("a missing SESSION_SECRET in production stops the server with a message naming it", async () => {
  const { code, output } = await startServer({ SESSION_SECRET: "", DATABASE_URL: "pglite:memory" });
  expect(code).toBe(1);
  expect(output).toContain("SESSION_SECRET:");
});

test("an emission-factor override that is not a positive number stops the server naming the value", async () => {
  const { code, output } = await startServer({
    DATABASE_URL: "pglite:memory",
    CARBON_FACTOR_OVERRIDES: JSON.stringify({
      id: "custom",
      vehicleFactors: { "van-diesel-average": { direct: -0.2 } },
    }),
  });
  expect(code).toBe(1);
  expect(output).toContain("CARBON_FACTOR_OVERRIDES");
  expect(output).toContain("-0.2");
});

test("a failing migration stops start-up, names the migration and leaves the database unchanged", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "foodshed-bad-migrations-"));
  for (const name of readdirSync("prisma/migrations")) {
    const sql = path.join("prisma/migrations", name, "migration.sql");
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), readFileSync(sql));
  }
  mkdirSync(path.join(dir, "29990101000000_broken"));
  writeFileSync(
    path.join(dir, "29990101000000_broken", "migration.sql"),
    'CREATE TABLE "Half" (id int);\nSELECT no_such_function();',
  );
  const dataDir = path.join(dir, "db");
  const { code, output } = await startServer({ DATABASE_URL: `pglite:${dataDir}`, MIGRATIONS_DIR: dir });
  expect(code).toBe(1);
  expect(output).toContain('Migration "29990101000000_broken" failed');
  // The earlier migrations were applied and recorded; the broken one left nothing behind.
  const { PGlite } = await import("@electric-sql/pglite");
  const db = new PGlite(dataDir);
  try {
    const tables = (
      await db.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)
    ).rows.map((r) => r.tablename);
    expect(tables).toContain("User");
    expect(tables).not.toContain("Half");
    const names = (
      await db.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`)
    ).rows.map((r) => r.migration_name);
    expect(names).not.toContain("29990101000000_broken");
  } finally {
    await db.close();
  }
});
