// Vehicles: one verb each, scoped by hub.
import { createVehicleRow, updateVehicleRow, type VehicleInput } from "~/models/vehicle.server";

export function addVehicle({ hubId, data }: { hubId: string; data: VehicleInput }) {
  return createVehicleRow({ hubId, data });
}

export function editVehicle({ hubId, vehicleId, data }: { hubId: string; vehicleId: string; data: VehicleInput }) {
  return updateVehicleRow({ hubId, vehicleId, data });
}
