// Order lines of a cycle, flattened for the aggregation reports (domain/aggregation).
import type { CycleLine } from "~/domain/aggregation";
import { COUNTED_ORDER_STATUSES as ACTIVE_ORDER_STATUSES } from "~/domain/order-status";
import { prisma } from "~/utils/db.server";

/** The orders a cycle's lists and routes are made of: the orders that count (domain/order-status). */
export { ACTIVE_ORDER_STATUSES };

export async function getCycleLines({
  hubId,
  cycleId,
  farmId,
}: {
  hubId: string;
  cycleId: string;
  farmId?: string;
}): Promise<CycleLine[]> {
  const lines = await prisma.orderLine.findMany({
    where: {
      ...(farmId ? { farmId } : {}),
      order: { cycleId, hubId, status: { in: [...ACTIVE_ORDER_STATUSES] } },
    },
    select: {
      orderId: true,
      farmId: true,
      productId: true,
      productName: true,
      unit: true,
      quantityMilli: true,
      grams: true,
      lineTotalMinor: true,
      chilled: true,
      farm: { select: { name: true } },
      order: { select: { number: true, fulfilment: true, address: true, buyer: { select: { name: true } } } },
    },
  });
  return lines.map((l) => ({
    orderId: l.orderId,
    orderNumber: l.order.number,
    buyerName: l.order.buyer.name,
    fulfilment: l.order.fulfilment,
    address: l.order.address,
    farmId: l.farmId,
    farmName: l.farm.name,
    productId: l.productId,
    productName: l.productName,
    unit: l.unit,
    quantityMilli: l.quantityMilli,
    grams: l.grams,
    lineTotalMinor: l.lineTotalMinor,
    chilled: l.chilled,
  }));
}

/** Each active order of a cycle with what the carbon report needs: grams, buyer kind, allocation. */
export async function listCycleOrderCarbon({ hubId, cycleId }: { hubId: string; cycleId: string }) {
  const orders = await prisma.order.findMany({
    where: { cycleId, hubId, status: { in: [...ACTIVE_ORDER_STATUSES] } },
    orderBy: { number: "asc" },
    select: {
      id: true,
      number: true,
      fulfilment: true,
      allocCo2eGrams: true,
      allocFoodMetres: true,
      carbonDetail: true,
      buyer: { select: { name: true, buyerKind: true } },
      lines: { select: { grams: true, chilled: true } },
    },
  });
  return orders.map((o) => ({
    id: o.id,
    number: o.number,
    buyerName: o.buyer.name,
    buyerKind: o.buyer.buyerKind,
    fulfilment: o.fulfilment,
    allocCo2eGrams: o.allocCo2eGrams,
    allocFoodMetres: o.allocFoodMetres,
    /** The stored carbon detail as is (read it with `parseCarbonDetail`). */
    carbonDetail: o.carbonDetail as unknown,
    lines: o.lines,
  }));
}
