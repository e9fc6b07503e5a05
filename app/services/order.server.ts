// Orders after checkout: the buyer's views, cancelling before the cut-off, and releasing unpaid
// card orders. Expiry runs lazily on the reads and writes that care about stock (basket, checkout,
// order pages) and from the scheduler (app/jobs/scheduler.server.ts) every minute
// (docs/decisions/008-ordering-payments.md).
import { effectiveCycleStatus } from "~/domain/cycles";
import { planOrderChange } from "~/domain/order-change";
import { groupByFarm } from "~/domain/pricing";
import { stockMessage } from "~/domain/basket";
import { expireCheckoutSession, isStripeConfigured, refundPayment } from "~/integrations/stripe.server";
import { getOrderableProducts } from "~/models/basket.server";
import { defaultDb } from "~/models/database.server";
import { listOrderMoneyHistory } from "~/models/order-adjustment.server";
import { getHubForOrdering } from "~/models/cycle.server";
import {
  changeOrderLines,
  CycleClosedError,
  getBuyerOrder,
  listBuyerOrders,
  listStaleCardOrders,
  OrderChangedError,
  releaseOrder,
  setOrderPaymentStatus,
  StockConflictError,
  type OrderDetail,
} from "~/models/order.server";
import { serverFormat, serverT } from "~/i18n/i18n.server";
import { translateMessage } from "~/i18n/messages";
import { estimateOrderForCheckout } from "./carbon-estimate.server";
import { noteNumberText, notifyOrderCancelled, notifyOrderChanged, notifyPaymentFailed } from "./notification.server";

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
    if (full) await notifyPaymentFailed({ ...full, buyer: order.buyer }, "windowClosed");
  }
  return released;
}

async function getBuyerOrderById(id: string) {
  const { getOrderForPayment } = await import("~/models/order.server");
  return getOrderForPayment({ id });
}

export type CancelResult = { ok: true; refunded: boolean } | { ok: false; status: number; message: string };

