// Read-only order views for farmers (their lines per cycle) and coordinators (their hub's orders).
import { DEFAULT_CURRENCY } from "~/domain/money";
import { toCsv, type CsvCell } from "~/domain/csv";
import { effectiveCycleStatus, pickOrderingCycle } from "~/domain/cycles";
import { minorToInput } from "~/domain/money";
import { milliToInput } from "~/domain/quantity";
import { getCoordinatedHub, listHubCycles } from "~/models/cycle.server";
import { listFarmOrderLines, listHubOrders, listOwnedFarms } from "~/models/order.server";
import { listEmailMessages } from "~/models/email.server";
import { listFarmSubstitutes } from "~/models/order-adjustment.server";
import { serverT } from "~/i18n/i18n.server";

function chooseCycle<
  T extends {
    id: string;
    status: "OPEN" | "CLOSED" | "PLANNED" | "DELIVERED";
    opensAt: Date;
    cutoffAt: Date;
    deliveryDate: Date;
  },
>(cycles: T[], requested: string | null, now: Date): T | null {
  if (requested) return cycles.find((c) => c.id === requested) ?? null;
  return pickOrderingCycle(cycles, now) ?? cycles[0] ?? null;
}

const cycleOption = (
  c: {
    id: string;
    name: string;
    status: "OPEN" | "CLOSED" | "PLANNED" | "DELIVERED";
    opensAt: Date;
    cutoffAt: Date;
    deliveryDate: Date;
  },
  now: Date,
  /** The hub's time zone: a delivery date is a day there. */
  timeZone: string,
) => ({
  id: c.id,
  name: c.name,
  timeZone,
  deliveryDate: c.deliveryDate.toISOString(),
  cutoffAt: c.cutoffAt.toISOString(),
  effectiveStatus: effectiveCycleStatus(c, now),
});

export async function getFarmOrders({
  ownerId,
  cycleId,
  now = new Date(),
}: {
  ownerId: string;
  cycleId: string | null;
  now?: Date;
}) {
  const farms = await listOwnedFarms({ ownerId });
  const hubIds = [...new Set(farms.map((f) => f.hubId).filter((h): h is string => Boolean(h)))];
  const cycles = (await Promise.all(hubIds.map((hubId) => listHubCycles({ hubId }))))
    .flat()
    .sort((a, b) => b.deliveryDate.getTime() - a.deliveryDate.getTime());
  // Every cycle listed is of one of these farms' hubs.
  const zones = new Map(farms.map((f) => [f.hubId, f.hub?.timeZone]));
  const zoneOf = (hubId: string) => zones.get(hubId) ?? "Europe/London";
  const cycle = chooseCycle(cycles, cycleId, now);
  if (cycleId && !cycle) return null;
  const lines = cycle ? await listFarmOrderLines({ farmIds: farms.map((f) => f.id), cycleId: cycle.id }) : [];
  const adjustable = cycle !== null && effectiveCycleStatus(cycle, now) !== "OPEN";
  const byProduct = new Map<
    string,
    {
      productName: string;
      unit: string;
      chilled: boolean;
      quantityMilli: number;
      totalMinor: number;
      grams: number;
      orders: number;
    }
  >();
  for (const line of lines) {
    const entry = byProduct.get(line.productId) ?? {
      productName: line.productName,
      unit: line.unit,
      chilled: line.chilled,
      quantityMilli: 0,
      totalMinor: 0,
      grams: 0,
      orders: 0,
    };
    entry.quantityMilli += line.quantityMilli;
    entry.totalMinor += line.lineTotalMinor;
    entry.grams += line.grams;
    entry.orders += 1;
    byProduct.set(line.productId, entry);
  }
  return {
    farms: farms.map((f) => ({ id: f.id, name: f.name })),
    currency: farms.find((f) => f.hub)?.hub?.currency ?? DEFAULT_CURRENCY,
    cycles: cycles.map((c) => cycleOption(c, now, zoneOf(c.hubId))),
    cycle: cycle ? cycleOption(cycle, now, zoneOf(cycle.hubId)) : null,
    totals: [...byProduct.values()].sort((a, b) => a.productName.localeCompare(b.productName)),
    lines: lines.map((l) => ({
      id: l.id,
      farmId: l.farmId,
      productName: l.productName,
      unit: l.unit,
      quantityMilli: l.quantityMilli,
      lineTotalMinor: l.lineTotalMinor,
      chilled: l.chilled,
      wholesaleApplied: l.wholesaleApplied,
      orderNumber: l.order.number,
      orderStatus: l.order.status,
      fulfilment: l.order.fulfilment,
      buyerName: l.order.buyer.name,
      grams: l.grams,
      soldByWeight: l.soldByWeight,
      version: l.version,
      allowSubstitutions: l.order.allowSubstitutions,
      /** As ordered, when the line was adjusted after the cut-off. */
      ordered: l.adjustedAt
        ? {
            productName: l.orderedProductName ?? l.productName,
            quantityMilli: l.orderedQuantityMilli ?? l.quantityMilli,
            totalMinor: l.orderedTotalMinor ?? l.lineTotalMinor,
            grams: l.orderedGrams ?? l.grams,
          }
        : null,
      canAdjust: adjustable && l.order.status === "CONFIRMED",
    })),
    /** After the cut-off: what was packed can be recorded (docs/decisions/036). */
    adjustable,
    substitutes: adjustable ? await listFarmSubstitutes({ farmIds: farms.map((f) => f.id) }) : [],
  };
}

