// Vehicles of a hub. Always scoped by hub.
import type { Prisma } from "~generated/prisma/client.ts";
import { prisma } from "~/utils/db.server";

const VEHICLE_SELECT = {
  id: true,
  name: true,
  capacityGrams: true,
  energyType: true,
  refrigerated: true,
  shiftStartMinute: true,
  shiftEndMinute: true,
  maxRouteSeconds: true,
  rangeMetres: true,
  costPerKmMinor: true,
  active: true,
} satisfies Prisma.VehicleSelect;

export type HubVehicle = Prisma.VehicleGetPayload<{ select: typeof VEHICLE_SELECT }>;
export type VehicleInput = Omit<HubVehicle, "id" | "maxRouteSeconds">;

export function listVehicles({ hubId, activeOnly = false }: { hubId: string; activeOnly?: boolean }) {
  return prisma.vehicle.findMany({
    where: { hubId, ...(activeOnly ? { active: true } : {}) },
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: VEHICLE_SELECT,
  });
}

export function findVehicle({ hubId, vehicleId }: { hubId: string; vehicleId: string }) {
  return prisma.vehicle.findFirst({ where: { id: vehicleId, hubId }, select: VEHICLE_SELECT });
}

export function createVehicleRow({ hubId, data }: { hubId: string; data: VehicleInput }) {
  return prisma.vehicle.create({ data: { ...data, hubId }, select: { id: true } });
}

export async function updateVehicleRow({
  hubId,
  vehicleId,
  data,
}: {
  hubId: string;
  vehicleId: string;
  data: VehicleInput;
}) {
  const result = await prisma.vehicle.updateMany({ where: { id: vehicleId, hubId }, data });
  return result.count === 1;
}