/** A buyer cancels their own order before the cut-off: stock goes back, a card payment is refunded. */
export async function cancelOrderForBuyer({
  buyerId,
  orderId,
  now = new Date(),
}: {
  buyerId: string;
  orderId: string;
  now?: Date;
}): Promise<CancelResult> {
  const order = await getBuyerOrder({ id: orderId, buyerId });
  if (!order) return { ok: false, status: 404, message: serverT("messages")("orders.notFound") };
  if (order.status === "CANCELLED")
    return { ok: false, status: 409, message: serverT("messages")("orders.alreadyCancelled") };
  if (order.status !== "CONFIRMED" && order.status !== "PENDING_PAYMENT") {
    return { ok: false, status: 409, message: serverT("messages")("orders.onItsWayNoCancel") };
  }
  if (effectiveCycleStatus(order.cycle, now) !== "OPEN") {
    return {
      ok: false,
      status: 409,
      message: serverT("messages")("orders.cutoffPassed"),
    };
  }
  const released = await releaseOrder({
    id: order.id,
    from: ["CONFIRMED", "PENDING_PAYMENT"],
    to: "CANCELLED",
    data: { cancelledAt: now },
  });
  if (!released) return { ok: false, status: 409, message: serverT("messages")("orders.changedWhileLooking") };
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

export type ChangeOrderResult =
  | { ok: true; changed: boolean; totalMinor: number; previousTotalMinor: number; currency: string }
  | { ok: false; status: number; formErrors: string[]; lineErrors: Record<string, string> };

const refuse = (status: number, message: string, lineErrors: Record<string, string> = {}): ChangeOrderResult => ({
  ok: false,
  status,
  formErrors: message ? [message] : [],
  lineErrors,
});

/** Why an order cannot be changed now, or null when it can (the page and the action agree). */
function changeRefusal(
  order: Pick<OrderDetail, "status" | "paymentMethod" | "cycle">,
  now: Date,
): { status: number; message: string } | null {
  if (order.status === "CANCELLED") return { status: 409, message: serverT("messages")("orders.cancelled") };
  if (order.status === "PENDING_PAYMENT")
    return {
      status: 409,
      message: serverT("messages")("orders.awaitingCardPayment"),
    };
  if (order.status !== "CONFIRMED") return { status: 409, message: serverT("messages")("orders.onItsWayNoChange") };
  if (effectiveCycleStatus(order.cycle, now) !== "OPEN") {
    return {
      status: 409,
      message: serverT("messages")("orders.cutoffPassed"),
    };
  }
  if (order.paymentMethod === "CARD") {
    return {
      status: 409,
      message: serverT("messages")("orders.cardCannotChange"),
    };
  }
  return null;
}

/**
 * A buyer changes quantities of their own CONFIRMED order (pay on delivery or invoice) before the
 * cut-off; 0 removes a line. Changed lines are priced as now, stock is taken or given back, and
 * totals and the carbon estimate are recomputed, all in one transaction (models/order
 * changeOrderLines). The hub's minimum order still applies. Another buyer's order: 404.
 */
export async function changeOrderForBuyer({
  buyerId,
  orderId,
  quantities,
  now = new Date(),
}: {
  buyerId: string;
  orderId: string;
  quantities: ReadonlyMap<string, string>;
  now?: Date;
}): Promise<ChangeOrderResult> {
  const order = await getBuyerOrder({ id: orderId, buyerId });
  if (!order) return refuse(404, serverT("messages")("orders.notFound"));
  const refusal = changeRefusal(order, now);
  if (refusal) return refuse(refusal.status, refusal.message);
  const stillSold = (await getOrderableProducts({ ids: [...new Set(order.lines.map((l) => l.productId))] })).filter(
    (p) =>
      !p.archivedAt &&
      p.farm.status === "ACTIVE" &&
      (!p.availableFrom || p.availableFrom <= now) &&
      (!p.availableTo || p.availableTo.getTime() + 86_400_000 > now.getTime()),
  );
  const plan = planOrderChange({
    lines: order.lines,
    quantities,
    products: new Map(stillSold.map((p) => [p.id, p])),
    buyerKind: order.buyer.buyerKind,
  });
  if (!plan.ok)
    return {
      ok: false,
      status: 400,
      formErrors: plan.formErrors.map((m) => translateMessage(m)),
      lineErrors: Object.fromEntries(Object.entries(plan.lineErrors).map(([id, m]) => [id, translateMessage(m)])),
    };
  if (!plan.changed)
    return {
      ok: true,
      changed: false,
      totalMinor: order.totalMinor,
      previousTotalMinor: order.totalMinor,
      currency: order.currency,
    };

  const hub = await getHubForOrdering({ id: order.hubId });
  if (!hub) return refuse(409, serverT("messages")("orders.hubGone"));
  const subtotalMinor = plan.remaining.reduce((sum, line) => sum + line.lineTotalMinor, 0);
  if (subtotalMinor < hub.orderMinimumMinor) {
    return refuse(
      400,
      serverT("messages")("orders.belowMinimum", {
        hub: hub.name,
        minimum: serverFormat().money(hub.orderMinimumMinor, hub.currency),
        subtotal: serverFormat().money(subtotalMinor, hub.currency),
      }),
    );
  }
  const point =
    order.fulfilment === "DELIVERY" && order.lat !== null && order.lng !== null
      ? { lat: order.lat, lng: order.lng }
      : null;
  const carbon = await estimateOrderForCheckout({
    hubId: hub.id,
    cycleId: order.cycleId,
    orderId: order.id,
    lines: plan.remaining,
    delivery: point,
    // The slot the buyer chose: the changed order rides the same rounds.
    slot: point ? order.slot : null,
    buyerKind: order.buyer.buyerKind,
    now,
  });
  const totalMinor = subtotalMinor + order.deliveryFeeMinor;
  try {
    await changeOrderLines({
      orderId: order.id,
      buyerId,
      now,
      changes: plan.changes.flatMap((change) =>
        change.kind === "keep"
          ? []
          : [
              {
                lineId: change.line.id,
                productId: change.line.productId,
                farmId: change.line.farmId,
                fromQuantityMilli: change.line.quantityMilli,
                deltaMilli: change.deltaMilli,
                next:
                  change.kind === "remove"
                    ? null
                    : {
                        quantityMilli: change.priced.quantityMilli,
                        unitPriceMinor: change.priced.unitPriceMinor,
                        lineTotalMinor: change.priced.lineTotalMinor,
                        grams: change.priced.grams,
                        wholesaleApplied: change.priced.wholesaleApplied,
                      },
              },
            ],
      ),
      order: {
        subtotalMinor,
        totalMinor,
        totalGrams: plan.remaining.reduce((sum, line) => sum + line.grams, 0),
        ...carbon.fields,
      },
    });
  } catch (error) {
    if (error instanceof StockConflictError) {
      const line = order.lines.find((l) => l.productId === error.productId);
      const message = serverT("messages")("orders.stockBeyondOrder", {
        stock: translateMessage(stockMessage(error.availableMilli, error.unit, error.productName)),
      });
      return refuse(409, "", line ? { [line.id]: message } : {});
    }
    if (error instanceof CycleClosedError) return refuse(409, serverT("messages")("orders.cutoffJustPassed"));
    if (error instanceof OrderChangedError) return refuse(409, serverT("messages")("orders.changedWhileEditing"));
    throw error;
  }
  await notifyOrderChanged({ ...order, totalMinor, buyer: order.buyer }, order.totalMinor);
  return { ok: true, changed: true, totalMinor, previousTotalMinor: order.totalMinor, currency: order.currency };
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
  groups: Array<{
    farmId: string;
    farmName: string;
    farmSlug: string;
    subtotalMinor: number;
    lines: Array<{
      id: string;
      productId: string;
      productName: string;
      unit: string;
      quantityMilli: number;
      unitPriceMinor: number;
      lineTotalMinor: number;
      grams: number;
      wholesaleApplied: boolean;
      soldByWeight: boolean;
      /** As ordered, once the line was adjusted after the cut-off (docs/decisions/036). */
      ordered: { productName: string; quantityMilli: number; totalMinor: number; grams: number } | null;
    }>;
  }>;
  /** What changed after the cut-off, each with its note and refund. */
  adjustments: OrderAdjustmentView[];
  /** The total as invoiced before any adjustment (null while nothing was adjusted). */
  issuedTotalMinor: number | null;
  /** Card orders: refunded so far, as recorded (adjustments and the Stripe dashboard). */
  refundedMinor: number;
  canCancel: boolean;
  canRepeat: boolean;
  /** Quantities can be changed now; otherwise `changeNote` may say why (null when not worth saying). */
  canChange: boolean;
  changeNote: string | null;
}

export interface OrderAdjustmentView {
  id: string;
  kind: string;
  unit: string;
  createdAt: string;
  fromProductName: string;
  toProductName: string;
  fromQuantityMilli: number;
  toQuantityMilli: number;
  toGrams: number;
  fromTotalMinor: number;
  toTotalMinor: number;
  orderTotalAfterMinor: number;
  note: string;
  /** CN-0001 / DN-0002 and its signed amount. */
  document: { number: string; kind: "CREDIT_NOTE" | "DEBIT_NOTE"; amountMinor: number } | null;
  refund: { amountMinor: number; made: boolean } | null;
  absorbedMinor: number;
}

type MoneyHistory = Awaited<ReturnType<typeof listOrderMoneyHistory>>;

function adjustmentViews([adjustments, ledger]: MoneyHistory): OrderAdjustmentView[] {
  return adjustments.map((a) => {
    const entries = ledger.filter((e) => e.adjustmentId === a.id);
    const note = entries.find((e) => e.kind === "CREDIT_NOTE" || e.kind === "DEBIT_NOTE");
    return {
      id: a.id,
      kind: a.kind,
      unit: a.line.unit,
      createdAt: a.createdAt.toISOString(),
      fromProductName: a.fromProductName,
      toProductName: a.toProductName,
      fromQuantityMilli: a.fromQuantityMilli,
      toQuantityMilli: a.toQuantityMilli,
      toGrams: a.toGrams,
      fromTotalMinor: a.fromTotalMinor,
      toTotalMinor: a.toTotalMinor,
      orderTotalAfterMinor: a.orderTotalAfterMinor,
      note: a.note,
      document:
        note && note.noteNumber !== null
          ? {
              number: noteNumberText(note.kind as "CREDIT_NOTE" | "DEBIT_NOTE", note.noteNumber),
              kind: note.kind as "CREDIT_NOTE" | "DEBIT_NOTE",
              amountMinor: note.amountMinor,
            }
          : null,
      refund: a.refundMinor > 0 ? { amountMinor: a.refundMinor, made: a.refundedAt !== null } : null,
      absorbedMinor: entries.filter((e) => e.kind === "ABSORBED").reduce((s, e) => s + e.amountMinor, 0),
    };
  });
}

export function toOrderView(order: OrderDetail, now: Date, history: MoneyHistory = [[], []]): OrderView {
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
    failureReason: order.failureReason && storedReasonText(order.failureReason),
    slot: order.slot,
    cycle: {
      id: order.cycle.id,
      name: order.cycle.name,
      cutoffAt: order.cycle.cutoffAt.toISOString(),
      deliveryDate: order.cycle.deliveryDate.toISOString(),
      effectiveStatus: cycleStatus,
    },
    hub: order.hub,
    buyer: { name: order.buyer.name, email: order.buyer.email, address: order.buyer.address, phone: order.buyer.phone },
    groups: groupByFarm(order.lines).map((g) => ({
      farmId: g.farmId,
      farmName: g.lines[0]!.farm.name,
      farmSlug: g.lines[0]!.farm.slug,
      subtotalMinor: g.lines.reduce((s, l) => s + l.lineTotalMinor, 0),
      lines: g.lines.map((l) => ({
        id: l.id,
        productId: l.productId,
        productName: l.productName,
        unit: l.unit,
        quantityMilli: l.quantityMilli,
        unitPriceMinor: l.unitPriceMinor,
        lineTotalMinor: l.lineTotalMinor,
        grams: l.grams,
        wholesaleApplied: l.wholesaleApplied,
        soldByWeight: l.soldByWeight,
        ordered: l.adjustedAt
          ? {
              productName: l.orderedProductName ?? l.productName,
              quantityMilli: l.orderedQuantityMilli ?? l.quantityMilli,
              totalMinor: l.orderedTotalMinor ?? l.lineTotalMinor,
              grams: l.orderedGrams ?? l.grams,
            }
          : null,
      })),
    })),
    adjustments: adjustmentViews(history),
    issuedTotalMinor: history[1].find((e) => e.kind === "INVOICE")?.amountMinor ?? null,
    refundedMinor: -history[1].filter((e) => e.kind === "REFUND").reduce((s, e) => s + e.amountMinor, 0),
    canCancel: (order.status === "CONFIRMED" || order.status === "PENDING_PAYMENT") && cycleStatus === "OPEN",
    canChange: changeRefusal(order, now) === null,
    // Only the card rule is worth explaining next to the order; the other cases show elsewhere.
    changeNote:
      order.status === "CONFIRMED" && cycleStatus === "OPEN" && order.paymentMethod === "CARD"
        ? changeRefusal(order, now)!.message
        : null,
    canRepeat: order.status !== "CANCELLED" && !order.standingOrderId,
  };
}

