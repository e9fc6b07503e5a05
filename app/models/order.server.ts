// Orders and their lines. Stock moves only here, inside the transaction that changes the order:
// a conditional decrement (stock >= quantity) on placing and on raising a quantity, an increment
// on lowering one and on cancelling/expiring.
import { assertOrderMoves, COUNTED_ORDER_STATUSES, orderStatusesThatMayBecome } from "~/domain/order-status";
import type { Db } from "./database.server";
import { giveBackStock, StockConflictError, takeStock, takeStockForLines } from "./product.server";
import { isOrderingOpen } from "~/domain/cycles";
import { prisma } from "~/utils/db.server";
import { addLedgerEntry } from "./order-adjustment.server";
import type { Fulfilment, OrderStatus, PaymentMethod, PaymentStatus, Unit } from "~generated/prisma/enums.ts";

export { StockConflictError };

export class CycleClosedError extends Error {
  override name = "CycleClosedError";
  constructor() {
    super("Ordering for this delivery cycle has closed.");
  }
}

/**
 * The basket the order is placed from is no longer as it was read (another submit of the same
 * checkout consumed it, or it changed meanwhile): nothing is written.
 */
export class BasketChangedError extends Error {
  override name = "BasketChangedError";
  constructor() {
    super("The basket changed while the order was being placed.");
  }
}

/** The largest amount, quantity or weight an order column holds (PostgreSQL integer). */
export const MAX_ORDER_INT = 2_147_483_647;

export interface NewOrderLine {
  productId: string;
  farmId: string;
  productName: string;
  unit: Unit;
  quantityMilli: number;
  unitPriceMinor: number;
  lineTotalMinor: number;
  grams: number;
  chilled: boolean;
  wholesaleApplied: boolean;
  soldByWeight?: boolean;
}

export interface NewOrder {
  buyerId: string;
  hubId: string;
  cycleId: string;
  slotId: string | null;
  standingOrderId?: string | null;
  fulfilment: Fulfilment;
  status: OrderStatus;
  paymentMethod: PaymentMethod;
  invoiceTermsDays: number | null;
  invoiceDueAt: Date | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  contactPhone: string | null;
  notes: string;
  allowSubstitutions?: boolean;
  currency: string;
  subtotalMinor: number;
  deliveryFeeMinor: number;
  totalMinor: number;
  totalGrams: number;
  expiresAt: Date | null;
  estFoodMetres: number | null;
  estCo2eGrams: number | null;
  carbonMethodVersion: string | null;
  carbonFactorSet: string | null;
  carbonDetail: unknown;
  placedAt: Date;
  /** The checkout form's one-time key (unique per buyer). */
  idempotencyKey?: string | null;
}

const TX_OPTIONS = { maxWait: 60_000, timeout: 60_000 } as const;

/**
 * Creates the order and reserves its stock in one transaction. Each line's stock is decremented
 * only where enough is left (`stockMilli >= quantity`), so concurrent orders can never oversell;
 * a line that does not fit rolls everything back with a StockConflictError. The cycle is
 * re-checked inside the transaction so an order cannot slip in after the cut-off. The stock is
 * taken last, in one statement, so the products' rows (which every checkout of a popular product
 * waits for) stay locked only for that statement and the commit.
 */
