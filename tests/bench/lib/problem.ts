import type { RoutingProblem, RoutingVehicle } from "../../../app/domain/routing/index";
import { distanceMatrix, type BenchInstance, type DistanceConvention } from "./instances";

/**
 * A benchmark instance as a RoutingProblem: units are kept as they are (a "gram" is a demand unit,
 * a "metre" a distance unit, a "second" a time unit). Stop ids are the customer numbers.
 * Unlimited fleets get ceil(1.3 x total demand / capacity) + 3 vehicles, as HGS-CVRP does.
 */
export function toRoutingProblem(
  inst: BenchInstance,
  convention: DistanceConvention,
  maxVehicles: number | null,
): RoutingProblem {
  const matrix = distanceMatrix(inst, convention);
  const n = inst.x.length - 1;
  const total = inst.demand.reduce((a, b) => a + b, 0);
  const fleet = maxVehicles ?? Math.ceil((1.3 * total) / inst.capacity) + 3;
  const timed = convention === "solomon-real";
  const vehicles: RoutingVehicle[] = [];
  for (let k = 0; k < fleet; k++) {
    vehicles.push({
      id: `v${k + 1}`,
      capacityGrams: inst.capacity,
      shiftStart: timed ? inst.ready![0]! : 0,
      shiftEnd: timed ? inst.due![0]! : Infinity,
    });
  }
  return {
    depotIndex: 0,
    stops: Array.from({ length: n }, (_, i) => ({
      id: String(i + 1),
      demandGrams: inst.demand[i + 1]!,
      serviceSeconds: timed ? inst.service![i + 1]! : 0,
      window: timed ? { start: inst.ready![i + 1]!, end: inst.due![i + 1]! } : undefined,
    })),
    vehicles,
    distance: matrix,
    duration: matrix,
  };
}
