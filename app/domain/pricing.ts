// Prices, always recomputed on the server from the product rows: a form never carries a price.
// Money in integer minor units, weights in integer grams, quantities in milli of the unit.
import type { BuyerKind, Unit } from "~generated/prisma/enums.ts";
import { lineTotalMinor } from "./money";

export interface PricedProduct {
  id: string;
  farmId: string;
  name: string;
  unit: Unit;
  gramsPerUnit: number;
  retailPriceMinor: number;
  wholesalePriceMinor: number | null;
  wholesaleMinMilli: number | null;
  chilled: boolean;
  /** Sold by estimated weight: the line's total follows the actual weight packed (order-adjustment.ts). */
  soldByWeight?: boolean;
}

export interface PricedLine {
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
  soldByWeight: boolean;
  /** Retail price, to show what wholesale saved. */
  retailUnitPriceMinor: number;
}

/** Restaurants get the wholesale price for a line at or above the product's wholesale minimum. */
export function wholesaleApplies(
  product: Pick<PricedProduct, "wholesalePriceMinor" | "wholesaleMinMilli">,
  quantityMilli: number,
  buyerKind: BuyerKind | null,
): boolean {
  return (
    buyerKind === "RESTAURANT" &&
    product.wholesalePriceMinor !== null &&
    product.wholesalePriceMinor > 0 &&
    quantityMilli >= (product.wholesaleMinMilli ?? 0)
  );
}

export { lineTotalMinor };

export function lineGrams(gramsPerUnit: number, quantityMilli: number): number {
  return Math.round((gramsPerUnit * quantityMilli) / 1000);
}

export function priceLine(product: PricedProduct, quantityMilli: number, buyerKind: BuyerKind | null): PricedLine {
  const wholesale = wholesaleApplies(product, quantityMilli, buyerKind);
  const unitPriceMinor = wholesale ? (product.wholesalePriceMinor as number) : product.retailPriceMinor;
  return {
    productId: product.id,
    farmId: product.farmId,
    productName: product.name,
    unit: product.unit,
    quantityMilli,
    unitPriceMinor,
    lineTotalMinor: lineTotalMinor(unitPriceMinor, quantityMilli),
    grams: lineGrams(product.gramsPerUnit, quantityMilli),
    chilled: product.chilled,
    wholesaleApplied: wholesale,
    soldByWeight: product.soldByWeight ?? false,
    retailUnitPriceMinor: product.retailPriceMinor,
  };
}

export interface HubCharges {
  orderMinimumMinor: number;
  deliveryFeeMinor: number;
  deliveryFeePerKmMinor: number;
}

/** Flat fee plus a per-km part on the road distance from the depot (rounded up to whole km). */
export function deliveryFeeMinor(
  hub: HubCharges,
  fulfilment: "DELIVERY" | "PICKUP",
  roadMetresFromDepot: number | null,
): number {
  if (fulfilment === "PICKUP") return 0;
  const km = roadMetresFromDepot === null ? 0 : Math.ceil(roadMetresFromDepot / 1000);
  return hub.deliveryFeeMinor + hub.deliveryFeePerKmMinor * km;
}

export interface OrderTotals {
  subtotalMinor: number;
  deliveryFeeMinor: number;
  totalMinor: number;
  totalGrams: number;
  /** How much more is needed to reach the hub's minimum (0 when reached). */
  shortOfMinimumMinor: number;
  wholesaleSavingMinor: number;
}

export function orderTotals(lines: readonly PricedLine[], hub: HubCharges, feeMinor: number): OrderTotals {
  const subtotalMinor = lines.reduce((sum, l) => sum + l.lineTotalMinor, 0);
  const totalGrams = lines.reduce((sum, l) => sum + l.grams, 0);
  const wholesaleSavingMinor = lines.reduce(
    (sum, l) =>
      sum + (l.wholesaleApplied ? lineTotalMinor(l.retailUnitPriceMinor, l.quantityMilli) - l.lineTotalMinor : 0),
    0,
  );
  return {
    subtotalMinor,
    deliveryFeeMinor: feeMinor,
    totalMinor: subtotalMinor + feeMinor,
    totalGrams,
    shortOfMinimumMinor: Math.max(0, hub.orderMinimumMinor - subtotalMinor),
    wholesaleSavingMinor,
  };
}

/** Groups lines by farm, keeping the first-seen farm order. */
export function groupByFarm<T extends { farmId: string }>(lines: readonly T[]): Array<{ farmId: string; lines: T[] }> {
  const groups = new Map<string, T[]>();
  for (const line of lines) {
    const group = groups.get(line.farmId);
    if (group) group.push(line);
    else groups.set(line.farmId, [line]);
  }
  return [...groups].map(([farmId, group]) => ({ farmId, lines: group }));
}

/** Due date for an invoice with net terms, counted from the moment the order was placed. */
export function invoiceDueAt(placedAt: Date, termsDays: 14 | 30): Date {
  return new Date(placedAt.getTime() + termsDays * 86_400_000);
}