export async function createOrderReservingStock({
  order,
  lines,
  clearBasketOfUserId,
  fromBasketOfUserId = null,
  reusePendingOrder = false,
  now,
}: {
  order: NewOrder;
  lines: NewOrderLine[];
  clearBasketOfUserId: string | null;
  /**
   * The order is placed from this buyer's basket: its rows are locked first (SELECT … FOR UPDATE)
   * and every line must still be there with the same quantity, else BasketChangedError. Two submits
   * of the same basket queue on these rows; the second finds them gone (pay on delivery) or finds
   * the first one's pending order (card, with `reusePendingOrder`).
   */
  fromBasketOfUserId?: string | null;
  /** A card order: an open PENDING_PAYMENT order of this buyer in this cycle with the same lines is returned instead of a new one. */
  reusePendingOrder?: boolean;
  now: Date;
}): Promise<{ id: string; number: number; reused: boolean }> {
  return prisma.$transaction(async (tx) => {
    if (fromBasketOfUserId) {
      const rows = await tx.$queryRaw<
        Array<{ productId: string; quantityMilli: number }>
      >`SELECT "productId", "quantityMilli" FROM "BasketItem" WHERE "userId" = ${fromBasketOfUserId} ORDER BY "productId" FOR UPDATE`;
      const held = new Map(rows.map((r) => [r.productId, Number(r.quantityMilli)]));
      if (lines.some((line) => held.get(line.productId) !== line.quantityMilli)) throw new BasketChangedError();
      if (reusePendingOrder) {
        const pending = await tx.order.findMany({
          where: {
            buyerId: order.buyerId,
            cycleId: order.cycleId,
            status: "PENDING_PAYMENT",
            paymentMethod: "CARD",
            expiresAt: { gt: now },
          },
          orderBy: { placedAt: "desc" },
          select: {
            id: true,
            number: true,
            totalMinor: true,
            lines: { select: { productId: true, quantityMilli: true } },
          },
        });
        const same = pending.find(
          (p) =>
            p.totalMinor === order.totalMinor &&
            p.lines.length === lines.length &&
            lines.every((line) =>
              p.lines.some((l) => l.productId === line.productId && l.quantityMilli === line.quantityMilli),
            ),
        );
        if (same) return { id: same.id, number: same.number, reused: true };
      }
    }
    const cycle = await tx.deliveryCycle.findUnique({
      where: { id: order.cycleId },
      select: { status: true, opensAt: true, cutoffAt: true },
    });
    if (!cycle || !isOrderingOpen(cycle, now)) throw new CycleClosedError();
    const { carbonDetail, ...rest } = order;
    const created = await tx.order.create({
      data: {
        ...rest,
        carbonDetail: carbonDetail === null || carbonDetail === undefined ? undefined : (carbonDetail as object),
        lines: { create: lines },
      },
      select: { id: true, number: true },
    });
    if (clearBasketOfUserId) {
      await tx.basketItem.deleteMany({
        where: { userId: clearBasketOfUserId, productId: { in: lines.map((l) => l.productId) } },
      });
    }
    // Last, just before commit: the products' rows are locked from here until then.
    await takeStockForLines({ db: tx, lines, now });
    return { ...created, reused: false };
  }, TX_OPTIONS);
}

export class OrderChangedError extends Error {
  override name = "OrderChangedError";
  constructor() {
    super("The order changed meanwhile.");
  }
}

export interface OrderLineChange {
  lineId: string;
  productId: string;
  farmId: string;
  /** The quantity the plan was made from: the line must still have it. */
  fromQuantityMilli: number;
  /** Stock to take (> 0) or give back (< 0). */
  deltaMilli: number;
  /** The line as it becomes, or null to delete it. */
  next: Pick<NewOrderLine, "quantityMilli" | "unitPriceMinor" | "lineTotalMinor" | "grams" | "wholesaleApplied"> | null;
}

/**
 * Applies a buyer's change to a CONFIRMED order in one transaction: stock taken (only where enough
 * is left, as when placing) or given back, lines updated or deleted, the order's totals and carbon
 * estimate replaced, the farms' discovery summaries refreshed. Throws CycleClosedError after the
 * cut-off, StockConflictError when a larger quantity does not fit, and OrderChangedError when the
 * order or a line is no longer as the change was planned from; nothing is written then.
 */
