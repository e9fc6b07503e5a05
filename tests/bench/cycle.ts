/**
 * Cycle benchmark (issue 7): the closed 5,000-order cycle of the large seed, end to end as the
 * coordinator runs it — aggregation (all views + a CSV), both legs planned in the worker thread,
 * the plan saved with its carbon allocation. Prints time per phase and total km; asserts nothing.
 * Target: under 60 s end to end.
 *
 *   DATABASE_URL=pglite:./data/large npm run seed:large     (once, about a minute)
 *   npm run bench:cycle [-- --time-limit=30]                 (planning budget in seconds, both legs)
 *
 * Each run saves a new plan for the cycle (the cycle stays planned; re-running is fine).
 */
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";

process.env.NODE_ENV ??= "production";
process.env.SESSION_SECRET ??= "bench-session-secret-bench-session-secret";
const { DEFAULT_LARGE_DATABASE_URL } = await import("../../prisma/seed-large");
process.env.DATABASE_URL ??= DEFAULT_LARGE_DATABASE_URL;

const { closeDatabase, ensureDatabaseReady, parseDatabaseUrl, prisma } = await import("../../app/utils/db.server");
const target = parseDatabaseUrl(process.env.DATABASE_URL);
if (target.kind === "pglite" && (target.dataDir === null || !existsSync(target.dataDir))) {
  console.error(
    `No large database at ${process.env.DATABASE_URL}. Make it first (about a minute):\n\n  DATABASE_URL=${process.env.DATABASE_URL} npm run seed:large\n`,
  );
  process.exit(1);
}

const arg = process.argv.find((a) => a.startsWith("--time-limit="));
const TIME_LIMIT_MS = Math.round(Number(arg?.split("=")[1] ?? 30) * 1000);

const { getCycleReportCsv, getCycleReports } = await import("../../app/services/aggregation.server");
const { getPlanningSource, createRoutePlan } = await import("../../app/models/route-plan.server");
const { buildPlanningProblems, toPlanResult } = await import("../../app/domain/planning");
const { legMidnights, routeDates, recomputePlanCarbon } = await import("../../app/services/route-planning.server");
const { solveOffThread } = await import("../../app/jobs/planning-runner.server");
const { getEnv } = await import("../../app/utils/env.server");

const ms = (t: number) => `${(t / 1000).toFixed(2)} s`;
const km = (m: number) => `${Math.round(m / 1000).toLocaleString("en-GB")} km`;
const phases: Array<[string, number]> = [];
async function phase<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await fn();
  const took = performance.now() - start;
  phases.push([name, took]);
  console.log(`  ${name.padEnd(34)} ${ms(took).padStart(9)}`);
  return result;
}

await ensureDatabaseReady();
// The cycle with the most orders that is past its cut-off (the seed's closed cycle).
const cycles = await prisma.deliveryCycle.findMany({
  where: { status: { in: ["CLOSED", "PLANNED"] } },
  select: { id: true, name: true, hubId: true, _count: { select: { orders: true } } },
});
const cycle = cycles.sort((a, b) => b._count.orders - a._count.orders)[0];
if (!cycle || cycle._count.orders === 0) {
  console.error(
    "The database has no closed cycle with orders. Re-seed it: DATABASE_URL=… npm run seed:large -- --reset",
  );
  process.exit(1);
}
console.log(
  `bench:cycle — ${cycle.name}: ${cycle._count.orders.toLocaleString("en-GB")} orders; planning budget ${ms(TIME_LIMIT_MS)} (both legs)\n`,
);

