import { describe, expect, it } from "vitest";
import { allocatedOrderFields, estimatedOrderFields, estimateFor } from "../../../tests/fixtures/carbon-orders";
import { allocateCycle, buildAllocationDetail } from "~/domain/carbon";
import { co2ePerKgText, comparisonSentence, legRows, orderCarbonView, provenanceText } from "./format";

const OVERCLAIM = /less|lower|sav/i;

describe("comparisonSentence", () => {
  it("states a conservative saving only when the comparison says LOWER", () => {
    const e = estimateFor({ farmToHubMetres: 15_000 });
    if (e.status !== "ESTIMATED" || e.comparison.status !== "COMPARED") throw new Error("fixture");
    expect(e.comparison.claim).toBe("LOWER");
    const s = comparisonSentence(e.comparison);
    expect(s.tone).toBe("lower");
    expect(s.text).toMatch(
      /^Lower than the same food through a conventional supply chain: at least [\d.,]+ (g|kg) CO2e \(\d+%\) less/,
    );
    expect(s.text).toContain(`(${e.comparison.conservativeSavingPercent}%)`);
  });

  it("claims nothing when the bands overlap", () => {
    // A restaurant's pickup from a farm 50 km away that brings its own goods: no car trip in the baseline.
    const e = estimateFor({
      farmToHubMetres: 50_000,
      arrival: "FARM_DROP_OFF",
      grams: 1_000,
      delivery: null,
      buyerKind: "RESTAURANT",
    });
    if (e.status !== "ESTIMATED" || e.comparison.status !== "COMPARED") throw new Error("fixture");
    expect(e.comparison.claim).toBe("NO_CLEAR_DIFFERENCE");
    const s = comparisonSentence(e.comparison);
    expect(s.tone).toBe("neutral");
    expect(s.text).toMatch(/^No clear difference/);
    expect(s.text.replace("No clear difference", "")).not.toMatch(OVERCLAIM);
  });

  it("says so when the order is higher", () => {
    const e = estimateFor({
      farmToHubMetres: 200_000,
      arrival: "FARM_DROP_OFF",
      grams: 1_000,
      delivery: null,
      buyerKind: "RESTAURANT",
    });
    if (e.status !== "ESTIMATED" || e.comparison.status !== "COMPARED") throw new Error("fixture");
    expect(e.comparison.claim).toBe("HIGHER");
    expect(comparisonSentence(e.comparison)).toMatchObject({
      tone: "higher",
      text: expect.stringMatching(/^Higher than/),
    });
  });

  it("gives the reason when nothing was compared", () => {
    const s = comparisonSentence({ status: "NOT_COMPARED", reason: "Some goods have no weight data." });
    expect(s).toEqual({
      tone: "none",
      text: "Not compared with a conventional supply chain: Some goods have no weight data.",
    });
  });
});

describe("co2ePerKgText", () => {
  it("divides by the food's weight and refuses a zero weight", () => {
    expect(co2ePerKgText(90, 3_000)).toBe("30 g CO2e per kg of food");
    expect(co2ePerKgText(90, 0)).toBeNull();
  });
});

