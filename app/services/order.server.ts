// Orders after checkout: the buyer's views, cancelling before the cut-off, and releasing unpaid
// card orders. Expiry has no cron: it runs lazily on the reads and writes that care about stock
// (basket, checkout, order pages) and from a timer this module starts on first use
// (docs/decisions/008-ordering-payments.md).
import { effectiveCycleStatus } from "~/domain/cycles";
import { groupByFarm } from "~/domain/pricing";
import { expireCheckoutSession, isStripeConfigured, refundPayment } from "~/integrations/stripe.server";
import { getBuyerOrder, listBuyerOrders, listStaleCardOrders, releaseOrder, setOrderPaymentStatus, type OrderDetail } from "~/models/order.server";
import { getEnv } from "~/utils/env.server";
import { notifyOrderCancelled, notifyPaymentFailed } from "./notification.server";

const TIMER_MS = 60_000;
let timer: ReturnType<typeof setInterval> | undefined;
const periodicTasks: Array<(now: Date) => Promise<unknown>> = [];
let running = false;

/** Other services add work to the same timer (standing orders, reminders). */
export function registerPeriodicTask(task: (now: Date) => Promise<unknown>) {
  periodicTasks.push(task);
}

export async function runPeriodicTasks(now = new Date()) {
  if (running) return;
  running = true;
  try {
    await expireStaleOrders(now);
    for (const task of periodicTasks) await task(now);
  } catch (error) {
    console.error("[ordering] periodic task failed:", error);
  } finally {
    running = false;
  }
}

/** Starts the background timer once per process (not under tests, which call the services directly). */
export function ensureExpiryTimer() {
  if (timer || getEnv().NODE_ENV === "test") return;
  timer = setInterval(() => void runPeriodicTasks(), TIMER_MS);
  timer.unref?.();
}

/**
 * Cancels card orders whose payment window has passed and puts their stock back. Safe to run
 * from several places at once: only one caller wins each order's status change. Returns how many
 * orders were released.
 */
export async function expireStaleOrders(now: Date): Promise<number> {
  const stale = await listStaleCardOrders({ now });
  let released = 0;
  for (const order of stale) {
    const ok = await releaseOrder({
      id: order.id,
      from: ["PENDING_PAYMENT"],
      to: "CANCELLED",
      data: { failureReason: "The card payment was not completed in time.", cancelledAt: now },
    });
    if (!ok) continue;
    released++;
    if (order.stripeCheckoutSessionId && isStripeConfigured()) {
      // Best effort: the session may already be expired or paid (then the webhook refunds).
      await expireCheckoutSession(order.stripeCheckoutSessionId).catch(() => undefined);
    }
    const full = await getBuyerOrderById(order.id);
    if (full) await notifyPaymentFailed({ ...full, buyer: order.buyer }, "the payment window closed");
  }
  return released;
}

async function getBuyerOrderById(id: string) {
  const { getOrderForPayment } = await import("~/models/order.server");
  return getOrderForPayment({ id });
}

export type CancelResult = { ok: true; refunded: boolean } | { ok: false; status: number; message: string };

/** A buyer cancels their own order before the cut-off: stock goes back, a card payment is refunded. */
export async function cancelOrderForBuyer({ buyerId, orderId, now = new Date() }: { buyerId: string; orderId: string; now?: Date }): Promise<CancelResult> {
  const order = await getBuyerOrder({ id: orderId, buyerId });
  if (!order) return { ok: false, status: 404, message: "Order not found." };
  if (order.status === "CANCELLED") return { ok: false, status: 409, message: "This order is already cancelled." };
  if (order.status !== "CONFIRMED" && order.status !== "PENDING_PAYMENT") {
    return { ok: false, status: 409, message: "This order is on its way and can no longer be cancelled." };
  }
  if (effectiveCycleStatus(order.cycle, now) !== "OPEN") {
    return { ok: false, status: 409, message: "The cut-off for this delivery cycle has passed, so the order can no longer be changed. Contact the hub." };
  }
  const released = await releaseOrder({ id: order.id, from: ["CONFIRMED", "PENDING_PAYMENT"], to: "CANCELLED", data: { cancelledAt: now } });
  if (!released) return { ok: false, status: 409, message: "This order changed while you were looking at it. Reload the page." };
  let refunded = false;
  if (order.paymentStatus === "PAID" && order.stripePaymentIntentId) {
    try {
      await refundPayment({ paymentIntentId: order.stripePaymentIntentId, orderId: order.id });
      await setOrderPaymentStatus({ id: order.id, paymentStatus: "REFUNDED" });
      refunded = true;
    } catch (error) {
      console.error(`[ordering] refund for order ${order.number} failed:`, error);
    }
  } else if (order.status === "PENDING_PAYMENT" && order.stripeCheckoutSessionId && isStripeConfigured()) {
    await expireCheckoutSession(order.stripeCheckoutSessionId).catch(() => undefined);
  }
  await notifyOrderCancelled({ ...order, buyer: order.buyer }, refunded);
  return { ok: true, refunded };
}

