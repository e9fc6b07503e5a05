import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { estimateFor } from "../../../tests/fixtures/carbon-orders";
import { baselineRangeView } from "./baseline-range";
import { CarbonEstimate } from "./carbon-estimate";
import { OrderCarbon } from "./order-carbon";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

/** An order's carbonDetail as checkout stored it before regional baselines (one US-average figure, ±50%). */
const OLD_DETAIL = {
  schemaVersion: 1,
  estimate: {
    status: "ESTIMATED",
    methodVersion: "foodshed-carbon-1",
    factorSetId: "desnz-2025",
    distanceBasis: "GREAT_CIRCLE_X_CIRCUITY",
    computedAt: "2026-11-30T09:00:00.000Z",
    co2eGrams: 88,
    farmToHubCo2eGrams: 40,
    hubToBuyerCo2eGrams: 48,
    foodMetres: 23_000,
    grams: 1_000,
    legs: [
      {
        leg: "FARM_TO_HUB",
        via: "COLLECTION",
        routeId: null,
        farmId: "F1",
        farmName: "Hill Farm",
        grams: 1_000,
        metres: 15_000,
        co2eGrams: 40,
      },
      {
        leg: "HUB_TO_BUYER",
        via: "DELIVERY",
        routeId: null,
        farmId: null,
        farmName: null,
        grams: 1_000,
        metres: 8_000,
        co2eGrams: 48,
      },
    ],
    byFarm: [{ farmId: "F1", farmName: "Hill Farm", grams: 1_000, co2eGrams: 40, metres: 15_000 }],
    baseline: {
      co2eGrams: 2_335,
      conventionalChainCo2eGrams: 248,
      carTripCo2eGrams: 2_087,
      conventionalMetres: 2_443_000,
      carTripMetres: 10_000,
    },
    comparison: {
      status: "COMPARED",
      claim: "LOWER",
      orderCo2eGrams: 88,
      baselineCo2eGrams: 2_335,
      differenceCo2eGrams: 2_247,
      conservativeSavingCo2eGrams: 1_035,
      conservativeSavingPercent: 88,
      caveats: ["TRANSPORT_ONLY", "BASELINE_IS_AN_AVERAGE", "CAR_TRIP_ASSUMED", "ESTIMATE_BEFORE_ROUTES"],
    },
    typicalRounds: { collection: "DEFAULT", delivery: "DEFAULT" },
    refrigeratedUplift: false,
  },
  allocation: null,
};

describe("the baseline range", () => {
  it("is shown at checkout as low to high with the central value, the hub's profile and a chart", () => {
    const estimate = estimateFor({ farmToHubMetres: 15_000 });
    if (estimate.status !== "ESTIMATED" || !estimate.baseline) throw new Error("fixture");
    const b = estimate.baseline;
    const html = renderToString(<CarbonEstimate estimate={estimate} />);
    const t = text(html);
    expect(t).toContain("Conventional supply chain for the same food:");
    expect(t).toContain("United Kingdom (DfT, DEFRA, National Travel Survey)");
    expect(b.lowCo2eGrams).toBeLessThan(b.co2eGrams);
    expect(html).toContain('role="img"');
    expect(html).toContain("baseline-range-central");
    expect(t).toContain("Transport only");
  });

  it("places the band, the central tick and the order on one scale", () => {
    const view = baselineRangeView(
      {
        co2eGrams: 1_759,
        lowCo2eGrams: 1_074,
        highCo2eGrams: 3_018,
        conventionalChainCo2eGrams: 77,
        carTripCo2eGrams: 1_682,
        conventionalMetres: 1_984_000,
        carTripMetres: 12_400,
        profileId: "uk-dft-defra-nts",
      },
      88,
    );
    // Scale 0 → 3,018 × 1.05 = 3,168.9 g.
    expect(view?.position).toEqual({ low: 33.9, central: 55.5, high: 95.2, order: 2.8 });
    expect(
      baselineRangeView(
        {
          co2eGrams: 2_335,
          conventionalChainCo2eGrams: 248,
          carTripCo2eGrams: 2_087,
          conventionalMetres: 2_443_000,
          carTripMetres: 10_000,
        },
        88,
      ),
    ).toBeNull();
  });

  it("keeps an order stored before regional baselines readable, as it was compared", () => {
    const t = text(
      renderToString(
        <OrderCarbon
          estFoodMetres={23_000}
          estCo2eGrams={88}
          allocFoodMetres={null}
          allocCo2eGrams={null}
          carbonMethodVersion="foodshed-carbon-1"
          carbonFactorSet="desnz-2025"
          carbonDetail={JSON.parse(JSON.stringify(OLD_DETAIL)) as unknown}
        />,
      ),
    );
    expect(t).toContain("Hill Farm");
    expect(t).toContain("at least 1.04 kg CO2e (88%) less");
    expect(t).toContain("2,443 km by lorry");
    expect(t).toContain("10 km car trip");
    expect(t).toContain("average distance of conventionally sourced produce (2,443 km by lorry)");
    expect(t).not.toContain("Conventional supply chain for the same food:");
  });
});
