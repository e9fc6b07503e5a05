// Standing orders: "repeat every cycle". When a hub's next cycle is open for ordering, each active
// standing order places an order once (claimed by lastCycleId so two runs never double it); lines
// that are out of stock or no longer sold are skipped and reported to the buyer by email.
import { isClosingSoon, pickOrderingCycle } from "~/domain/cycles";
import { parseQuantity, stockMessage } from "~/domain/basket";
import { deliveryFeeMinor, invoiceDueAt, orderTotals, priceLine } from "~/domain/pricing";
import { roadDistanceMetres } from "~/domain/geo";
import { getAnyHub, getHubForOrdering, listOpenStoredCycles } from "~/models/cycle.server";
import {
  CycleClosedError,
  createOrderReservingStock,
  StockConflictError,
  type NewOrderLine,
} from "~/models/order.server";
import {
  claimStandingOrderCycle,
  createStandingOrder,
  getBuyerStandingOrder,
  getLiveStandingOrderForSource,
  getOrderForRepeat,
  listActiveStandingOrders,
  listBuyerStandingOrders,
  setStandingOrderPausedUntil,
  setStandingOrderStatus,
  updateStandingOrderLines,
  type StandingOrderRow,
} from "~/models/standing-order.server";
import { isUniqueViolation } from "~/models/database.server";
import { getEnv } from "~/utils/env.server";
import { serverT, serverFormat, tFor } from "~/i18n/i18n.server";
import { translateMessage } from "~/i18n/messages";
import { estimateCarbonForLines } from "./checkout.server";
import { notify, notifyOnce } from "./notification.server";

/**
 * "Repeat every cycle": one standing order per buyer and source order. A second click (or two at
 * once) finds the existing one (`existing: true`) instead of making another; so does repeating an
 * order that a standing order placed.
 */
export async function createStandingOrderFromOrder({ buyerId, orderId }: { buyerId: string; orderId: string }) {
  const order = await getOrderForRepeat({ id: orderId, buyerId });
  if (!order) return { ok: false as const, status: 404, message: serverT("messages")("orders.notFound") };
  const existing = await findLiveStandingOrder({ buyerId, order });
  if (existing) return { ok: true as const, id: existing, existing: true };
  try {
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
      sourceOrderId: order.id,
      lines: order.lines,
    });
    return { ok: true as const, id: created.id, existing: false };
  } catch (error) {
    // The partial unique index (buyer, source order) refused a second one made at the same moment.
    if (isUniqueViolation(error)) {
      const winner = await findLiveStandingOrder({ buyerId, order });
      if (winner) return { ok: true as const, id: winner, existing: true };
    }
    throw error;
  }
}

async function findLiveStandingOrder({
  buyerId,
  order,
}: {
  buyerId: string;
  order: { id: string; standingOrderId: string | null };
}) {
  if (order.standingOrderId && (await getBuyerStandingOrder({ id: order.standingOrderId, buyerId })))
    return order.standingOrderId;
  return (await getLiveStandingOrderForSource({ buyerId, sourceOrderId: order.id }))?.id ?? null;
}

export async function changeStandingOrder({
  buyerId,
  id,
  action,
}: {
  buyerId: string;
  id: string;
  action: "pause" | "resume" | "cancel";
}) {
  const status = action === "pause" ? "PAUSED" : action === "resume" ? "ACTIVE" : "CANCELLED";
  const changed = await setStandingOrderStatus({ id, buyerId, status });
  // Resuming also ends a pause until a date.
  if (changed && action === "resume") await setStandingOrderPausedUntil({ id, buyerId, pausedUntil: null });
  return changed;
}

export type StandingEditResult =
  { ok: true } | { ok: false; status: 400 | 404; formErrors: string[]; lineErrors: Record<string, string> };

/**
 * Changes a standing order's quantities (0 removes a line). At least one line must stay: to stop
 * it altogether, cancel it. Quantities follow the product's unit rules, as in the basket.
 */
