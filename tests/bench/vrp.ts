/**
 * Benchmark of the route solver on public instances with best-known solutions.
 *
 *   npm run bench:vrp -- [--dir ../shared/data/vrp] [--time-limit-ms 2000] [--out bench-results/vrp]
 *                        [--seed 1] [--only A-n32-k5,C101] [--iterations 500]
 *
 * Reads every instance listed in <dir>/BKS.tsv, solves it on this thread within the time limit,
 * writes <out>/<instance>.sol, verifies the solution independently and prints one line per
 * instance and a summary. A benchmark prints figures; it asserts nothing.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { solve } from "../../app/domain/routing/index";
import { parseArgs, resolveDir } from "./lib/args";
import { parseBks, parseSolomon, parseVrp, type BenchRow } from "./lib/instances";
import { toRoutingProblem } from "./lib/problem";
import { formatSol } from "./lib/sol";
import { verify } from "./lib/verify";

const args = parseArgs(process.argv.slice(2));
const dir = resolveDir(args.get("dir") ?? path.join("..", "shared", "data", "vrp"));
const timeLimitMs = Number(args.get("time-limit-ms") ?? 2000);
const out = resolveDir(args.get("out") ?? path.join(os.tmpdir(), "foodshed-bench-vrp"));
const seed = Number(args.get("seed") ?? 1);
const only = args
  .get("only")
  ?.split(",")
  .map((s) => s.trim());
// With --iterations the run is deterministic (no clock): for comparing speed (ms) at equal work.
const iterationLimit = args.has("iterations") ? Number(args.get("iterations")) : undefined;

if (!existsSync(path.join(dir, "BKS.tsv"))) {
  console.error(`No BKS.tsv in ${dir}; pass --dir <folder with BKS.tsv and the instances>`);
  process.exit(2);
}
mkdirSync(out, { recursive: true });

const rows = parseBks(readFileSync(path.join(dir, "BKS.tsv"), "utf8")).filter(
  (r) => !only || only.includes(r.instance),
);

function load(row: BenchRow) {
  const vrp = path.join(dir, `${row.instance}.vrp`);
  const txt = path.join(dir, `${row.instance}.txt`);
  if (existsSync(vrp)) return parseVrp(readFileSync(vrp, "utf8"), row.instance);
  if (existsSync(txt)) return parseSolomon(readFileSync(txt, "utf8"), row.instance);
  throw new Error(`${row.instance}: neither ${row.instance}.vrp nor ${row.instance}.txt in ${dir}`);
}

const pad = (s: string | number, n: number): string => String(s).padStart(n);
console.log(
  `route solver benchmark: ${rows.length} instances, ${iterationLimit !== undefined ? `${iterationLimit} iterations` : `${timeLimitMs} ms`} each, seed ${seed}, one thread`,
);
console.log(`solutions written to ${out}`);
console.log(
  `${"instance".padEnd(12)}${pad("type", 6)}${pad("n", 5)}${pad("cost", 12)}${pad("bks", 12)}${pad("gap %", 8)}${pad("veh", 5)}${pad("time ms", 9)}${pad("iters", 8)}  feasible`,
);
const gaps: Array<{ name: string; gap: number }> = [];
let totalMs = 0;
let allFeasible = true;
for (const row of rows) {
  const inst = load(row);
  const problem = toRoutingProblem(inst, row.distance, row.maxVehicles);
  const started = performance.now();
  const sol = solve(problem, iterationLimit !== undefined ? { seed, iterationLimit } : { seed, timeLimitMs });
  const ms = performance.now() - started;
  totalMs += ms;
  const routes = sol.routes.map((r) => r.stops.map((s) => Number(s.stopId)));
  const verdict = verify(inst, row.distance, row.maxVehicles, routes);
  const feasible = verdict.feasible && sol.unassigned.length === 0;
  allFeasible &&= feasible;
  const gap = ((verdict.cost - row.bks) / row.bks) * 100;
  gaps.push({ name: row.instance, gap });
  writeFileSync(path.join(out, `${row.instance}.sol`), formatSol(routes, verdict.cost, row.distance));
  const costText = row.distance === "euclid-nint" ? verdict.cost.toFixed(0) : verdict.cost.toFixed(2);
  console.log(
    `${row.instance.padEnd(12)}${pad(row.type, 6)}${pad(row.customers, 5)}${pad(costText, 12)}${pad(row.bks, 12)}${pad(gap.toFixed(2), 8)}${pad(verdict.vehicles, 5)}${pad(ms.toFixed(0), 9)}${pad(sol.iterations, 8)}  ${feasible ? "yes" : `NO: ${[...verdict.problems.slice(0, 3), ...sol.unassigned.slice(0, 3).map((u) => `${u.stopId} unassigned (${u.reason})`)].join("; ")}`}`,
  );
}
if (gaps.length > 0) {
  const mean = gaps.reduce((a, g) => a + g.gap, 0) / gaps.length;
  const worst = gaps.reduce((a, g) => (g.gap > a.gap ? g : a));
  console.log(
    `summary: mean gap ${mean.toFixed(2)}%, worst ${worst.gap.toFixed(2)}% (${worst.name}), total time ${(totalMs / 1000).toFixed(1)} s, ${allFeasible ? "all feasible" : "SOME INFEASIBLE OR INCOMPLETE"}`,
  );
}
