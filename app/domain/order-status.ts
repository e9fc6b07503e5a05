// Which orders count, in one place. An order awaiting its card payment holds stock but is not yet
// a sale: farmers do not pick it, the hub does not pack or route it, dashboards do not count it.
// A cancelled order never counts. A failed or partly delivered delivery still counts: its goods
// were picked and carried (and its carbon was emitted).
import type { OrderStatus } from "~generated/prisma/enums.ts";

/** Orders that are sales of their cycle: picked, packed, routed, reported and counted. */
export const COUNTED_ORDER_STATUSES = [
  "CONFIRMED",
  "OUT_FOR_DELIVERY",
  "DELIVERED",
  "PARTLY_DELIVERED",
  "FAILED",
] as const satisfies readonly OrderStatus[];

export function isCountedOrder(status: OrderStatus): boolean {
  return (COUNTED_ORDER_STATUSES as readonly OrderStatus[]).includes(status);
}

/**
 * The order lifecycle: which status may follow which. Every write of an order's status goes
 * through `canMoveOrder` (models refuse a move it does not allow, in the same statement).
 *
 *   PENDING_PAYMENT → CONFIRMED (paid) | CANCELLED (expired, abandoned, declined)
 *   CONFIRMED → OUT_FOR_DELIVERY (its route started) | DELIVERED | PARTLY_DELIVERED | FAILED (a stop
 *             marked) | CANCELLED (by the buyer before the cut-off, or refunded)
 *   OUT_FOR_DELIVERY → DELIVERED | PARTLY_DELIVERED | FAILED | OUT_FOR_DELIVERY (one part of two marked)
 *   DELIVERED, PARTLY_DELIVERED, FAILED → each other or OUT_FOR_DELIVERY: the driver corrects or
 *             undoes a mark
 *   CANCELLED: final
 */
const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING_PAYMENT: ["CONFIRMED", "CANCELLED"],
  CONFIRMED: ["OUT_FOR_DELIVERY", "DELIVERED", "PARTLY_DELIVERED", "FAILED", "CANCELLED"],
  OUT_FOR_DELIVERY: ["OUT_FOR_DELIVERY", "DELIVERED", "PARTLY_DELIVERED", "FAILED"],
  DELIVERED: ["DELIVERED", "PARTLY_DELIVERED", "FAILED", "OUT_FOR_DELIVERY"],
  PARTLY_DELIVERED: ["PARTLY_DELIVERED", "DELIVERED", "FAILED", "OUT_FOR_DELIVERY"],
  FAILED: ["FAILED", "DELIVERED", "PARTLY_DELIVERED", "OUT_FOR_DELIVERY"],
  CANCELLED: [],
};

export function canMoveOrder(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** The statuses an order may be in for a move to `to` (a model's `WHERE status IN (…)`). */
export function orderStatusesThatMayBecome(to: OrderStatus): OrderStatus[] {
  return (Object.keys(ORDER_TRANSITIONS) as OrderStatus[]).filter((from) => canMoveOrder(from, to));
}

/** A move the lifecycle does not allow: a programming error, never a user's. */
export class OrderTransitionError extends Error {
  override name = "OrderTransitionError";
  constructor(from: readonly OrderStatus[], to: OrderStatus) {
    super(`An order cannot move from ${from.join(" or ")} to ${to}.`);
  }
}

/** Throws unless every status in `from` may move to `to`. */
export function assertOrderMoves(from: readonly OrderStatus[], to: OrderStatus): void {
  const refused = from.filter((f) => !canMoveOrder(f, to));
  if (refused.length > 0) throw new OrderTransitionError(refused, to);
}
