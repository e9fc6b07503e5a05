// The database's lifecycle for the server entry (start-up, health check, shutdown): the entry
// reaches the database through this model like every other caller outside app/models.
import { closeDatabase, ensureDatabaseReady, getDatabase } from "~/utils/db.server";

export { closeDatabase, ensureDatabaseReady };

/** Throws when the database does not answer a trivial query. */
export async function pingDatabase(): Promise<void> {
  await getDatabase().sql.query("SELECT 1");
}