export async function getHubOrders({
  coordinatorId,
  cycleId,
  now = new Date(),
}: {
  coordinatorId: string;
  cycleId: string | null;
  now?: Date;
}) {
  const hub = await getCoordinatedHub({ coordinatorId });
  // A cycle id from someone without a hub is someone else's cycle: not found, like any other.
  if (!hub) return cycleId ? null : { hub: null, cycles: [], cycle: null, orders: [] };
  const cycles = await listHubCycles({ hubId: hub.id });
  const cycle = chooseCycle(cycles, cycleId, now);
  if (cycleId && !cycle) return null;
  const orders = cycle ? await listHubOrders({ hubId: hub.id, cycleId: cycle.id }) : [];
  return {
    hub,
    cycles: cycles.map((c) => cycleOption(c, now, hub.timeZone)),
    cycle: cycle ? cycleOption(cycle, now, hub.timeZone) : null,
    orders: orders.map((o) => ({
      id: o.id,
      number: o.number,
      status: o.status,
      paymentMethod: o.paymentMethod,
      paymentStatus: o.paymentStatus,
      fulfilment: o.fulfilment,
      totalMinor: o.totalMinor,
      currency: o.currency,
      totalGrams: o.totalGrams,
      address: o.address,
      buyerName: o.buyer.name,
      buyerKind: o.buyer.buyerKind,
      lineCount: o._count.lines,
      slot: o.slot,
      placedAt: o.placedAt.toISOString(),
    })),
  };
}

export async function getOutbox() {
  const rows = await listEmailMessages({ take: 200 });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null }));
}

/**
 * The farmer's pick list of a cycle as a CSV file: one row per product to pick (quantity, weight,
 * chilled, how many orders) and, below, one row per order line, each with an empty "Picked" cell to
 * tick on paper. Null when the cycle is not one of the farmer's hubs'.
 */
export async function getFarmPickListCsv({
  ownerId,
  cycleId,
  now = new Date(),
}: {
  ownerId: string;
  cycleId: string | null;
  now?: Date;
}): Promise<{ csv: string; filename: string } | null> {
  const data = await getFarmOrders({ ownerId, cycleId, now });
  if (!data?.cycle) return null;
  // Headers and words in the language of the farmer downloading it.
  const t = serverT("messages");
  const yesNo = (flag: boolean) => t(flag ? "pickList.yes" : "pickList.no");
  const rows: CsvCell[][] = [
    [t("pickList.title"), data.cycle.name, data.farms.map((f) => f.name).join(", ")],
    [],
    [
      t("pickList.columns.product"),
      t("pickList.columns.quantity"),
      t("pickList.columns.unit"),
      t("pickList.columns.weightKg"),
      t("pickList.columns.chilled"),
      t("pickList.columns.orders"),
      t("pickList.columns.value"),
      t("pickList.columns.picked"),
    ],
    ...data.totals.map((total) => [
      total.productName,
      milliToInput(total.quantityMilli),
      total.unit.toLowerCase(),
      (total.grams / 1000).toFixed(3),
      yesNo(total.chilled),
      total.orders,
      minorToInput(total.totalMinor),
      "",
    ]),
    [],
    [
      t("pickList.columns.order"),
      t("pickList.columns.buyer"),
      t("pickList.columns.product"),
      t("pickList.columns.quantity"),
      t("pickList.columns.unit"),
      t("pickList.columns.chilled"),
      t("pickList.columns.fulfilment"),
      t("pickList.columns.picked"),
    ],
    ...data.lines.map((l) => [
      `#${l.orderNumber}`,
      l.buyerName,
      l.productName,
      milliToInput(l.quantityMilli),
      l.unit.toLowerCase(),
      yesNo(l.chilled),
      t(l.fulfilment === "DELIVERY" ? "pickList.delivery" : "pickList.pickup"),
      "",
    ]),
  ];
  return { csv: toCsv(rows), filename: `${data.cycle.name}-pick-list.csv` };
}
