// Vitest global setup: the planning worker is built ahead, as `npm run build` and `npm run dev` do,
// so the tests run the solver in the same worker thread as the app (nothing bundles at run time).
import { build } from "esbuild";
import { workerBuildOptions } from "../../scripts/build-worker.mjs";

export default async function setup(): Promise<void> {
  await build({ ...workerBuildOptions, logLevel: "warning" });
}
