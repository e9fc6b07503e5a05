// Which orders count, in one place. An order awaiting its card payment holds stock but is not yet
// a sale: farmers do not pick it, the hub does not pack or route it, dashboards do not count it.
// A cancelled order never counts. A failed delivery still counts: its goods were picked and
// carried (and its carbon was emitted).
import type { OrderStatus } from "~generated/prisma/enums.ts";

/** Orders that are sales of their cycle: picked, packed, routed, reported and counted. */
export const COUNTED_ORDER_STATUSES = [
  "CONFIRMED",
  "OUT_FOR_DELIVERY",
  "DELIVERED",
  "FAILED",
] as const satisfies readonly OrderStatus[];

export function isCountedOrder(status: OrderStatus): boolean {
  return (COUNTED_ORDER_STATUSES as readonly OrderStatus[]).includes(status);
}
