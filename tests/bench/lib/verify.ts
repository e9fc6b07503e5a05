import type { BenchInstance, DistanceConvention } from "./instances";

export interface Verdict {
  feasible: boolean;
  cost: number;
  vehicles: number;
  problems: string[];
}

const TOL = 1e-6;

/**
 * Independent check of a solution given as routes of customer numbers (1..n, depot excluded), from
 * the instance data alone (it shares no code with the solver): every customer exactly once,
 * capacity, fleet size, and for Solomon instances windows and the depot's closing time. The cost
 * is recomputed under the instance's distance convention.
 */
export function verify(
  inst: BenchInstance,
  convention: DistanceConvention,
  maxVehicles: number | null,
  routes: number[][],
): Verdict {
  const n = inst.x.length - 1;
  const problems: string[] = [];
  const arc = (i: number, j: number): number => {
    const d = Math.sqrt((inst.x[i]! - inst.x[j]!) ** 2 + (inst.y[i]! - inst.y[j]!) ** 2);
    return convention === "euclid-nint" ? Math.round(d) : d;
  };
  const count = new Array<number>(n + 1).fill(0);
  let cost = 0;
  const used = routes.filter((r) => r.length > 0);
  if (maxVehicles !== null && used.length > maxVehicles)
    problems.push(`${used.length} routes, more than the ${maxVehicles} vehicles`);
  used.forEach((route, k) => {
    let load = 0;
    let prev = 0;
    let t = convention === "solomon-real" ? inst.ready![0]! : 0;
    for (const c of route) {
      if (!Number.isInteger(c) || c < 1 || c > n) {
        problems.push(`route ${k + 1}: no customer ${c}`);
        continue;
      }
      count[c]!++;
      load += inst.demand[c]!;
      const d = arc(prev, c);
      cost += d;
      if (convention === "solomon-real") {
        t = Math.max(t + d, inst.ready![c]!);
        if (t > inst.due![c]! + TOL)
          problems.push(`route ${k + 1}: customer ${c} served at ${t.toFixed(3)} after its due time ${inst.due![c]}`);
        t += inst.service![c]!;
      }
      prev = c;
    }
    const back = arc(prev, 0);
    cost += back;
    if (convention === "solomon-real" && t + back > inst.due![0]! + TOL) {
      problems.push(
        `route ${k + 1}: back at the depot at ${(t + back).toFixed(3)}, after it closes at ${inst.due![0]}`,
      );
    }
    if (load > inst.capacity) problems.push(`route ${k + 1}: load ${load} over capacity ${inst.capacity}`);
  });
  for (let c = 1; c <= n; c++) {
    if (count[c] === 0) problems.push(`customer ${c} not served`);
    if (count[c]! > 1) problems.push(`customer ${c} served ${count[c]} times`);
  }
  return { feasible: problems.length === 0, cost, vehicles: used.length, problems };
}