describe("orderCarbonView", () => {
  it("shows the estimate until the cycle is planned", () => {
    const view = orderCarbonView(estimatedOrderFields());
    expect(view.shown.kind).toBe("ESTIMATED");
    expect(view.factorSetId).toBe("desnz-2025");
    expect(provenanceText(view)).toBe(
      "Method foodshed-carbon-2 · factor set desnz-2025 · distances: straight-line distance × road circuity",
    );
  });

  it("shows the allocation once planned, keeping the estimate for reference", () => {
    const fields = allocatedOrderFields();
    const view = orderCarbonView(fields);
    expect(view.shown.kind).toBe("ALLOCATED");
    expect(view.estimateCo2eGrams).toBe(fields.estCo2eGrams);
    expect(view.distanceBasis).toBe("ROAD_NETWORK");
    if (view.shown.kind !== "ALLOCATED") return;
    const rows = legRows(view.shown.figure);
    expect(rows.map((r) => r.label)).toEqual(["Farm → hub", "Hub → you"]);
    expect(rows[0]!.detail).toBe("By the hub's collection run and the farm's own trip to the hub");
    expect(rows.reduce((s, r) => s + r.co2eGrams, 0)).toBe(view.shown.figure.co2eGrams);
  });

  it("shows an allocation stored in the earlier shape, with the estimate from its column", () => {
    const view = orderCarbonView({
      ...estimatedOrderFields(),
      allocCo2eGrams: 40,
      allocFoodMetres: 12_000,
      carbonDetail: {
        status: "ALLOCATED",
        distanceBasis: "GREAT_CIRCLE_X_CIRCUITY",
        farmToHubGramsCo2e: 25,
        hubToBuyerGramsCo2e: 15,
        byFarm: [{ farmId: "F1", gramsCo2e: 25 }],
        legs: [
          {
            routeId: "c",
            routeKind: "COLLECTION",
            leg: "FARM_TO_HUB",
            stopId: "s1",
            farmId: "F1",
            grams: 1_000,
            distanceFromDepotMetres: 9_000,
            gramsCo2e: 25,
          },
          {
            routeId: "d",
            routeKind: "DELIVERY",
            leg: "HUB_TO_BUYER",
            stopId: "s2",
            farmId: null,
            grams: 1_000,
            distanceFromDepotMetres: 3_000,
            gramsCo2e: 15,
          },
        ],
      },
    });
    expect(view.shown.kind).toBe("ALLOCATED");
    expect(view.estimateCo2eGrams).toBe(estimatedOrderFields().estCo2eGrams);
    if (view.shown.kind === "ALLOCATED") expect(view.shown.figure.co2eGrams).toBe(40);
  });

  it("falls back to the stored columns when the detail is unreadable", () => {
    const view = orderCarbonView({
      ...estimatedOrderFields(),
      carbonDetail: { something: "else" },
      allocCo2eGrams: 123,
      allocFoodMetres: 9_000,
    });
    expect(view.shown).toEqual({ kind: "TOTALS_ONLY", label: "ALLOCATED", co2eGrams: 123, foodMetres: 9_000 });
  });

  it("says 'not estimated' with the reason, never zero", () => {
    const estimate = estimateFor({ farmToHubMetres: 10_000, grams: null });
    const view = orderCarbonView({
      estFoodMetres: null,
      estCo2eGrams: null,
      allocFoodMetres: null,
      allocCo2eGrams: null,
      carbonMethodVersion: estimate.methodVersion,
      carbonFactorSet: estimate.factorSetId,
      carbonDetail: { schemaVersion: 1, estimate, allocation: null },
    });
    expect(view.shown).toMatchObject({ kind: "NOT_ESTIMATED", stage: "ESTIMATED" });
  });

  it("has nothing to show for an order without carbon data", () => {
    const view = orderCarbonView({
      estFoodMetres: null,
      estCo2eGrams: null,
      allocFoodMetres: null,
      allocCo2eGrams: null,
      carbonMethodVersion: null,
      carbonFactorSet: null,
      carbonDetail: null,
    });
    expect(view.shown.kind).toBe("NONE");
    expect(provenanceText(view)).toBeNull();
  });
});

describe("legRows and the refrigeration part (decision 026)", () => {
  it("says how much of a leg is the refrigerated van's unit, and nothing when there is none", () => {
    // A 20 km delivery in a refrigerated class III van: 8,231 g, of which refrigeration 1,314 g.
    // o1 (2 kg chilled of 3 kg) is the only order with chilled goods: all 1,314 g are its.
    const cycle = allocateCycle({
      routes: [
        {
          id: "r",
          kind: "DELIVERY",
          metres: 20_000,
          distanceKind: "DRIVEN",
          vehicle: { energyType: "van-diesel-class-iii", refrigerated: true },
          stops: [
            {
              id: "a",
              distanceFromDepotMetres: 5_000,
              consignments: [{ orderId: "o1", farmId: null, grams: 3_000, chilledGrams: 2_000 }],
            },
            { id: "b", distanceFromDepotMetres: 5_000, consignments: [{ orderId: "o2", farmId: null, grams: 3_000 }] },
          ],
        },
      ],
      distanceBasis: "ROAD_NETWORK",
    });
    const detail = (orderId: string) =>
      buildAllocationDetail({
        allocated: cycle.orders.find((o) => o.orderId === orderId)!,
        lines: [{ grams: 3_000, chilled: orderId === "o1" }],
        householdCarTrip: false,
        farmNames: new Map(),
        planId: "p",
        computedAt: new Date("2026-12-01T10:00:00Z"),
      });
    const chilled = detail("o1");
    const ambient = detail("o2");
    if (chilled.status !== "ALLOCATED" || ambient.status !== "ALLOCATED") throw new Error("fixture");
    expect(chilled.refrigerationCo2eGrams).toBe(1_314);
    expect(legRows(chilled).map((r) => r.refrigeration)).toEqual([
      null,
      "incl. 1.31 kg CO2e for the van’s refrigeration",
    ]);
    expect(ambient.refrigerationCo2eGrams).toBe(0);
    expect(legRows(ambient).map((r) => r.refrigeration)).toEqual([null, null]);
    // Base 6,917 by t·km 1:1 → 3,459 / 3,458; the chilled order adds the whole refrigeration part.
    expect([chilled.co2eGrams, ambient.co2eGrams]).toEqual([3_459 + 1_314, 3_458]);
  });
});
