// A farm's statement for a delivery cycle, and the hub's money for the cycle (issue 15,
// docs/decisions/037). Pure: no framework, ORM or SDK. Money in integer minor units.
//
// A statement is every counted order line the farm sold in the cycle, as packed (after
// adjustments: the lines hold what was really sold), its gross, the hub's commission and the net
// payable to the farm. The commission is taken once, on the gross of the statement (not per line),
// with the rounding rule of domain/commission.ts, so commission + net = gross exactly.
import { splitFarmSale } from "./commission";

/** One order line of the farm, as the statement shows it. */
export interface StatementLine {
  orderId: string;
  orderNumber: number;
  productName: string;
  unit: string;
  quantityMilli: number;
  unitPriceMinor: number;
  lineTotalMinor: number;
  /** What the line was as ordered, when it was adjusted after the cut-off (else null). */
  orderedTotalMinor: number | null;
}

/** The order line as read from the database (an order counted in the cycle). */
export interface SoldLine extends StatementLine {
  orderStatus: string;
}

export interface StatementFigures {
  lines: StatementLine[];
  grossMinor: number;
  commissionBasisPoints: number;
  commissionMinor: number;
  netMinor: number;
}

/** The statuses of orders that are sales of their cycle (domain/order-status.ts, kept pure here). */
const COUNTED = new Set(["CONFIRMED", "OUT_FOR_DELIVERY", "DELIVERED", "PARTLY_DELIVERED", "FAILED"]);

/** The farm's statement from its lines of the cycle: only counted orders, by order number then product. */
export function computeStatement(lines: readonly SoldLine[], commissionBasisPoints: number): StatementFigures {
  const counted = lines
    .filter((line) => COUNTED.has(line.orderStatus))
    .map((line): StatementLine => ({
      orderId: line.orderId,
      orderNumber: line.orderNumber,
      productName: line.productName,
      unit: line.unit,
      quantityMilli: line.quantityMilli,
      unitPriceMinor: line.unitPriceMinor,
      lineTotalMinor: line.lineTotalMinor,
      orderedTotalMinor: line.orderedTotalMinor,
    }))
    .sort((a, b) => a.orderNumber - b.orderNumber || a.productName.localeCompare(b.productName));
  const grossMinor = counted.reduce((sum, line) => sum + line.lineTotalMinor, 0);
  const { commissionMinor, netMinor } = splitFarmSale({ grossMinor, basisPoints: commissionBasisPoints });
  return { lines: counted, grossMinor, commissionBasisPoints, commissionMinor, netMinor };
}

/** The order statuses in which an order has reached the end of its delivery (marked by the driver). */
const DONE = new Set(["DELIVERED", "PARTLY_DELIVERED", "FAILED"]);

/**
 * Whether a cycle's statements may be approved: the cycle is DELIVERED (its last delivery stop was
 * marked), or every counted order of it is marked delivered, partly delivered or failed (a cycle of
 * collections only never gets a delivery round). A cycle without a counted order has nothing to approve.
 */
export function isCycleDelivered(cycleStatus: string, countedOrderStatuses: readonly string[]): boolean {
  if (cycleStatus === "DELIVERED") return true;
  return countedOrderStatuses.length > 0 && countedOrderStatuses.every((status) => DONE.has(status));
}

export type StatementStatus = "DRAFT" | "APPROVED" | "PAID";

export interface StatementMoney {
  status: StatementStatus;
  netMinor: number;
  /** Reversed after payment (a later refund): money the farm gave back. */
  reversedMinor: number;
}

export interface CycleMoney {
  /** Collected from the cycle's buyers: card charges less refunds, and invoices and cash marked paid. */
  collectedMinor: number;
  /** Paid out to farms (Stripe transfers and payments by hand, less reversals). */
  paidMinor: number;
  /** What the hub holds now: collected less paid out. */
  holdsMinor: number;
  /** Approved statements not paid yet: what the hub owes the farms. */
  owesMinor: number;
  /** Nets of statements still in draft (not owed yet). */
  draftMinor: number;
}

/** The hub's money for a cycle: what it holds, owes and has paid. */
export function cycleMoney(collectedMinor: number, statements: readonly StatementMoney[]): CycleMoney {
  let paidMinor = 0;
  let owesMinor = 0;
  let draftMinor = 0;
  for (const statement of statements) {
    if (statement.status === "PAID") paidMinor += statement.netMinor - statement.reversedMinor;
    else if (statement.status === "APPROVED") owesMinor += statement.netMinor;
    else draftMinor += statement.netMinor;
  }
  return { collectedMinor, paidMinor, holdsMinor: collectedMinor - paidMinor, owesMinor, draftMinor };
}

/** The cycle's transfer group at Stripe: every transfer of the cycle's statements carries it. */
export const transferGroupOf = (cycleId: string) => `cycle_${cycleId}`;

/** A bank transfer's reference, as typed: trimmed, 1 to 100 characters (checked by the action's schema). */
export const MAX_PAYOUT_REFERENCE = 100;
