// Standing orders: "repeat every cycle". When a hub's next cycle is open for ordering, each active
// standing order places an order once (claimed by lastCycleId so two runs never double it); lines
// that are out of stock or no longer sold are skipped and reported to the buyer by email.
import { isClosingSoon, pickOrderingCycle } from "~/domain/cycles";
import { stockMessage } from "~/domain/basket";
import { deliveryFeeMinor, invoiceDueAt, orderTotals, priceLine } from "~/domain/pricing";
import { roadDistanceMetres } from "~/domain/geo";
import { getHubForOrdering, listOpenStoredCycles } from "~/models/cycle.server";
import { CycleClosedError, createOrderReservingStock, StockConflictError, type NewOrderLine } from "~/models/order.server";
import {
  claimStandingOrderCycle,
  createStandingOrder,
  getOrderForRepeat,
  listActiveStandingOrders,
  listBuyerStandingOrders,
  setStandingOrderStatus,
  type StandingOrderRow,
} from "~/models/standing-order.server";
import { getEnv } from "~/utils/env.server";
import { formatDateTime, formatMoney } from "~/utils/format";
import { estimateCarbonForLines } from "./checkout.server";
import { notify, notifyOnce } from "./notification.server";

export async function createStandingOrderFromOrder({ buyerId, orderId }: { buyerId: string; orderId: string }) {
  const order = await getOrderForRepeat({ id: orderId, buyerId });
  if (!order) return { ok: false as const, status: 404, message: "Order not found." };
  const created = await createStandingOrder({
    buyerId,
    hubId: order.hubId,
    fulfilment: order.fulfilment,
    // A card cannot be charged each cycle without the buyer: repeats are paid on delivery (or invoiced).
    paymentMethod: order.paymentMethod === "CARD" ? "ON_DELIVERY" : order.paymentMethod,
    address: order.address,
    lat: order.lat,
    lng: order.lng,
    slotStartMinute: order.slot?.startMinute ?? null,
    lastCycleId: order.cycleId,
    lines: order.lines,
  });
  return { ok: true as const, id: created.id };
}

export async function changeStandingOrder({ buyerId, id, action }: { buyerId: string; id: string; action: "pause" | "resume" | "cancel" }) {
  const status = action === "pause" ? "PAUSED" : action === "resume" ? "ACTIVE" : "CANCELLED";
  return setStandingOrderStatus({ id, buyerId, status });
}

export async function getStandingOrdersForBuyer({ buyerId }: { buyerId: string }) {
  const rows = await listBuyerStandingOrders({ buyerId });
  return rows.map((s) => ({
    id: s.id,
    status: s.status,
    fulfilment: s.fulfilment,
    paymentMethod: s.paymentMethod,
    address: s.address,
    createdAt: s.createdAt.toISOString(),
    lines: s.lines.map((l) => ({ id: l.id, productName: l.product.name, farmName: l.product.farm.name, unit: l.product.unit, quantityMilli: l.quantityMilli, archived: Boolean(l.product.archivedAt) })),
  }));
}