export async function changeOrderLines({
  orderId,
  buyerId,
  changes,
  order,
  now,
}: {
  orderId: string;
  buyerId: string;
  changes: OrderLineChange[];
  order: Pick<
    NewOrder,
    | "subtotalMinor"
    | "totalMinor"
    | "totalGrams"
    | "estFoodMetres"
    | "estCo2eGrams"
    | "carbonMethodVersion"
    | "carbonFactorSet"
    | "carbonDetail"
  >;
  now: Date;
}): Promise<void> {
  const sorted = [...changes].sort(
    (a, b) => a.productId.localeCompare(b.productId) || a.lineId.localeCompare(b.lineId),
  );
  await prisma.$transaction(async (tx) => {
    // The order row first, as cancelling takes it first: a change and a cancel of the same order
    // queue on it instead of deadlocking over its products.
    const locked = await tx.$queryRaw<
      Array<{ status: string }>
    >`SELECT status::text AS status FROM "Order" WHERE id = ${orderId} AND "buyerId" = ${buyerId} FOR UPDATE`;
    if (locked[0]?.status !== "CONFIRMED") throw new OrderChangedError();
    const current = await tx.order.findUniqueOrThrow({
      where: { id: orderId },
      select: { cycle: { select: { status: true, opensAt: true, cutoffAt: true } } },
    });
    if (!isOrderingOpen(current.cycle, now)) throw new CycleClosedError();
    for (const change of sorted) {
      if (change.deltaMilli > 0) {
        await takeStock({ db: tx, productId: change.productId, quantityMilli: change.deltaMilli });
      } else if (change.deltaMilli < 0) {
        await giveBackStock({ db: tx, productId: change.productId, quantityMilli: -change.deltaMilli });
      }
      const where = { id: change.lineId, orderId, quantityMilli: change.fromQuantityMilli };
      const { count } = change.next
        ? await tx.orderLine.updateMany({ where, data: change.next })
        : await tx.orderLine.deleteMany({ where });
      if (count === 0) throw new OrderChangedError();
    }
    await tx.order.update({
      where: { id: orderId },
      data: {
        ...order,
        carbonDetail:
          order.carbonDetail === null || order.carbonDetail === undefined ? undefined : (order.carbonDetail as object),
      },
    });
  }, TX_OPTIONS);
}

/**
 * Moves an order from one of `from` to `to` and puts its stock back, in one transaction.
 * Returns false (and changes nothing) when the order was not in one of `from` — e.g. a webhook and
 * the expiry timer racing: only one of them restores the stock.
 */
export async function releaseOrder({
  id,
  from,
  to,
  data,
}: {
  id: string;
  from: OrderStatus[];
  to: OrderStatus;
  data?: { failureReason?: string | null; cancelledAt?: Date; paymentStatus?: PaymentStatus };
}): Promise<boolean> {
  assertOrderMoves(from, to);
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.order.updateMany({ where: { id, status: { in: from } }, data: { status: to, ...data } });
    if (count === 0) return false;
    const lines = await tx.orderLine.findMany({
      where: { orderId: id },
      select: { productId: true, quantityMilli: true },
      orderBy: { productId: "asc" },
    });
    for (const line of lines) {
      await giveBackStock({ db: tx, productId: line.productId, quantityMilli: line.quantityMilli });
    }
    return true;
  }, TX_OPTIONS);
}

export function setOrderCheckoutSession({ id, sessionId }: { id: string; sessionId: string }) {
  return prisma.order.update({ where: { id }, data: { stripeCheckoutSessionId: sessionId }, select: { id: true } });
}

/** PENDING_PAYMENT → CONFIRMED + PAID. False when the order was no longer awaiting payment. */
export async function markOrderPaid({
  id,
  paymentIntentId,
  paidAt,
}: {
  id: string;
  paymentIntentId: string | null;
  paidAt: Date;
}) {
  // The payment and its ledger entry (docs/decisions/036) in one transaction.
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.order.updateMany({
      where: { id, status: "PENDING_PAYMENT" },
      data: {
        status: "CONFIRMED",
        paymentStatus: "PAID",
        paidAt,
        stripePaymentIntentId: paymentIntentId,
        expiresAt: null,
      },
    });
    if (count === 0) return false;
    const order = await tx.order.findUniqueOrThrow({
      where: { id },
      select: { hubId: true, totalMinor: true, currency: true },
    });
    await addLedgerEntry(tx, {
      key: `charge:${id}`,
      hubId: order.hubId,
      orderId: id,
      kind: "CHARGE",
      amountMinor: order.totalMinor,
      currency: order.currency,
      createdAt: paidAt,
    });
    return true;
  }, TX_OPTIONS);
}

export function setOrderPaymentStatus({
  id,
  paymentStatus,
  paymentIntentId,
}: {
  id: string;
  paymentStatus: PaymentStatus;
  paymentIntentId?: string | null;
}) {
  return prisma.order.update({
    where: { id },
    data: { paymentStatus, ...(paymentIntentId !== undefined ? { stripePaymentIntentId: paymentIntentId } : {}) },
    select: { id: true },
  });
}