const total = performance.now();
const reports = await phase("aggregation (all views + CSV)", async () => {
  const built = await getCycleReports({ hubId: cycle.hubId, cycleId: cycle.id });
  const csv = await getCycleReportCsv({ hubId: cycle.hubId, cycleId: cycle.id, report: "by-farm" });
  return { built, csvBytes: csv.length };
});
const { source, problems } = await phase("load + build both problems", async () => {
  const source = (await getPlanningSource({ hubId: cycle.hubId, cycleId: cycle.id }))!;
  return { source, problems: buildPlanningProblems(source.data) };
});
const env = getEnv();
const solved = await phase("plan both legs (worker thread)", () =>
  solveOffThread(
    problems,
    { kind: "estimate", circuity: env.ROAD_CIRCUITY, speedKmh: env.AVERAGE_SPEED_KMH },
    { timeLimitMs: TIME_LIMIT_MS, seed: 1 },
    { onProgress: () => undefined, isCancelled: async () => false },
  ),
);
const result = toPlanResult(source.data, problems, solved);
const base = legMidnights(source.cycle.deliveryDate, source.hub.timeZone);
const planId = await phase("save plan (routes + stops)", () =>
  createRoutePlan({
    cycleId: cycle.id,
    createdById: null,
    distanceSource: "haversine",
    notice: null,
    unassigned: result.unassigned,
    routes: result.routes.map((r) => routeDates(r, base)),
  }),
);
const carbon = await phase("carbon allocation + save", () => recomputePlanCarbon({ planId }));
const end = performance.now() - total;

const legs = (["COLLECTION", "DELIVERY"] as const).map((kind) => {
  const routes = result.routes.filter((r) => r.kind === kind);
  const solution = kind === "COLLECTION" ? solved.collection : solved.delivery;
  return {
    kind,
    stops: (kind === "COLLECTION" ? problems.collection : problems.delivery).stops.length,
    routes: routes.length,
    metres: routes.reduce((s, r) => s + r.distanceM, 0),
    solverMs: solution.elapsedMs,
    stoppedBy: solution.stoppedBy,
    unassigned: solution.unassigned.length,
  };
});
console.log(`  ${"total".padEnd(34)} ${ms(end).padStart(9)}   (target under 60 s)\n`);
for (const leg of legs) {
  console.log(
    `  ${leg.kind.toLowerCase().padEnd(11)} ${String(leg.stops).padStart(5)} stops → ${String(leg.routes).padStart(3)} routes, ${km(leg.metres).padStart(9)}, solver ${ms(leg.solverMs)} (${leg.stoppedBy}), ${leg.unassigned} unassigned`,
  );
}
const totalMetres = legs.reduce((s, l) => s + l.metres, 0);
console.log(
  `  total distance ${km(totalMetres)}; ${result.unassigned.length} places (farms/orders) not fully served, with reasons`,
);
// A place with chilled and ambient goods is two stops: served, partly served (one part left out) or not.
const partly = result.unassigned.filter(
  (u) =>
    (u.parts?.length ?? 0) > 0 &&
    !/\(chilled and ambient goods\)$/.test(u.reason) &&
    /is on a route\.$|are on a route\.$/.test(u.reason),
);
console.log(
  `    ${result.unassigned.length - partly.length} with nothing served, ${partly.length} partly served (one part on a route)`,
);
const reasons = new Map<string, number>();
for (const u of result.unassigned) {
  const key = `${u.kind}: ${u.reason.replace(/\d[\d,.]*/g, "N")}`;
  reasons.set(key, (reasons.get(key) ?? 0) + 1);
}
for (const [reason, count] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 6))
  console.log(`    ${String(count).padStart(5)} × ${reason}`);
console.log(
  `  CO2e: hub routes ${(carbon.planCo2eGrams / 1000).toFixed(1)} kg, farms' own trips ${(carbon.dropOffCo2eGrams / 1000).toFixed(1)} kg; ${carbon.orders.length.toLocaleString("en-GB")} orders allocated`,
);
console.log(
  `  aggregation: ${Object.values(reports.built)
    .reduce((s, r) => s + r.rowCount, 0)
    .toLocaleString(
      "en-GB",
    )} rows over ${Object.keys(reports.built).length} views, CSV ${(reports.csvBytes / 1024).toFixed(0)} KiB`,
);
await closeDatabase();
