// The embedded database folder is locked by the process that opens it: a second process (the
// server started twice, or a script while the server runs) stops with a message naming the holder
// and what to do; a lock left by a process that no longer runs is taken over.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lockFileOf, openDatabase, type Database } from "~/utils/db.server";

const TSX = path.resolve("node_modules/.bin/tsx");

function run(
  script: string,
  databaseUrl: string,
  args: string[] = [],
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [script, ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "development" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

const folders: string[] = [];
const open: Database[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function tempDataDir(): string {
  const folder = mkdtempSync(path.join(tmpdir(), "foodshed-lock-"));
  folders.push(folder);
  return path.join(folder, "db");
}

// About the embedded database's folder only: nothing to prove again on a PostgreSQL server.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))("the embedded database folder's lock", () => {
  it(
    "keeps a second process out with a message naming the holder, for the server and every script",
    { timeout: 120_000 },
    async () => {
      const dataDir = tempDataDir();
      const db = openDatabase(`pglite:${dataDir}`);
      open.push(db);
      await db.sql.query("SELECT 1");
      expect(readFileSync(lockFileOf(dataDir), "utf8").trim()).toBe(String(process.pid));

      const expected = `Stop the other Foodshed process (pid ${process.pid}), or set DATABASE_URL to another folder.`;
      const results = await Promise.all([
        run("scripts/db-migrate.ts", `pglite:${dataDir}`),
        run("scripts/prepare-db.ts", `pglite:${dataDir}`, ["--seed"]),
        run("scripts/prepare-db.ts", `pglite:${dataDir}`, ["--fresh"]),
        run("prisma/seed.ts", `pglite:${dataDir}`),
        run("prisma/seed-large.ts", `pglite:${dataDir}`),
      ]);
      for (const { code, output } of results) {
        expect(output).toContain(`in use by another Foodshed process (pid ${process.pid})`);
        expect(output).toContain(expected);
        expect(code).toBe(1);
      }
      // The holder's data is untouched (--fresh did not remove the folder from under it).
      expect(existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);

      await db.close();
      open.pop();
      expect(existsSync(lockFileOf(dataDir))).toBe(false);
      // Released: another process opens it now.
      const after = await run("scripts/db-migrate.ts", `pglite:${dataDir}`);
      expect(after.output).not.toContain("in use");
      expect(after.code).toBe(0);
      expect(existsSync(lockFileOf(dataDir))).toBe(false);
    },
  );

  it("takes over a stale lock whose process no longer runs", async () => {
    const dataDir = tempDataDir();
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    writeFileSync(lockFileOf(dataDir), `${dead}\n`);
    const db = openDatabase(`pglite:${dataDir}`);
    open.push(db);
    await db.sql.query("SELECT 1");
    expect(readFileSync(lockFileOf(dataDir), "utf8").trim()).toBe(String(process.pid));
  });

  it("refuses a second open of the same folder in one process too", async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(`pglite:${dataDir}`);
    open.push(db);
    expect(() => openDatabase(`pglite:${dataDir}`)).toThrow(`in use by another Foodshed process (pid ${process.pid})`);
  });

  it("does not lock in-memory databases", async () => {
    const a = openDatabase("pglite:memory");
    const b = openDatabase("pglite:memory");
    open.push(a, b);
    await Promise.all([a.sql.query("SELECT 1"), b.sql.query("SELECT 1")]);
  });
});
