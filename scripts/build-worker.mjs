// Bundles the route-planning worker into its own file: the server bundle is a single
// build/index.js, and a worker thread needs a file of its own to start from.
// Run after `remix build`: node scripts/build-worker.mjs
import { build } from "esbuild";

await build({
  entryPoints: ["app/workers/plan-routes.worker.ts"],
  outfile: "build/workers/plan-routes.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  tsconfig: "tsconfig.json",
  sourcemap: true,
  logLevel: "info",
});
