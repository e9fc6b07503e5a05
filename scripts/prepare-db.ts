// Prepares the embedded (or PostgreSQL) database before the app starts:
//   --fresh   delete the embedded data folder first (PGlite only)
//   --seed    seed the demo region when the database has no users yet
// `npm run dev` runs it with --seed so the first start shows the demo region.
import { rmSync } from "node:fs";
import { closeDatabase, ensureDatabaseReady, lockDataDir, parseDatabaseUrl, prisma } from "../app/utils/db.server";
import { getEnv } from "../app/utils/env.server";

// Part of `npm run dev` (and of the test servers, which set NODE_ENV themselves): it signs no
// sessions, so the development defaults apply unless NODE_ENV says otherwise (docs/decisions/019).
process.env.NODE_ENV ??= "development";
const args = new Set(process.argv.slice(2));
const env = getEnv();
const target = parseDatabaseUrl(env.DATABASE_URL);

try {
  if (args.has("--fresh")) {
    if (target.kind !== "pglite" || !target.dataDir)
      throw new Error("--fresh only applies to an embedded pglite:<folder> database");
    // Not from under a running server: the folder's lock is taken for the removal.
    const release = lockDataDir(target.dataDir);
    try {
      rmSync(target.dataDir, { recursive: true, force: true });
    } finally {
      release();
    }
    console.log(`[db] removed ${target.dataDir}`);
  }
  const result = await ensureDatabaseReady((line) => console.log(`[db] ${line}`));
  console.log(`[db] migrations up to date (${result.applied.length} applied now)`);
  if (args.has("--seed")) {
    if ((await prisma.user.count()) > 0) {
      console.log("[db] demo data already present: not seeding");
    } else {
      const { seedDemoRegions } = await import("../prisma/seed");
      const summary = await seedDemoRegions(prisma);
      console.log(`[db] seeded the demo region: ${JSON.stringify(summary)}`);
    }
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