export interface OrderView {
  id: string;
  number: number;
  status: string;
  paymentMethod: string;
  paymentStatus: string;
  fulfilment: string;
  currency: string;
  placedAt: string;
  paidAt: string | null;
  cancelledAt: string | null;
  expiresAt: string | null;
  address: string | null;
  contactPhone: string | null;
  notes: string;
  invoiceTermsDays: number | null;
  invoiceDueAt: string | null;
  subtotalMinor: number;
  deliveryFeeMinor: number;
  totalMinor: number;
  totalGrams: number;
  estFoodMetres: number | null;
  estCo2eGrams: number | null;
  allocFoodMetres: number | null;
  allocCo2eGrams: number | null;
  carbonMethodVersion: string | null;
  carbonFactorSet: string | null;
  /** Order.carbonDetail as stored; read by `<OrderCarbon>` (readCarbonDetail). */
  carbonDetail: unknown;
  failureReason: string | null;
  slot: { startMinute: number; endMinute: number } | null;
  cycle: { id: string; name: string; cutoffAt: string; deliveryDate: string; effectiveStatus: string };
  hub: { name: string; depotAddress: string; timeZone: string };
  buyer: { name: string; email: string; address: string | null; phone: string | null };
  groups: Array<{ farmId: string; farmName: string; farmSlug: string; subtotalMinor: number; lines: Array<{ id: string; productName: string; unit: string; quantityMilli: number; unitPriceMinor: number; lineTotalMinor: number; grams: number; wholesaleApplied: boolean }> }>;
  canCancel: boolean;
  canRepeat: boolean;
}

export function toOrderView(order: OrderDetail, now: Date): OrderView {
  const cycleStatus = effectiveCycleStatus(order.cycle, now);
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    paymentMethod: order.paymentMethod,
    paymentStatus: order.paymentStatus,
    fulfilment: order.fulfilment,
    currency: order.currency,
    placedAt: order.placedAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
    cancelledAt: order.cancelledAt?.toISOString() ?? null,
    expiresAt: order.expiresAt?.toISOString() ?? null,
    address: order.address,
    contactPhone: order.contactPhone,
    notes: order.notes,
    invoiceTermsDays: order.invoiceTermsDays,
    invoiceDueAt: order.invoiceDueAt?.toISOString() ?? null,
    subtotalMinor: order.subtotalMinor,
    deliveryFeeMinor: order.deliveryFeeMinor,
    totalMinor: order.totalMinor,
    totalGrams: order.totalGrams,
    estFoodMetres: order.estFoodMetres,
    estCo2eGrams: order.estCo2eGrams,
    allocFoodMetres: order.allocFoodMetres,
    allocCo2eGrams: order.allocCo2eGrams,
    carbonMethodVersion: order.carbonMethodVersion,
    carbonFactorSet: order.carbonFactorSet,
    carbonDetail: order.carbonDetail,
    failureReason: order.failureReason,
    slot: order.slot,
    cycle: { id: order.cycle.id, name: order.cycle.name, cutoffAt: order.cycle.cutoffAt.toISOString(), deliveryDate: order.cycle.deliveryDate.toISOString(), effectiveStatus: cycleStatus },
    hub: order.hub,
    buyer: { name: order.buyer.name, email: order.buyer.email, address: order.buyer.address, phone: order.buyer.phone },
    groups: groupByFarm(order.lines).map((g) => ({
      farmId: g.farmId,
      farmName: g.lines[0]!.farm.name,
      farmSlug: g.lines[0]!.farm.slug,
      subtotalMinor: g.lines.reduce((s, l) => s + l.lineTotalMinor, 0),
      lines: g.lines.map((l) => ({
        id: l.id,
        productName: l.productName,
        unit: l.unit,
        quantityMilli: l.quantityMilli,
        unitPriceMinor: l.unitPriceMinor,
        lineTotalMinor: l.lineTotalMinor,
        grams: l.grams,
        wholesaleApplied: l.wholesaleApplied,
      })),
    })),
    canCancel: (order.status === "CONFIRMED" || order.status === "PENDING_PAYMENT") && cycleStatus === "OPEN",
    canRepeat: order.status !== "CANCELLED" && !order.standingOrderId,
  };
}

export async function getOrderForBuyer({ buyerId, orderId, now = new Date() }: { buyerId: string; orderId: string; now?: Date }) {
  ensureExpiryTimer();
  let order = await getBuyerOrder({ id: orderId, buyerId });
  if (order?.status === "PENDING_PAYMENT" && order.expiresAt && order.expiresAt <= now) {
    await expireStaleOrders(now);
    order = await getBuyerOrder({ id: orderId, buyerId });
  }
  return order ? toOrderView(order, now) : null;
}

export async function getOrderHistory({ buyerId }: { buyerId: string }) {
  const orders = await listBuyerOrders({ buyerId });
  return orders.map((o) => ({
    id: o.id,
    number: o.number,
    status: o.status,
    paymentMethod: o.paymentMethod,
    paymentStatus: o.paymentStatus,
    fulfilment: o.fulfilment,
    totalMinor: o.totalMinor,
    currency: o.currency,
    placedAt: o.placedAt.toISOString(),
    cycleName: o.cycle.name,
    deliveryDate: o.cycle.deliveryDate.toISOString(),
    lineCount: o._count.lines,
    co2eGrams: o.allocCo2eGrams ?? o.estCo2eGrams,
    co2eIsAllocated: o.allocCo2eGrams !== null,
  }));
}