export async function editStandingOrderLines({
  buyerId,
  id,
  quantities,
}: {
  buyerId: string;
  id: string;
  quantities: Map<string, string>;
}): Promise<StandingEditResult> {
  const standing = await getBuyerStandingOrder({ id, buyerId });
  if (!standing)
    return { ok: false, status: 404, formErrors: [serverT("messages")("standing.notFound")], lineErrors: {} };
  const lineErrors: Record<string, string> = {};
  const lines: Array<{ lineId: string; quantityMilli: number }> = [];
  for (const [lineId, text] of quantities) {
    const line = standing.lines.find((l) => l.id === lineId);
    if (!line)
      return {
        ok: false,
        status: 400,
        formErrors: [serverT("messages")("standing.changedMeanwhile")],
        lineErrors: {},
      };
    if (text.trim() === "0") {
      lines.push({ lineId, quantityMilli: 0 });
      continue;
    }
    const parsed = parseQuantity(text, line.product.unit);
    if (!parsed.ok)
      lineErrors[lineId] = serverT("messages")("standing.lineProblem", {
        product: line.product.name,
        problem: translateMessage(parsed.message),
      });
    else lines.push({ lineId, quantityMilli: parsed.quantityMilli });
  }
  if (Object.keys(lineErrors).length > 0)
    return { ok: false, status: 400, formErrors: [serverT("messages")("standing.checkQuantities")], lineErrors };
  const remaining = standing.lines.filter((l) => !lines.some((c) => c.lineId === l.id && c.quantityMilli === 0));
  if (remaining.length === 0)
    return {
      ok: false,
      status: 400,
      formErrors: [serverT("messages")("standing.atLeastOneLine")],
      lineErrors: {},
    };
  const ok = await updateStandingOrderLines({ id, buyerId, lines });
  return ok
    ? { ok: true }
    : { ok: false, status: 404, formErrors: [serverT("messages")("standing.notFound")], lineErrors: {} };
}

/** Pauses until the start of `until` (a date, UTC) — the repeat job skips it until then; null ends the pause. */
export async function pauseStandingOrderUntil({
  buyerId,
  id,
  until,
}: {
  buyerId: string;
  id: string;
  until: Date | null;
}) {
  return setStandingOrderPausedUntil({ id, buyerId, pausedUntil: until });
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
    pausedUntil: s.pausedUntil ? s.pausedUntil.toISOString() : null,
    sourceOrderId: s.sourceOrderId,
    lines: s.lines.map((l) => ({
      id: l.id,
      productName: l.product.name,
      farmName: l.product.farm.name,
      unit: l.product.unit,
      quantityMilli: l.quantityMilli,
      archived: Boolean(l.product.archivedAt),
    })),
  }));
}

