// The one place that creates the Prisma client. Embedded PGlite by default (in memory for tests, on
// disk for dev and start), PostgreSQL when DATABASE_URL is a postgres:// URL
// (docs/decisions/003-pglite-embedded-default.md).
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "~generated/prisma/client.ts";
import { getEnv } from "./env.server";
import { migrate, type MigrateResult, type SqlRunner } from "./migrator.server";

export type { PrismaClient };

export type DatabaseTarget =
  { kind: "pglite"; dataDir: string | null } | { kind: "postgres"; url: string; schema?: string };

export function parseDatabaseUrl(url: string | undefined): DatabaseTarget {
  if (!url || url === "pglite:memory" || url === "pglite://memory") return { kind: "pglite", dataDir: null };
  if (url.startsWith("pglite:")) {
    const dir = url.slice("pglite:".length).replace(/^\/\//, "");
    return { kind: "pglite", dataDir: path.resolve(dir) };
  }
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get("schema") ?? undefined;
    parsed.searchParams.delete("schema");
    return { kind: "postgres", url: parsed.toString(), schema };
  }
  throw new Error(`DATABASE_URL must be pglite:memory, pglite:<folder> or postgres://…, got "${url}"`);
}

/**
 * Another process holds the embedded database folder. Two PGlite instances on one folder do not
 * see each other's writes, and one side's writes are lost: the second process stops instead.
 */
export class DatabaseLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `The database folder ${dataDir} is in use by another Foodshed process (pid ${holderPid}). ` +
        `Stop the other Foodshed process (pid ${holderPid}), or set DATABASE_URL to another folder.`,
    );
    this.name = "DatabaseLockedError";
  }
}

/** The lock file of an embedded database folder: next to it, so PGlite's own folder stays untouched. */
export function lockFileOf(dataDir: string): string {
  return `${dataDir.replace(/[/\\]+$/, "")}.lock`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the data folder's lock: a file created exclusively (O_EXCL) that holds this process's pid.
 * A lock whose pid is no longer running (a crash, kill -9) is stale and taken over. Returns the
 * release function (also run when the process exits).
 */
export function lockDataDir(dataDir: string): () => void {
  const file = lockFileOf(dataDir);
  mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, "wx");
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let holder: number;
      try {
        holder = Number.parseInt(readFileSync(file, "utf8"), 10);
      } catch (readError) {
        // Released between our open and read: try again.
        if ((readError as NodeJS.ErrnoException).code === "ENOENT" && attempt < 5) continue;
        throw readError;
      }
      // A live holder (this process included: one folder is opened once per process) keeps it;
      // an unreadable or dead one is stale.
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) throw new DatabaseLockedError(dataDir, holder);
      if (attempt >= 5) throw error;
      rmSync(file, { force: true });
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener("exit", release);
    try {
      // Only our own lock: never remove a file another process took over.
      if (Number.parseInt(readFileSync(file, "utf8"), 10) === process.pid) rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
  process.on("exit", release);
  return release;
}

export interface Database {
  prisma: PrismaClient;
  target: DatabaseTarget;
  sql: SqlRunner;
  migrate(log?: (line: string) => void): Promise<MigrateResult>;
  /** An embedded database's files as a tarball (what `openDatabase`'s `loadDataDir` takes); null on PostgreSQL. */
  dump(): Promise<Blob | null>;
  close(): Promise<void>;
}

function pgliteRunner(db: PGlite | Parameters<Parameters<PGlite["transaction"]>[0]>[0]): SqlRunner {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      const result = await db.query<T>(sql, params);
      return result.rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    async transaction(fn) {
      if (!("transaction" in db)) throw new Error("nested transactions are not supported");
      await db.transaction(async (tx) => fn(pgliteRunner(tx)));
    },
  };
}

