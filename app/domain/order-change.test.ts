import { describe, expect, it } from "vitest";
import { translateMessage } from "~/i18n/messages";
import { planOrderChange, type PlacedLine } from "./order-change";
import type { PricedProduct } from "./pricing";

const line = (id: string, extra: Partial<PlacedLine> = {}): PlacedLine => ({
  id,
  productId: `product-${id}`,
  farmId: "farm",
  productName: `Product ${id}`,
  unit: "KG",
  quantityMilli: 2000,
  unitPriceMinor: 300,
  lineTotalMinor: 600,
  grams: 2000,
  chilled: false,
  wholesaleApplied: false,
  ...extra,
});
const product = (id: string, extra: Partial<PricedProduct> = {}): PricedProduct => ({
  id: `product-${id}`,
  farmId: "farm",
  name: `Product ${id}`,
  unit: "KG",
  gramsPerUnit: 1000,
  retailPriceMinor: 350,
  wholesalePriceMinor: 250,
  wholesaleMinMilli: 5000,
  chilled: false,
  ...extra,
});
const plan = (
  quantities: Record<string, string>,
  products = [product("a"), product("b")],
  buyerKind: "HOUSEHOLD" | "RESTAURANT" = "HOUSEHOLD",
) =>
  planOrderChange({
    lines: [line("a"), line("b", { unit: "EACH", quantityMilli: 3000, grams: 900 })],
    quantities: new Map(Object.entries(quantities)),
    products: new Map(products.map((p) => [p.id, p])),
    buyerKind,
  });

describe("planOrderChange", () => {
  it("keeps unchanged lines at their price and prices changed ones as now", () => {
    const result = plan({ a: "3", b: "3" });
    if (!result.ok) throw new Error("expected a plan");
    expect(result.changes.map((c) => c.kind)).toEqual(["change", "keep"]);
    const changed = result.changes[0]!;
    expect(
      changed.kind === "change" && [changed.deltaMilli, changed.priced.unitPriceMinor, changed.priced.lineTotalMinor],
    ).toEqual([1000, 350, 1050]);
    expect(result.remaining.map((l) => l.lineTotalMinor)).toEqual([1050, 600]);
    expect(result.changed).toBe(true);
  });

  it("removes a line at 0 and refuses to remove every line", () => {
    const result = plan({ b: "0" });
    expect(result.ok && result.changes.map((c) => [c.kind, c.kind === "keep" ? 0 : c.deltaMilli])).toEqual([
      ["keep", 0],
      ["remove", -3000],
    ]);
    const none = plan({ a: "0", b: "0.0" });
    expect(none).toMatchObject({ ok: false, formErrors: [{ key: "messages:orderChange.atLeastOneLine" }] });
    expect(none.ok ? null : translateMessage(none.formErrors[0]!)).toMatch(/cancel the order/);
  });

  it("reports each bad quantity on its line, and unknown lines", () => {
    const result = plan({ a: "abc", b: "1.5" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(translateMessage(result.lineErrors.a!)).toMatch(/quantity/i);
    expect(translateMessage(result.lineErrors.b!)).toBe("Order whole items (no fractions) (0 removes the line)");
    const unknown = plan({ x: "1" });
    expect(unknown).toMatchObject({ ok: false, formErrors: [{ key: "messages:orderChange.unknownLine" }] });
    expect(unknown.ok ? null : translateMessage(unknown.formErrors[0]!)).toMatch(/not part of this order/);
  });

  it("lets a product no longer sold be kept or removed, not changed", () => {
    expect(plan({ a: "2", b: "0" }, [])).toMatchObject({ ok: true });
    const result = plan({ a: "3" }, []);
    expect(result.ok ? null : translateMessage(result.lineErrors.a!)).toMatch(/no longer sold/);
  });

  it("applies the wholesale price to a restaurant reaching the minimum", () => {
    const result = plan({ a: "5" }, undefined, "RESTAURANT");
    const changed = result.ok ? result.changes[0] : null;
    expect(changed?.kind === "change" && changed.priced).toMatchObject({
      unitPriceMinor: 250,
      wholesaleApplied: true,
      lineTotalMinor: 1250,
    });
  });

  it("notices when nothing changes", () => {
    expect(plan({ a: "2", b: "3" })).toMatchObject({ ok: true, changed: false });
  });
});