export async function getOrderForBuyer({
  buyerId,
  orderId,
  now = new Date(),
}: {
  buyerId: string;
  orderId: string;
  now?: Date;
}) {
  let order = await getBuyerOrder({ id: orderId, buyerId });
  if (order?.status === "PENDING_PAYMENT" && order.expiresAt && order.expiresAt <= now) {
    await expireStaleOrders(now);
    order = await getBuyerOrder({ id: orderId, buyerId });
  }
  if (!order) return null;
  return toOrderView(order, now, await listOrderMoneyHistory(defaultDb, { orderId: order.id }));
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
    timeZone: o.cycle.hub.timeZone,
    lineCount: o._count.lines,
    co2eGrams: o.allocCo2eGrams ?? o.estCo2eGrams,
    co2eIsAllocated: o.allocCo2eGrams !== null,
  }));
}

/**
 * Reasons the app itself stores on an order (in English, when it cancels or refunds), shown in the
 * reader's language; anything else (a driver's note) is shown as written.
 */
const STORED_REASONS: Record<string, string> = {
  "The card payment was not completed in time.": "orders.reasons.paymentTimedOut",
  "Card payment could not be started.": "orders.reasons.paymentNotStarted",
  "The card payment was not completed.": "orders.reasons.paymentNotCompleted",
  "The card payment was cancelled.": "orders.reasons.paymentCancelled",
  "The payment was refunded.": "orders.reasons.refunded",
};
function storedReasonText(reason: string): string {
  const key = STORED_REASONS[reason];
  return key ? serverT("messages")(key) : reason;
}