/**
 * A full refund from Stripe (charge.refunded, e.g. from the dashboard): each PAID order of that
 * payment intent becomes REFUNDED; a CONFIRMED one is also CANCELLED, and its stock goes back when
 * its cycle is still open for ordering (after the cut-off the food is already being picked). An
 * order already on its way or delivered keeps its status. One transaction per call; an order that
 * is no longer PAID is left alone, so a replayed event changes nothing.
 */
export async function refundOrdersByPaymentIntent({ paymentIntentId, now }: { paymentIntentId: string; now: Date }) {
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<
      Array<{ id: string }>
    >`SELECT id FROM "Order" WHERE "stripePaymentIntentId" = ${paymentIntentId} AND "paymentStatus" = 'PAID' ORDER BY id FOR UPDATE`;
    let refunded = 0;
    let released = 0;
    for (const { id } of locked) {
      const order = await tx.order.findUniqueOrThrow({
        where: { id },
        select: { status: true, cycle: { select: { status: true, opensAt: true, cutoffAt: true } } },
      });
      refunded++;
      if (order.status !== "CONFIRMED") {
        await tx.order.update({ where: { id }, data: { paymentStatus: "REFUNDED" } });
        continue;
      }
      await tx.order.update({
        where: { id },
        data: {
          paymentStatus: "REFUNDED",
          status: "CANCELLED",
          cancelledAt: now,
          failureReason: "The payment was refunded.",
        },
      });
      if (!isOrderingOpen(order.cycle, now)) continue;
      released++;
      const lines = await tx.orderLine.findMany({
        where: { orderId: id },
        select: { productId: true, quantityMilli: true },
        orderBy: { productId: "asc" },
      });
      for (const line of lines) {
        await giveBackStock({ db: tx, productId: line.productId, quantityMilli: line.quantityMilli });
      }
    }
    return { refunded, released };
  }, TX_OPTIONS);
}

/** The buyer's order placed with this checkout form key, or null. */
export function getBuyerOrderByIdempotencyKey({
  buyerId,
  idempotencyKey,
}: {
  buyerId: string;
  idempotencyKey: string;
}) {
  return prisma.order.findUnique({
    where: { buyerId_idempotencyKey: { buyerId, idempotencyKey } },
    select: { id: true },
  });
}

/** What a Stripe Checkout Session is made from: the buyer's own order with its lines and farms. */
export function getOrderForCheckoutSession({ id, buyerId }: { id: string; buyerId: string }) {
  return prisma.order.findFirst({
    where: { id, buyerId },
    select: {
      id: true,
      number: true,
      status: true,
      currency: true,
      deliveryFeeMinor: true,
      totalMinor: true,
      expiresAt: true,
      stripeCheckoutSessionId: true,
      lines: {
        orderBy: { productId: "asc" },
        select: { productName: true, lineTotalMinor: true, wholesaleApplied: true, farm: { select: { name: true } } },
      },
    },
  });
}
export type OrderForCheckoutSession = NonNullable<Awaited<ReturnType<typeof getOrderForCheckoutSession>>>;

/** The buyer's unpaid card order, if it is still awaiting payment (the page after "cancel" on Stripe). */
export function getBuyerPendingCardOrder({ id, buyerId }: { id: string; buyerId: string }) {
  return prisma.order.findFirst({
    where: { id, buyerId, status: "PENDING_PAYMENT", paymentMethod: "CARD" },
    select: { id: true, number: true },
  });
}

const orderSummarySelect = {
  id: true,
  number: true,
  buyerId: true,
  hubId: true,
  cycleId: true,
  status: true,
  paymentMethod: true,
  paymentStatus: true,
  fulfilment: true,
  totalMinor: true,
  currency: true,
  placedAt: true,
  expiresAt: true,
  stripeCheckoutSessionId: true,
  stripePaymentIntentId: true,
  standingOrderId: true,
} as const;

export function getOrderForPayment({ id }: { id: string }) {
  return prisma.order.findUnique({
    where: { id },
    select: { ...orderSummarySelect, buyer: { select: { email: true, name: true, locale: true } } },
  });
}

