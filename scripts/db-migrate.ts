// npm run db:migrate — applies pending migrations to DATABASE_URL (PostgreSQL or an embedded
// PGlite folder) with the same migrator the app runs at start-up.
import { closeDatabase, ensureDatabaseReady } from "../app/utils/db.server";
import { getEnv } from "../app/utils/env.server";

// Migrations sign no sessions: without NODE_ENV the development defaults apply, as before
// (docs/decisions/019). DATABASE_URL names the database either way.
process.env.NODE_ENV ??= "development";

try {
  const env = getEnv();
  console.log(`Migrating ${env.DATABASE_URL.replace(/:[^:@/]*@/, ":***@")}`);
  const result = await ensureDatabaseReady((line) => console.log(line));
  console.log(
    result.applied.length
      ? `Applied ${result.applied.length} migration(s).`
      : `Up to date (${result.alreadyApplied} migration(s) already applied).`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
