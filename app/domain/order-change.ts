// Changing a placed order before the cut-off: new quantities per line (0 removes the line).
// Unchanged lines keep the price they were ordered at; a changed line is priced again from the
// product as it is now (wholesale at or above its minimum for restaurants), like a new line would
// be. Pure: the service loads the order and products, the model applies the plan in a transaction.
import type { BuyerKind } from "~generated/prisma/enums.ts";
import { parseQuantity } from "./basket";
import { message, type Message } from "./message";
import { priceLine, type PricedLine, type PricedProduct } from "./pricing";

/** A line as stored on the order: priced when it was placed (or last changed). */
export type PlacedLine = Omit<PricedLine, "retailUnitPriceMinor" | "soldByWeight"> & { id: string };

export type LineChange =
  | { kind: "keep"; line: PlacedLine }
  | { kind: "change"; line: PlacedLine; priced: PricedLine; deltaMilli: number }
  | { kind: "remove"; line: PlacedLine; deltaMilli: number };

export type OrderChangePlan =
  | {
      ok: true;
      changes: LineChange[];
      changed: boolean;
      remaining: Array<Pick<PricedLine, "farmId" | "grams" | "chilled" | "lineTotalMinor">>;
    }
  | { ok: false; formErrors: Message[]; lineErrors: Record<string, Message> };

/**
 * Plans the change from what the buyer typed per line id. Lines not mentioned stay as they are.
 * `products` holds the current rows of the lines' products that are still sold (not archived).
 */
export function planOrderChange({
  lines,
  quantities,
  products,
  buyerKind,
}: {
  lines: readonly PlacedLine[];
  quantities: ReadonlyMap<string, string>;
  products: ReadonlyMap<string, PricedProduct>;
  buyerKind: BuyerKind | null;
}): OrderChangePlan {
  const lineErrors: Record<string, Message> = {};
  const known = new Set(lines.map((line) => line.id));
  const unknown = [...quantities.keys()].filter((id) => !known.has(id));
  if (unknown.length > 0) return { ok: false, formErrors: [message("messages:orderChange.unknownLine")], lineErrors };
  const changes: LineChange[] = [];
  for (const line of lines) {
    const typed = quantities.get(line.id);
    if (typed === undefined) {
      changes.push({ kind: "keep", line });
      continue;
    }
    if (/^\s*0+([.,]0*)?\s*$/.test(typed)) {
      changes.push({ kind: "remove", line, deltaMilli: -line.quantityMilli });
      continue;
    }
    const parsed = parseQuantity(typed, line.unit);
    if (!parsed.ok) {
      lineErrors[line.id] = message("messages:orderChange.zeroRemoves", { problem: parsed.message });
      continue;
    }
    if (parsed.quantityMilli === line.quantityMilli) {
      changes.push({ kind: "keep", line });
      continue;
    }
    const product = products.get(line.productId);
    if (!product) {
      lineErrors[line.id] = message("messages:orderChange.noLongerSold", { product: line.productName });
      continue;
    }
    changes.push({
      kind: "change",
      line,
      priced: priceLine(product, parsed.quantityMilli, buyerKind),
      deltaMilli: parsed.quantityMilli - line.quantityMilli,
    });
  }
  if (Object.keys(lineErrors).length > 0) return { ok: false, formErrors: [], lineErrors };
  type Remaining = Pick<PricedLine, "farmId" | "grams" | "chilled" | "lineTotalMinor">;
  const remaining = changes.flatMap((change): Remaining[] =>
    change.kind === "keep" ? [change.line] : change.kind === "change" ? [change.priced] : [],
  );
  if (remaining.length === 0)
    return {
      ok: false,
      formErrors: [message("messages:orderChange.atLeastOneLine")],
      lineErrors,
    };
  return { ok: true, changes, changed: changes.some((change) => change.kind !== "keep"), remaining };
}
