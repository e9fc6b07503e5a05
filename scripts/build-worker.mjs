// Bundles the route-planning worker into its own file: the server bundle is a single
// build/index.js, and a worker thread needs a file of its own to start from.
//   node scripts/build-worker.mjs            once (after `remix build`, in `npm run build`)
//   node scripts/build-worker.mjs --watch    and again on every change (`npm run dev` runs the
//                                            app server through scripts/dev-server.mjs, which does this)
import { pathToFileURL } from "node:url";
import { build, context } from "esbuild";

/** @type {import("esbuild").BuildOptions} */
export const workerBuildOptions = {
  entryPoints: ["app/workers/plan-routes.worker.ts"],
  outfile: "build/workers/plan-routes.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  tsconfig: "tsconfig.json",
  sourcemap: true,
  logLevel: "info",
};

/** Builds the worker now, then rebuilds it whenever one of its sources changes. */
export async function watchWorker() {
  const ctx = await context({ ...workerBuildOptions, logLevel: "warning" });
  await ctx.rebuild();
  await ctx.watch();
  return ctx;
}

const invoked = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invoked) {
  if (process.argv.includes("--watch")) await watchWorker();
  else await build(workerBuildOptions);
}
