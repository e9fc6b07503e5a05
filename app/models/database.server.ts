// The database's lifecycle for the server entry (start-up, health check, shutdown), and the
// transaction boundary for services: the entry and the services reach the database through this
// model like every other caller outside app/models.
import type { Prisma } from "~generated/prisma/client.ts";
import { closeDatabase, ensureDatabaseReady, getDatabase, prisma } from "~/utils/db.server";

export { closeDatabase, ensureDatabaseReady };

/**
 * What every model function runs its queries on: the shared client, or the transaction client a
 * service opened with `withTransaction`. Model functions take it as their first argument (`db`)
 * when a service may need them inside its own transaction.
 */
export type Db = Prisma.TransactionClient;

/** The shared client, for model functions called outside a service's transaction. */
export const defaultDb: Db = prisma;

export interface TransactionOptions {
  /** How long the transaction may run (default 120 s: saving a plan of thousands of stops). */
  timeoutMs?: number;
  /** How long to wait for a connection (default 60 s: concurrent checkouts queue here). */
  maxWaitMs?: number;
}

/**
 * Runs `work` in one database transaction and returns its result; any throw rolls everything back.
 * The service that calls it owns the boundary: model functions it passes `tx` to never open their
 * own transaction.
 */
export function withTransaction<T>(work: (tx: Db) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  return prisma.$transaction(work, { timeout: options.timeoutMs ?? 120_000, maxWait: options.maxWaitMs ?? 60_000 });
}

/**
 * For model functions that must be atomic on their own: runs `work` in `db` when the caller is
 * already inside a transaction (`db` is a transaction client), else opens one.
 */
export function inTransaction<T>(db: Db | undefined, work: (tx: Db) => Promise<T>): Promise<T> {
  return db && db !== defaultDb ? work(db) : withTransaction(work);
}

/** Throws when the database does not answer a trivial query. */
export async function pingDatabase(): Promise<void> {
  await getDatabase().sql.query("SELECT 1");
}

/**
 * A unique violation, as Prisma reports it (P2002) or as the driver adapter does (SQLSTATE 23505,
 * e.g. for a partial index): the index decided a race, and the caller answers accordingly.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const e = error as Error & { code?: string; cause?: { kind?: string; originalCode?: string; code?: string } };
  return (
    e.code === "P2002" ||
    e.cause?.kind === "UniqueConstraintViolation" ||
    e.cause?.originalCode === "23505" ||
    e.cause?.code === "23505" ||
    /unique constraint/i.test(e.message)
  );
}
