// Delivery cycles as the coordinator runs them: create, edit, close.
import { deliveryDateProblem, effectiveCycleStatus } from "~/domain/cycles";
import { listHubCycles } from "~/models/cycle.server";
import { formatMinute } from "~/domain/planning";
import {
  createCycleRow,
  findCycleForHub,
  listActiveVehicleShifts,
  setCycleStatus,
  updateCycleRow,
  type CycleInput,
} from "~/models/hub.server";
import { serverT } from "~/i18n/i18n.server";
import { translateMessage } from "~/i18n/messages";

export type CycleResult =
  { ok: true; id: string } | { ok: false; field: "slots" | "cutoffAt" | "deliveryDate" | "form"; message: string };

/** The delivery-date rule (domain/cycles deliveryDateProblem) against the hub's other cycles. */
async function checkDeliveryDate({
  hubId,
  cycleId,
  data,
  timeZone,
  now,
}: {
  hubId: string;
  cycleId: string | null;
  data: CycleInput;
  timeZone: string;
  now: Date;
}): Promise<string | null> {
  const others = (await listHubCycles({ hubId })).filter((c) => c.id !== cycleId);
  const problem = deliveryDateProblem({ deliveryDate: data.deliveryDate, timeZone, now, others });
  return problem && translateMessage(problem);
}

/** A slot buyers can pick must fit inside at least one active vehicle's shift. */
export async function checkSlotsAgainstShifts({
  hubId,
  slots,
}: {
  hubId: string;
  slots: CycleInput["slots"];
}): Promise<string | null> {
  const vehicles = await listActiveVehicleShifts({ hubId });
  if (vehicles.length === 0) return null;
  for (const slot of slots) {
    const fits = vehicles.some((v) => v.shiftStartMinute <= slot.startMinute && slot.endMinute <= v.shiftEndMinute);
    if (!fits) {
      const shifts = vehicles
        .map((v) => `${v.name} ${formatMinute(v.shiftStartMinute)}–${formatMinute(v.shiftEndMinute)}`)
        .join(", ");
      return serverT("messages")("cycles.slotOutsideShifts", {
        slot: `${formatMinute(slot.startMinute)}–${formatMinute(slot.endMinute)}`,
        shifts,
      });
    }
  }
  return null;
}

export async function createCycle({
  hubId,
  data,
  timeZone,
  now = new Date(),
}: {
  hubId: string;
  data: CycleInput;
  timeZone: string;
  now?: Date;
}): Promise<CycleResult> {
  const dateProblem = await checkDeliveryDate({ hubId, cycleId: null, data, timeZone, now });
  if (dateProblem) return { ok: false, field: "deliveryDate", message: dateProblem };
  const problem = await checkSlotsAgainstShifts({ hubId, slots: data.slots });
  if (problem) return { ok: false, field: "slots", message: problem };
  const { id } = await createCycleRow({ hubId, data });
  return { ok: true, id };
}

export async function updateCycle({
  hubId,
  cycleId,
  data,
  timeZone,
  now = new Date(),
}: {
  hubId: string;
  cycleId: string;
  data: CycleInput;
  timeZone: string;
  now?: Date;
}): Promise<CycleResult | null> {
  const cycle = await findCycleForHub({ hubId, cycleId });
  if (!cycle) return null;
  if (cycle.status === "PLANNED" || cycle.status === "DELIVERED") {
    return {
      ok: false,
      field: "form",
      message: serverT("messages")("cycles.alreadyPlanned"),
    };
  }
  const removedInUse = cycle.slots.filter(
    (s) =>
      s._count.orders > 0 && !data.slots.some((n) => n.startMinute === s.startMinute && n.endMinute === s.endMinute),
  );
  if (removedInUse.length) {
    const s = removedInUse[0]!;
    return {
      ok: false,
      field: "slots",
      message: serverT("messages")("cycles.slotInUse", {
        slot: `${formatMinute(s.startMinute)}–${formatMinute(s.endMinute)}`,
      }),
    };
  }
  const dateProblem = await checkDeliveryDate({ hubId, cycleId, data, timeZone, now });
  if (dateProblem) return { ok: false, field: "deliveryDate", message: dateProblem };
  const problem = await checkSlotsAgainstShifts({ hubId, slots: data.slots });
  if (problem) return { ok: false, field: "slots", message: problem };
  await updateCycleRow({ hubId, cycleId, data });
  return { ok: true, id: cycleId };
}

/** Closes ordering now (the cut-off moves to now when it was later). */
export async function closeCycle({
  hubId,
  cycleId,
  now,
}: {
  hubId: string;
  cycleId: string;
  now: Date;
}): Promise<"closed" | "not-open" | null> {
  const cycle = await findCycleForHub({ hubId, cycleId });
  if (!cycle) return null;
  const status = effectiveCycleStatus(cycle, now);
  if (cycle.status !== "OPEN") return "not-open";
  await setCycleStatus({ hubId, cycleId, status: "CLOSED", cutoffAt: status === "CLOSED" ? undefined : now });
  return "closed";
}
