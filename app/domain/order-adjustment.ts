// What was really packed after the cut-off, and what it does to the money (docs/decisions/036).
// Pure: no framework, ORM or SDK. Money in minor units, weights in grams, quantities in milli.
//
// A line is always recomputed from what was ordered (never from a previous adjustment), so a
// corrected adjustment replaces the earlier one instead of compounding it.
import { lineTotalMinor } from "./money";
import { lineGrams } from "./pricing";

/** The line as the buyer ordered it (its snapshot at the cut-off). */
export interface OrderedLine {
  quantityMilli: number;
  unitPriceMinor: number;
  lineTotalMinor: number;
  grams: number;
  /** Sold by estimated weight: the price follows the actual weight (price per gram of the estimate). */
  soldByWeight: boolean;
}

/** What the farmer or the hub records for one line. */
export type PackedInput =
  /** Everything as ordered (also how an earlier adjustment is undone). */
  | { kind: "asOrdered" }
  /** Fewer units than ordered (0: none at all). */
  | { kind: "short"; quantityMilli: number }
  /** An estimated-weight line: the units packed and what they really weigh together. */
  | { kind: "weight"; quantityMilli: number; actualGrams: number }
  /** Another product of the same farm instead, priced as sold, never above the ordered line. */
  | {
      kind: "substitute";
      quantityMilli: number;
      product: { unitPriceMinor: number; gramsPerUnit: number };
    };

export interface PackedLine {
  quantityMilli: number;
  lineTotalMinor: number;
  grams: number;
}

export type PackedResult = { ok: true; line: PackedLine } | { ok: false; error: AdjustmentError };

export type AdjustmentError =
  "notShort" | "notSoldByWeight" | "weightOutOfRange" | "quantityOutOfRange" | "substituteQuantity";

/** An actual weight may differ from the estimate by at most this factor either way. */
export const MAX_WEIGHT_FACTOR = 3;

/** The price of `grams` at the ordered line's price per gram of its estimate, rounded half up. */
export function priceByWeight(ordered: Pick<OrderedLine, "lineTotalMinor" | "grams">, grams: number): number {
  if (ordered.grams <= 0) return 0;
  return Math.floor((ordered.lineTotalMinor * grams) / ordered.grams + 0.5);
}

export function packLine(ordered: OrderedLine, input: PackedInput): PackedResult {
  switch (input.kind) {
    case "asOrdered":
      return {
        ok: true,
        line: { quantityMilli: ordered.quantityMilli, lineTotalMinor: ordered.lineTotalMinor, grams: ordered.grams },
      };
    case "short": {
      if (!Number.isInteger(input.quantityMilli) || input.quantityMilli < 0)
        return { ok: false, error: "quantityOutOfRange" };
      if (input.quantityMilli >= ordered.quantityMilli) return { ok: false, error: "notShort" };
      const gramsPerUnit = ordered.quantityMilli > 0 ? (ordered.grams * 1000) / ordered.quantityMilli : 0;
      return {
        ok: true,
        line: {
          quantityMilli: input.quantityMilli,
          lineTotalMinor: lineTotalMinor(ordered.unitPriceMinor, input.quantityMilli),
          grams: Math.round((gramsPerUnit * input.quantityMilli) / 1000),
        },
      };
    }
    case "weight": {
      if (!ordered.soldByWeight) return { ok: false, error: "notSoldByWeight" };
      if (
        !Number.isInteger(input.quantityMilli) ||
        input.quantityMilli < 0 ||
        input.quantityMilli > ordered.quantityMilli
      )
        return { ok: false, error: "quantityOutOfRange" };
      if (!Number.isInteger(input.actualGrams) || input.actualGrams < 0)
        return { ok: false, error: "weightOutOfRange" };
      if (input.quantityMilli === 0) {
        if (input.actualGrams !== 0) return { ok: false, error: "weightOutOfRange" };
        return { ok: true, line: { quantityMilli: 0, lineTotalMinor: 0, grams: 0 } };
      }
      // The estimate of what was packed; a real weight is within a factor of it (a typo in kg/g is not).
      const estimate = (ordered.grams * input.quantityMilli) / ordered.quantityMilli;
      if (input.actualGrams < estimate / MAX_WEIGHT_FACTOR || input.actualGrams > estimate * MAX_WEIGHT_FACTOR)
        return { ok: false, error: "weightOutOfRange" };
      return {
        ok: true,
        line: {
          quantityMilli: input.quantityMilli,
          lineTotalMinor: priceByWeight(ordered, input.actualGrams),
          grams: input.actualGrams,
        },
      };
    }
    case "substitute": {
      if (!Number.isInteger(input.quantityMilli) || input.quantityMilli <= 0)
        return { ok: false, error: "substituteQuantity" };
      const total = lineTotalMinor(input.product.unitPriceMinor, input.quantityMilli);
      return {
        ok: true,
        line: {
          quantityMilli: input.quantityMilli,
          lineTotalMinor: Math.min(total, ordered.lineTotalMinor),
          grams: lineGrams(input.product.gramsPerUnit, input.quantityMilli),
        },
      };
    }
  }
}

/** How the money of an order stands: what the buyer owes now and what the hub holds of it. */
export interface OrderMoney {
  /** The order's total now (lines after adjustments plus the delivery fee). */
  dueMinor: number;
  /** Card orders: charged at checkout. 0 for invoice and pay on delivery. */
  chargedMinor: number;
  /** Card orders: refunded so far (made or decided and being made). */
  refundedMinor: number;
  /** Card orders: what the buyer was not charged because the card cannot be charged again. */
  absorbedMinor: number;
}

export interface MoneyMove {
  /** A billing document for the change: credit note (< 0) or debit note (> 0); 0 when unchanged. */
  noteMinor: number;
  /** Card orders: to refund now (≥ 0). */
  refundMinor: number;
  /** Card orders: a change of what the hub absorbs (signed). */
  absorbedMinor: number;
}

/**
 * What an order's new total means for money. Every order gets a note for the difference (the
 * issued invoice is never rewritten). A card order paid at checkout is refunded what it now holds
 * beyond its total; when its total rises above what it holds, the card is not charged again and the
 * hub absorbs the difference. Invariants (tests/unit/order-adjustment-ledger.test.ts):
 *   invoice: issued + Σ notes = due;  card: charged − refunded + absorbed = due.
 */
export function moneyMove(before: OrderMoney, newDueMinor: number, card: boolean): MoneyMove {
  const noteMinor = newDueMinor - before.dueMinor;
  if (!card) return { noteMinor, refundMinor: 0, absorbedMinor: 0 };
  const held = before.chargedMinor - before.refundedMinor;
  const refundMinor = Math.max(0, held - newDueMinor);
  const absorbedAfter = newDueMinor - (held - refundMinor);
  return { noteMinor, refundMinor, absorbedMinor: absorbedAfter - before.absorbedMinor };
}
