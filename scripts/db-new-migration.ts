// npm run db:new -- <name>
// Writes the next migration folder from the difference between the schema at git HEAD and the
// working schema, using `prisma migrate diff` on a throw-away in-memory PGlite (prisma.config.ts).
// Commit the schema change and its migration together.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const name = process.argv.slice(2).join("_").trim();
if (!/^[a-z0-9_]+$/i.test(name)) {
  console.error("Usage: npm run db:new -- <name>   (letters, digits and underscores)");
  process.exit(2);
}
const schemaPath = path.join("prisma", "schema.prisma");
const migrationsDir = path.join("prisma", "migrations");
const tmp = mkdtempSync(path.join(tmpdir(), "foodshed-migration-"));
const headSchema = path.join(tmp, "head.prisma");
const hasMigrations = existsSync(migrationsDir) && readdirSync(migrationsDir).some((entry) => /^\d{14}_/.test(entry));
let from = ["--from-empty"];
if (hasMigrations) {
  const base = process.env.MIGRATION_BASE ?? "HEAD";
  writeFileSync(headSchema, execFileSync("git", ["show", `${base}:${schemaPath}`], { encoding: "utf8" }));
  from = ["--from-schema-datamodel", headSchema];
}
const placeholder = path.resolve("node_modules", ".prisma-engine-placeholder", "libquery_engine.so.node");
const result = spawnSync(
  "npx",
  ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", schemaPath, "--script"],
  {
    encoding: "utf8",
    env: { ...process.env, PRISMA_QUERY_ENGINE_LIBRARY: placeholder, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  },
);
if (result.status !== 0) {
  console.error(result.stderr || result.stdout);
  process.exit(result.status ?? 1);
}
const sql = result.stdout.trim();
if (!sql || /^-- This is an empty migration\.?$/m.test(sql)) {
  console.log("The schema has not changed since the last migration: nothing to write.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const folder = path.join(migrationsDir, `${stamp}_${name}`);
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, "migration.sql"), `${sql}\n`);
console.log(`Wrote ${path.join(folder, "migration.sql")}. Review it, then commit it with the schema change.`);