export function getOrderByCheckoutSession({ sessionId }: { sessionId: string }) {
  return prisma.order.findUnique({
    where: { stripeCheckoutSessionId: sessionId },
    select: { ...orderSummarySelect, buyer: { select: { email: true, name: true, locale: true } } },
  });
}

export function listStaleCardOrders({ now, take = 100 }: { now: Date; take?: number }) {
  return prisma.order.findMany({
    where: { status: "PENDING_PAYMENT", expiresAt: { lte: now } },
    select: {
      id: true,
      stripeCheckoutSessionId: true,
      buyer: { select: { email: true, name: true, locale: true } },
      number: true,
    },
    take,
  });
}

const orderDetailSelect = {
  ...orderSummarySelect,
  slot: { select: { startMinute: true, endMinute: true } },
  cycle: { select: { id: true, name: true, status: true, opensAt: true, cutoffAt: true, deliveryDate: true } },
  hub: { select: { name: true, depotAddress: true, timeZone: true } },
  buyer: { select: { name: true, email: true, buyerKind: true, address: true, phone: true, locale: true } },
  invoiceTermsDays: true,
  invoiceDueAt: true,
  address: true,
  lat: true,
  lng: true,
  contactPhone: true,
  notes: true,
  subtotalMinor: true,
  deliveryFeeMinor: true,
  totalGrams: true,
  estFoodMetres: true,
  estCo2eGrams: true,
  allocFoodMetres: true,
  allocCo2eGrams: true,
  carbonMethodVersion: true,
  carbonFactorSet: true,
  carbonDetail: true,
  failureReason: true,
  paidAt: true,
  cancelledAt: true,
  deliveredAt: true,
  lines: {
    orderBy: [{ farmId: "asc" as const }, { productName: "asc" as const }] as Array<{
      farmId?: "asc";
      productName?: "asc";
    }>,
    select: {
      id: true,
      productId: true,
      farmId: true,
      productName: true,
      unit: true,
      quantityMilli: true,
      unitPriceMinor: true,
      lineTotalMinor: true,
      grams: true,
      chilled: true,
      wholesaleApplied: true,
      soldByWeight: true,
      adjustedAt: true,
      orderedProductName: true,
      orderedQuantityMilli: true,
      orderedTotalMinor: true,
      orderedGrams: true,
      farm: { select: { name: true, slug: true } },
    },
  },
} as const;

/** A buyer's own order; null for someone else's (the route answers 404). */
export function getBuyerOrder({ id, buyerId }: { id: string; buyerId: string }) {
  return prisma.order.findFirst({ where: { id, buyerId }, select: orderDetailSelect });
}
export type OrderDetail = NonNullable<Awaited<ReturnType<typeof getBuyerOrder>>>;

export function listBuyerOrders({ buyerId, take = 100 }: { buyerId: string; take?: number }) {
  return prisma.order.findMany({
    where: { buyerId },
    orderBy: { placedAt: "desc" },
    take,
    select: {
      ...orderSummarySelect,
      estCo2eGrams: true,
      allocCo2eGrams: true,
      cycle: { select: { name: true, deliveryDate: true, hub: { select: { timeZone: true } } } },
      _count: { select: { lines: true } },
    },
  });
}

/**
 * A buyer's orders that count (domain/order-status: not cancelled, not awaiting payment) whose
 * cycle delivers between `start` and `end`, with their stored carbon figures, for the transport
 * emissions statement (domain/carbon/statement narrows to the hub's calendar days).
 */
export function listBuyerStatementOrders({ buyerId, start, end }: { buyerId: string; start: Date; end: Date }) {
  return prisma.order.findMany({
    where: {
      buyerId,
      status: { in: [...COUNTED_ORDER_STATUSES] },
      cycle: { deliveryDate: { gte: start, lt: end } },
    },
    orderBy: { number: "asc" },
    select: {
      id: true,
      number: true,
      fulfilment: true,
      totalGrams: true,
      estCo2eGrams: true,
      estFoodMetres: true,
      allocCo2eGrams: true,
      allocFoodMetres: true,
      carbonMethodVersion: true,
      carbonFactorSet: true,
      carbonDetail: true,
      cycle: { select: { deliveryDate: true } },
      hub: { select: { name: true, timeZone: true } },
    },
  });
}

