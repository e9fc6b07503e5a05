// Driver assignments that survive a re-plan (docs/decisions/030, addendum): a new plan replaces a
// cycle's routes, so each new route takes the driver its vehicle had on the previous plan, on the
// same leg (collection or delivery) when the vehicle drove that leg, else the vehicle's one driver.
// Only drivers still active in the hub are kept. Pure: the caller reads the rows and writes the ids.

export interface PreviousRouteDriver {
  vehicleId: string;
  kind: string;
  position: number;
  driverId: string | null;
}

export interface NextRouteVehicle {
  vehicleId: string;
  kind: string;
}

/**
 * The driver for each new route (by index; null: nobody). A route takes the first active driver
 * (by position) its vehicle had on the same leg. On a leg the vehicle did not drive before, it takes
 * the vehicle's driver when the vehicle had exactly one, still active; with two (say one per leg)
 * it guesses nothing.
 */
export function carryDriversByVehicle(
  previous: readonly PreviousRouteDriver[],
  next: readonly NextRouteVehicle[],
  activeDriverIds: ReadonlySet<string>,
): Array<string | null> {
  const byLeg = new Map<string, string[]>();
  const byVehicle = new Map<string, Set<string>>();
  for (const route of [...previous].sort((a, b) => a.position - b.position)) {
    if (!route.driverId) continue;
    const leg = `${route.vehicleId}|${route.kind}`;
    byLeg.set(leg, [...(byLeg.get(leg) ?? []), route.driverId]);
    byVehicle.set(route.vehicleId, (byVehicle.get(route.vehicleId) ?? new Set<string>()).add(route.driverId));
  }
  return next.map((route) => {
    const onLeg = byLeg.get(`${route.vehicleId}|${route.kind}`);
    if (onLeg) return onLeg.find((id) => activeDriverIds.has(id)) ?? null;
    const drivers = [...(byVehicle.get(route.vehicleId) ?? [])];
    return drivers.length === 1 && activeDriverIds.has(drivers[0]!) ? drivers[0]! : null;
  });
}
