// The carbon method page's figures come from the allocation code itself: the CARBON.md worked
// example, and the same round in a refrigerated van (decision 026).
import { describe, expect, it } from "vitest";
import { PROVISIONAL_MIN_ORDERS } from "~/services/provisional-plan.server";
import { DROP_OFF_FLOOR_GRAMS, NEIGHBOUR_STOPS, RECENT_CYCLES } from "~/domain/carbon";
import { loader } from "~/routes/carbon";

describe("carbon method page", () => {
  it("reproduces the worked example, and splits it in a refrigerated van with C's goods chilled", async () => {
    const data = await (await loader()).json();
    expect(data.example.stops.map((s) => s.co2eGrams)).toEqual([656, 4_200, 4_200, 5_469]);
    // 42 km × 0.34584 × 1.19 = 17,285.08 → 17,285 g; the van's own part 14,525 g is shared as in
    // the ordinary van; the 2,760 g of refrigeration all go to C, the only chilled goods.
    expect(data.refrigeratedExample).toMatchObject({
      routeGrams: 17_285,
      baseGrams: 14_525,
      refrigerationGrams: 2_760,
    });
    expect(data.refrigeratedExample.stops.map((s) => [s.id, s.vanGrams, s.refrigerationGrams, s.co2eGrams])).toEqual([
      ["A", 656, 0, 656],
      ["B", 4_200, 0, 4_200],
      ["C", 4_200, 2_760, 6_960],
      ["D", 5_469, 0, 5_469],
    ]);
    expect(data.page.steps.some((s) => /among the chilled goods only/.test(s))).toBe(true);
  });

  it("describes the checkout estimate with the figures the estimate uses", async () => {
    const data = await (await loader()).json();
    expect(data.estimate).toEqual({
      cycles: RECENT_CYCLES,
      neighbours: NEIGHBOUR_STOPS,
      dropOffFloorKg: DROP_OFF_FLOOR_GRAMS / 1000,
      dropOffDefaultKg: 100,
      provisionalMinOrders: PROVISIONAL_MIN_ORDERS,
    });
    expect(data.page.assumptions.map((a) => a.text)).toContain(
      `Checkout estimates read the hub’s last ${RECENT_CYCLES} planned cycles, and the open cycle’s provisional plan scaled by how full it is, and keep the median; a delivery is placed on the rounds of the ${NEIGHBOUR_STOPS} nearest stops with the same kind of goods; a farm’s own trip is taken to carry at least ${DROP_OFF_FLOOR_GRAMS / 1000} kg.`,
    );
    expect(data.page.steps.some((s) => /estimate from the hub’s recent routes/.test(s))).toBe(true);
  });
});
