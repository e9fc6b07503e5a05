import { describe, expect, it } from "vitest";
import {
  deliveryFeeMinor,
  groupByFarm,
  invoiceDueAt,
  lineTotalMinor,
  orderTotals,
  priceLine,
  type PricedProduct,
} from "./pricing";

const carrots: PricedProduct = {
  id: "p1",
  farmId: "f1",
  name: "Carrots",
  unit: "KG",
  gramsPerUnit: 1000,
  retailPriceMinor: 250,
  wholesalePriceMinor: 180,
  wholesaleMinMilli: 5000,
  chilled: false,
};

describe("priceLine", () => {
  it.each([
    ["household below the minimum", "HOUSEHOLD", 2000, 250, false, 500],
    ["household above the minimum never gets wholesale", "HOUSEHOLD", 10_000, 250, false, 2500],
    ["restaurant below the minimum", "RESTAURANT", 4900, 250, false, 1225],
    ["restaurant at the minimum", "RESTAURANT", 5000, 180, true, 900],
    ["restaurant above the minimum", "RESTAURANT", 7500, 180, true, 1350],
  ] as const)("%s", (_label, kind, qty, unitPrice, wholesale, total) => {
    const line = priceLine(carrots, qty, kind);
    expect(line.unitPriceMinor).toBe(unitPrice);
    expect(line.wholesaleApplied).toBe(wholesale);
    expect(line.lineTotalMinor).toBe(total);
  });

  it("never applies wholesale to a product without a wholesale price", () => {
    expect(priceLine({ ...carrots, wholesalePriceMinor: null }, 50_000, "RESTAURANT").wholesaleApplied).toBe(false);
  });

  it("computes grams from the weight per unit", () => {
    expect(priceLine({ ...carrots, unit: "DOZEN", gramsPerUnit: 720 }, 2000, "HOUSEHOLD").grams).toBe(1440);
    expect(priceLine(carrots, 1500, "HOUSEHOLD").grams).toBe(1500);
  });

  it("rounds a fractional line total to the nearest minor unit", () => {
    expect(lineTotalMinor(333, 1500)).toBe(500); // 499.5 → 500
    expect(lineTotalMinor(199, 300)).toBe(60); // 59.7 → 60
  });
});

describe("totals", () => {
  const hub = { orderMinimumMinor: 2000, deliveryFeeMinor: 350, deliveryFeePerKmMinor: 20 };
  it("adds a flat and per-km delivery fee, none for pickup", () => {
    expect(deliveryFeeMinor(hub, "DELIVERY", 4_200)).toBe(350 + 5 * 20);
    expect(deliveryFeeMinor(hub, "PICKUP", 4_200)).toBe(0);
  });
  it("reports the shortfall against the hub minimum and the wholesale saving", () => {
    const lines = [
      priceLine(carrots, 5000, "RESTAURANT"),
      priceLine({ ...carrots, id: "p2", farmId: "f2" }, 1000, "RESTAURANT"),
    ];
    const totals = orderTotals(lines, hub, 350);
    expect(totals.subtotalMinor).toBe(900 + 250);
    expect(totals.totalMinor).toBe(1150 + 350);
    expect(totals.shortOfMinimumMinor).toBe(850);
    expect(totals.wholesaleSavingMinor).toBe(350);
    expect(totals.totalGrams).toBe(6000);
    expect(groupByFarm(lines).map((g) => g.farmId)).toEqual(["f1", "f2"]);
  });
  it("dates invoices net 14 and net 30", () => {
    const placed = new Date("2025-06-01T10:00:00Z");
    expect(invoiceDueAt(placed, 14).toISOString()).toBe("2025-06-15T10:00:00.000Z");
    expect(invoiceDueAt(placed, 30).toISOString()).toBe("2025-07-01T10:00:00.000Z");
  });
});