/** Places this cycle's order for one standing order. Returns what happened, for tests and logs. */
export async function placeStandingOrder(standing: StandingOrderRow, now: Date) {
  const hub = await getHubForOrdering({ id: standing.hubId });
  if (!hub) return { placed: false, reason: "no hub" } as const;
  const cycle = pickOrderingCycle(await listOpenStoredCycles({ hubId: hub.id }), now);
  if (!cycle || standing.lastCycleId === cycle.id) return { placed: false, reason: "no new cycle" } as const;
  if (standing.pausedUntil && standing.pausedUntil > now) return { placed: false, reason: "paused" } as const;
  if (!(await claimStandingOrderCycle({ id: standing.id, cycleId: cycle.id, now })))
    return { placed: false, reason: "already claimed" } as const;

  // What the buyer reads (the emails, the skipped lines) is in the buyer's language.
  const t = tFor(standing.buyer.locale, "email");
  const tm = tFor(standing.buyer.locale, "messages");
  const format = serverFormat(standing.buyer.locale);
  const skipped: string[] = [];
  let belowMinimum = false;
  let candidates = standing.lines.filter((l) => {
    const p = l.product;
    if (p.archivedAt || p.farm.status !== "ACTIVE" || p.farm.hubId !== hub.id) {
      skipped.push(t("standingOrder.skipped.noLongerSold", { product: p.name }));
      return false;
    }
    if (p.stockMilli < l.quantityMilli) {
      skipped.push(
        t("standingOrder.skipped.stock", {
          product: p.name,
          stock: translateMessage(stockMessage(p.stockMilli, p.unit), tm),
        }),
      );
      return false;
    }
    return true;
  });
  const point =
    standing.fulfilment === "DELIVERY" && standing.lat !== null && standing.lng !== null
      ? { lat: standing.lat, lng: standing.lng }
      : null;
  const slot = cycle.slots.find((s) => s.startMinute === standing.slotStartMinute) ?? null;
  for (let attempt = 0; attempt < standing.lines.length + 1 && candidates.length > 0; attempt++) {
    const priced = candidates.map((l) => priceLine(l.product, l.quantityMilli, standing.buyer.buyerKind));
    const roadMetres = point
      ? Math.round(roadDistanceMetres({ lat: hub.depotLat, lng: hub.depotLng }, point, getEnv().ROAD_CIRCUITY))
      : null;
    const fee = deliveryFeeMinor(hub, standing.fulfilment, roadMetres);
    const totals = orderTotals(priced, hub, fee);
    if (totals.shortOfMinimumMinor > 0) {
      // The hub's minimum applies to repeats too: nothing is placed and the buyer is told why.
      skipped.push(
        t("standingOrder.skipped.belowMinimum", {
          subtotal: format.money(totals.subtotalMinor, hub.currency),
          hub: hub.name,
          minimum: format.money(hub.orderMinimumMinor, hub.currency),
        }),
      );
      belowMinimum = true;
      break;
    }
    const carbon = await estimateCarbonForLines({
      hubId: hub.id,
      cycleId: cycle.id,
      lines: priced,
      point,
      slot: standing.fulfilment === "DELIVERY" ? slot : null,
      buyerKind: standing.buyer.buyerKind,
      now,
    });
    try {
      const created = await createOrderReservingStock({
        now,
        clearBasketOfUserId: null,
        lines: priced.map((l): NewOrderLine => ({
          productId: l.productId,
          farmId: l.farmId,
          productName: l.productName,
          unit: l.unit,
          quantityMilli: l.quantityMilli,
          unitPriceMinor: l.unitPriceMinor,
          lineTotalMinor: l.lineTotalMinor,
          grams: l.grams,
          chilled: l.chilled,
          wholesaleApplied: l.wholesaleApplied,
          soldByWeight: l.soldByWeight,
        })),
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
          notes: t("standingOrder.orderNote"),
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
        subject: t("standingOrder.placed.subject", { number: created.number }),
        text: [
          t("greeting", { name: standing.buyer.name }),
          "",
          t("standingOrder.placed.body", {
            number: created.number,
            cycle: cycle.name,
            total: format.money(totals.totalMinor, hub.currency),
          }),
          skipped.length
            ? `\n${t("standingOrder.placed.skippedTitle")}\n${skipped.map((s) => `- ${s}`).join("\n")}`
            : "",
          `\n${t("standingOrder.placed.changeBefore", { cutoff: format.dateTime(cycle.cutoffAt, hub.timeZone) })}`,
        ].join("\n"),
      });
      return { placed: true, orderId: created.id, skipped } as const;
    } catch (error) {
      if (error instanceof StockConflictError) {
        skipped.push(
          t("standingOrder.skipped.stock", {
            product: error.productName,
            stock: translateMessage(stockMessage(error.availableMilli, error.unit), tm),
          }),
        );
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
    subject: t("standingOrder.nothing.subject", { cycle: cycle.name }),
    text: [
      t("greeting", { name: standing.buyer.name }),
      "",
      t("standingOrder.nothing.body", { cycle: cycle.name }),
      ...skipped.map((s) => `- ${s}`),
    ].join("\n"),
  });
  return { placed: false, reason: belowMinimum ? "below minimum" : "nothing available", skipped } as const;
}

/** One pass over every active standing order: place new cycles' orders, send closing-soon reminders. */
export async function runStandingOrders(now = new Date()) {
  const results = [];
  for (const standing of await listActiveStandingOrders({ now })) {
    results.push(await placeStandingOrder(standing, now));
    const cycle = pickOrderingCycle(await listOpenStoredCycles({ hubId: standing.hubId }), now);
    if (cycle && isClosingSoon(cycle, now)) {
      const t = tFor(standing.buyer.locale, "email");
      // The cut-off as the hub's clock shows it (a Paris hub's 18:00 is not London's).
      const timeZone = (await getAnyHub({ id: standing.hubId }))?.timeZone;
      await notifyOnce({
        to: standing.buyer.email,
        kind: `cycle-closing-soon:${cycle.id}`,
        subject: t("closingSoon.subject", { cycle: cycle.name }),
        text: [
          t("greeting", { name: standing.buyer.name }),
          "",
          t("closingSoon.body", {
            cycle: cycle.name,
            cutoff: serverFormat(standing.buyer.locale).dateTime(cycle.cutoffAt, timeZone),
          }),
        ].join("\n"),
      });
    }
  }
  return results;
}
