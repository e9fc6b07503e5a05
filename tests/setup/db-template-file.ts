import path from "node:path";

/** Where tests/setup/db-template.ts saves the migrated embedded database for this run. */
export const TEMPLATE_FILE = path.resolve(".cache/vitest-db-template.tar");
