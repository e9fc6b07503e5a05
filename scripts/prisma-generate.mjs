// Generates the Prisma client without downloading a native engine (see docs/decisions/002).
// Prisma 6 CLI commands try to download a query engine unless PRISMA_QUERY_ENGINE_LIBRARY names an
// existing file; the client itself uses the Wasm query compiler (engineType = "client"), so the
// placeholder is never loaded.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const placeholder = join(process.cwd(), "node_modules", ".prisma-engine-placeholder", "libquery_engine.so.node");
if (!existsSync(placeholder)) {
  mkdirSync(join(placeholder, ".."), { recursive: true });
  writeFileSync(placeholder, "");
}
const result = spawnSync("npx", ["prisma", "generate", "--no-hints"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_QUERY_ENGINE_LIBRARY: placeholder, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
process.exit(result.status ?? 1);