export function listHubOrders({ hubId, cycleId }: { hubId: string; cycleId: string }) {
  return prisma.order.findMany({
    where: { hubId, cycleId },
    orderBy: { number: "asc" },
    select: {
      ...orderSummarySelect,
      address: true,
      totalGrams: true,
      estCo2eGrams: true,
      slot: { select: { startMinute: true, endMinute: true } },
      buyer: { select: { name: true, email: true, buyerKind: true } },
      _count: { select: { lines: true } },
    },
  });
}

/** Lines ordered from the given farms (owned by the caller) in a cycle: the orders that count (domain/order-status). */
export function listFarmOrderLines({ farmIds, cycleId }: { farmIds: string[]; cycleId: string }) {
  return prisma.orderLine.findMany({
    where: { farmId: { in: farmIds }, order: { cycleId, status: { in: [...COUNTED_ORDER_STATUSES] } } },
    orderBy: [{ productName: "asc" }],
    select: {
      id: true,
      farmId: true,
      productId: true,
      productName: true,
      unit: true,
      quantityMilli: true,
      lineTotalMinor: true,
      grams: true,
      chilled: true,
      wholesaleApplied: true,
      soldByWeight: true,
      version: true,
      adjustedAt: true,
      orderedQuantityMilli: true,
      orderedTotalMinor: true,
      orderedGrams: true,
      orderedProductName: true,
      order: {
        select: {
          number: true,
          status: true,
          fulfilment: true,
          allowSubstitutions: true,
          buyer: { select: { name: true } },
        },
      },
    },
  });
}

/**
 * What each farm of a hub sold in a cycle (orders that count), summed per product, with the farm's
 * owner to tell: the pack list sent at the cut-off.
 */
export async function listCyclePackLists({ hubId, cycleId }: { hubId: string; cycleId: string }) {
  const lines = await prisma.orderLine.groupBy({
    by: ["farmId", "productId", "productName", "unit", "chilled"],
    where: { farm: { hubId }, order: { cycleId, status: { in: [...COUNTED_ORDER_STATUSES] } } },
    _sum: { quantityMilli: true },
    _count: { orderId: true },
    orderBy: [{ farmId: "asc" }, { productName: "asc" }],
  });
  const farmIds = [...new Set(lines.map((l) => l.farmId))];
  const farms = await prisma.farm.findMany({
    where: { id: { in: farmIds } },
    select: { id: true, name: true, owner: { select: { email: true, name: true, locale: true } } },
  });
  return farms.map((farm) => ({
    ...farm,
    products: lines
      .filter((l) => l.farmId === farm.id)
      .map((l) => ({
        productName: l.productName,
        unit: l.unit,
        chilled: l.chilled,
        quantityMilli: l._sum.quantityMilli ?? 0,
        orders: l._count.orderId,
      })),
  }));
}

export function listOwnedFarms({ ownerId }: { ownerId: string }) {
  return prisma.farm.findMany({
    where: { ownerId },
    select: { id: true, name: true, hubId: true, hub: { select: { currency: true, timeZone: true } } },
    orderBy: { name: "asc" },
  });
}

export function countOrdersForStandingOrderCycle({
  standingOrderId,
  cycleId,
}: {
  standingOrderId: string;
  cycleId: string;
}) {
  return prisma.order.count({ where: { standingOrderId, cycleId } });
}

/**
 * Records what the delivery stops of an order say (domain/planning/progress): delivered, failed
 * (with why) or still out, when the order lifecycle allows the move. Returns whether it moved.
 */
export async function setOrderDeliveryOutcome({
  db,
  orderId,
  outcome,
  now,
}: {
  db: Db;
  orderId: string;
  outcome: { status: "OUT_FOR_DELIVERY" | "DELIVERED" | "PARTLY_DELIVERED" | "FAILED"; failureReason: string | null };
  now: Date;
}): Promise<boolean> {
  const moved = await db.order.updateMany({
    where: { id: orderId, status: { in: orderStatusesThatMayBecome(outcome.status) } },
    data: {
      status: outcome.status,
      failureReason: outcome.failureReason,
      ...(outcome.status === "DELIVERED" || outcome.status === "PARTLY_DELIVERED" ? { deliveredAt: now } : {}),
    },
  });
  return moved.count === 1;
}
