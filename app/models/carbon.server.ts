// Read models for carbon estimates: a hub's depot, farms and fleet, and its recent planned routes.
// Everything is scoped by hubId; rows leave as plain types.
import type { RouteInput } from "~/domain/carbon";
import { prisma } from "~/utils/db.server";

export interface CarbonHub {
  id: string;
  depot: { lat: number; lng: number };
}

export interface CarbonFarm {
  id: string;
  name: string;
  lat: number;
  lng: number;
  selfDelivers: boolean;
}

export interface CarbonVehicle {
  energyType: string;
  refrigerated: boolean;
}

export async function getCarbonHub({ hubId }: { hubId: string }): Promise<CarbonHub | null> {
  const hub = await prisma.hub.findUnique({
    where: { id: hubId },
    select: { id: true, depotLat: true, depotLng: true },
  });
  return hub ? { id: hub.id, depot: { lat: hub.depotLat, lng: hub.depotLng } } : null;
}

/** The hub's farms among `farmIds` (a farm of another hub is simply not returned). */
export async function listCarbonFarms({
  hubId,
  farmIds,
}: {
  hubId: string;
  farmIds: readonly string[];
}): Promise<CarbonFarm[]> {
  if (farmIds.length === 0) return [];
  return prisma.farm.findMany({
    where: { hubId, id: { in: [...new Set(farmIds)] } },
    select: { id: true, name: true, lat: true, lng: true, selfDelivers: true },
  });
}

export async function listCarbonVehicles({ hubId }: { hubId: string }): Promise<CarbonVehicle[]> {
  return prisma.vehicle.findMany({
    where: { hubId, active: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { energyType: true, refrigerated: true },
  });
}

/**
 * The routes of the latest plan of each of the hub's `cycles` most recent planned cycles, as
 * carbon route inputs (one consignment per stop: what the stop handled, chilled when the stop is a
 * chilled part). Enough to learn a typical round's length, load, stop distance and chilled share
 * (`typicalRoundFromRoutes`).
 */
export async function listRecentHubRoutes({
  hubId,
  cycles = 6,
}: {
  hubId: string;
  cycles?: number;
}): Promise<RouteInput[]> {
  const rows = await prisma.deliveryCycle.findMany({
    where: { hubId, routePlans: { some: {} } },
    orderBy: { deliveryDate: "desc" },
    take: cycles,
    select: {
      routePlans: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: {
          routes: {
            select: {
              id: true,
              kind: true,
              distanceM: true,
              vehicle: { select: { energyType: true, refrigerated: true } },
              stops: {
                orderBy: { sequence: "asc" },
                select: {
                  id: true,
                  farmId: true,
                  orderId: true,
                  gramsHandled: true,
                  cargo: true,
                  distanceFromDepotM: true,
                },
              },
            },
          },
        },
      },
    },
  });
  return rows.flatMap((cycle) =>
    cycle.routePlans.flatMap((plan) =>
      plan.routes.map((route): RouteInput => ({
        id: route.id,
        kind: route.kind,
        metres: Math.max(0, Math.round(route.distanceM)),
        distanceKind: "PLANNED",
        vehicle: { energyType: route.vehicle.energyType, refrigerated: route.vehicle.refrigerated },
        stops: route.stops.map((stop) => ({
          id: stop.id,
          distanceFromDepotMetres: Math.max(0, Math.round(stop.distanceFromDepotM)),
          consignments: [
            {
              orderId: stop.orderId ?? stop.farmId ?? stop.id,
              farmId: stop.farmId,
              grams: Math.max(0, stop.gramsHandled),
              // A chilled part is all chilled; a whole place (cargo null, older plans) counts as ambient.
              chilledGrams: stop.cargo === "CHILLED" ? Math.max(0, stop.gramsHandled) : 0,
            },
          ],
        })),
      })),
    ),
  );
}