function pgRunner(pool: pg.Pool, schema: string | undefined): SqlRunner {
  const prepare = async (client: pg.PoolClient) => {
    if (schema) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, "")}"`);
      await client.query(`SET search_path TO "${schema.replace(/"/g, "")}"`);
    }
  };
  const clientRunner = (client: pg.PoolClient): SqlRunner => ({
    async query<T>(sql: string, params?: unknown[]) {
      return (await client.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    async transaction() {
      throw new Error("nested transactions are not supported");
    },
  });
  return {
    async query<T>(sql: string, params?: unknown[]) {
      const client = await pool.connect();
      try {
        await prepare(client);
        return (await client.query(sql, params)).rows as T[];
      } finally {
        client.release();
      }
    },
    async exec(sql: string) {
      const client = await pool.connect();
      try {
        await prepare(client);
        await client.query(sql);
      } finally {
        client.release();
      }
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await prepare(client);
        await client.query("BEGIN");
        try {
          await fn(clientRunner(client));
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
      } finally {
        client.release();
      }
    },
  };
}

export function openDatabase(
  url: string | undefined,
  {
    loadDataDir,
  }: {
    /** An in-memory database starts from this dump (the test suite's migrated template); else empty. */
    loadDataDir?: Blob;
  } = {},
): Database {
  const target = parseDatabaseUrl(url);
  if (target.kind === "pglite") {
    // An in-memory database is private to this process; a folder is locked before it is opened.
    const unlock = target.dataDir ? lockDataDir(target.dataDir) : () => {};
    if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
    // pg_trgm: created by migration *_trigram_search (its indexes were dropped by *_discovery_revisions).
    const options = { extensions: { pg_trgm } };
    const lite = target.dataDir ? new PGlite(target.dataDir, options) : new PGlite({ ...options, loadDataDir });
    // pglite-prisma-adapter bundles its own copy of @prisma/driver-adapter-utils; the runtime contract
    // is the same, only the nominal types differ.
    const adapter = new PrismaPGlite(lite) as unknown as PrismaPg;
    const prisma = new PrismaClient({ adapter });
    const sql = pgliteRunner(lite);
    return {
      prisma,
      target,
      sql,
      migrate: (log) => migrate(sql, undefined, log),
      dump: () => lite.dumpDataDir("none"),
      async close() {
        try {
          await prisma.$disconnect();
          if (!lite.closed) await lite.close();
        } finally {
          unlock();
        }
      },
    };
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    // With ?schema=… (tests use one schema per file), raw SQL must resolve unqualified table names
    // in that schema too, not only the queries Prisma qualifies itself.
    ...(target.schema ? { options: `-c search_path="${target.schema.replace(/"/g, "")}",public` } : {}),
  });
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool, target.schema ? { schema: target.schema } : undefined),
  });
  const sql = pgRunner(pool, target.schema);
  return {
    prisma,
    target,
    sql,
    migrate: (log) => migrate(sql, undefined, log),
    dump: async () => null,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

// One database per process. Kept on globalThis so a dev rebuild re-uses the open PGlite instead of
// opening the same data folder twice (which corrupts it).
const globalKey = Symbol.for("foodshed.database");
type GlobalWithDb = typeof globalThis & { [globalKey]?: Database };

export function getDatabase(): Database {
  const store = globalThis as GlobalWithDb;
  if (!store[globalKey]) store[globalKey] = openDatabase(getEnv().DATABASE_URL);
  return store[globalKey];
}

/** The Prisma client. Only app/models (and seeds, tests) may import this. */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDatabase().prisma;
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

let ready: Promise<MigrateResult> | undefined;
/** Applies pending migrations once per process; start-up awaits this before serving. */
export function ensureDatabaseReady(log?: (line: string) => void): Promise<MigrateResult> {
  ready ??= getDatabase().migrate(log);
  return ready;
}

export async function closeDatabase(): Promise<void> {
  const store = globalThis as GlobalWithDb;
  const db = store[globalKey];
  store[globalKey] = undefined;
  ready = undefined;
  if (db) await db.close();
}