/** Places this cycle's order for one standing order. Returns what happened, for tests and logs. */
export async function placeStandingOrder(standing: StandingOrderRow, now: Date) {
  const hub = await getHubForOrdering({ id: standing.hubId });
  if (!hub) return { placed: false, reason: "no hub" } as const;
  const cycle = pickOrderingCycle(await listOpenStoredCycles({ hubId: hub.id }), now);
  if (!cycle || standing.lastCycleId === cycle.id) return { placed: false, reason: "no new cycle" } as const;
  if (!(await claimStandingOrderCycle({ id: standing.id, cycleId: cycle.id }))) return { placed: false, reason: "already claimed" } as const;

  const skipped: string[] = [];
  let belowMinimum = false;
  let candidates = standing.lines.filter((l) => {
    const p = l.product;
    if (p.archivedAt || p.farm.status !== "ACTIVE" || p.farm.hubId !== hub.id) {
      skipped.push(`${p.name}: no longer sold`);
      return false;
    }
    if (p.stockMilli < l.quantityMilli) {
      skipped.push(`${p.name}: ${stockMessage(p.stockMilli, p.unit)}`);
      return false;
    }
    return true;
  });
  const point = standing.fulfilment === "DELIVERY" && standing.lat !== null && standing.lng !== null ? { lat: standing.lat, lng: standing.lng } : null;
  const slot = cycle.slots.find((s) => s.startMinute === standing.slotStartMinute) ?? null;
  for (let attempt = 0; attempt < standing.lines.length + 1 && candidates.length > 0; attempt++) {
    const priced = candidates.map((l) => priceLine(l.product, l.quantityMilli, standing.buyer.buyerKind));
    const roadMetres = point ? Math.round(roadDistanceMetres({ lat: hub.depotLat, lng: hub.depotLng }, point, getEnv().ROAD_CIRCUITY)) : null;
    const fee = deliveryFeeMinor(hub, standing.fulfilment, roadMetres);
    const totals = orderTotals(priced, hub, fee);
    if (totals.shortOfMinimumMinor > 0) {
      // The hub's minimum applies to repeats too: nothing is placed and the buyer is told why.
      skipped.push(
        `The order came to ${formatMoney(totals.subtotalMinor, hub.currency)}, below ${hub.name}'s minimum of ${formatMoney(hub.orderMinimumMinor, hub.currency)}, so nothing was ordered`,
      );
      belowMinimum = true;
      break;
    }
    const carbon = await estimateCarbonForLines({ hubId: hub.id, lines: priced, point, buyerKind: standing.buyer.buyerKind, now });
    try {
      const created = await createOrderReservingStock({
        now,
        clearBasketOfUserId: null,
        lines: priced.map(
          (l): NewOrderLine => ({ productId: l.productId, farmId: l.farmId, productName: l.productName, unit: l.unit, quantityMilli: l.quantityMilli, unitPriceMinor: l.unitPriceMinor, lineTotalMinor: l.lineTotalMinor, grams: l.grams, chilled: l.chilled, wholesaleApplied: l.wholesaleApplied }),
        ),
        order: {
          buyerId: standing.buyerId,
          hubId: hub.id,
          cycleId: cycle.id,
          slotId: slot?.id ?? null,
          standingOrderId: standing.id,
          fulfilment: standing.fulfilment,
          status: "CONFIRMED",
          paymentMethod: standing.paymentMethod,
          invoiceTermsDays: standing.paymentMethod === "INVOICE" ? 30 : null,
          invoiceDueAt: standing.paymentMethod === "INVOICE" ? invoiceDueAt(now, 30) : null,
          address: standing.address,
          lat: point?.lat ?? null,
          lng: point?.lng ?? null,
          contactPhone: null,
          notes: "Placed by your standing order.",
          currency: hub.currency,
          subtotalMinor: totals.subtotalMinor,
          deliveryFeeMinor: totals.deliveryFeeMinor,
          totalMinor: totals.totalMinor,
          totalGrams: totals.totalGrams,
          expiresAt: null,
          ...carbon.fields,
          placedAt: now,
        },
      });
      await notify({
        to: standing.buyer.email,
        kind: "standing-order-placed",
        subject: `Your standing order placed order #${created.number}`,
        text: [
          `Hello ${standing.buyer.name},`,
          "",
          `Your standing order placed order #${created.number} for ${cycle.name} (${formatMoney(totals.totalMinor, hub.currency)}).`,
          skipped.length ? `\nSkipped this time:\n${skipped.map((s) => `- ${s}`).join("\n")}` : "",
          `\nChange or cancel it before the cut-off (${formatDateTime(cycle.cutoffAt, hub.timeZone)}).`,
        ].join("\n"),
      });
      return { placed: true, orderId: created.id, skipped } as const;
    } catch (error) {
      if (error instanceof StockConflictError) {
        skipped.push(`${error.productName}: ${stockMessage(error.availableMilli, error.unit)}`);
        candidates = candidates.filter((l) => l.productId !== error.productId);
        continue;
      }
      if (error instanceof CycleClosedError) return { placed: false, reason: "cycle closed" } as const;
      throw error;
    }
  }
  await notify({
    to: standing.buyer.email,
    kind: "standing-order-skipped",
    subject: `Nothing could be ordered for ${cycle.name}`,
    text: `Hello ${standing.buyer.name},\n\nYour standing order could not place an order for ${cycle.name}:\n${skipped.map((s) => `- ${s}`).join("\n")}`,
  });
  return { placed: false, reason: belowMinimum ? "below minimum" : "nothing available", skipped } as const;
}

/** One pass over every active standing order: place new cycles' orders, send closing-soon reminders. */
export async function runStandingOrders(now = new Date()) {
  const results = [];
  for (const standing of await listActiveStandingOrders()) {
    results.push(await placeStandingOrder(standing, now));
    const cycle = pickOrderingCycle(await listOpenStoredCycles({ hubId: standing.hubId }), now);
    if (cycle && isClosingSoon(cycle, now)) {
      await notifyOnce({
        to: standing.buyer.email,
        kind: `cycle-closing-soon:${cycle.id}`,
        subject: `${cycle.name} closes soon`,
        text: `Hello ${standing.buyer.name},\n\nOrdering for ${cycle.name} closes ${formatDateTime(cycle.cutoffAt)}. Your standing order is in; change it or add to it before then.`,
      });
    }
  }
  return results;
}
