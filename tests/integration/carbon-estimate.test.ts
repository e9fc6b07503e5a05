import { describe, expect, it } from "vitest";
import { DESNZ_2025, estimateOrderCarbon, parseCarbonDetail } from "~/domain/carbon";
import { roadDistanceMetres } from "~/domain/geo";
import { getActiveFactorSet, resolveFactorSet, validateCarbonConfig } from "~/services/carbon-config.server";
import { estimateOrderForCheckout } from "~/services/carbon-estimate.server";
import { prisma } from "~/utils/db.server";
import { createTestCycle, createTestFarm, createTestHub, createTestUser, createTestVehicle } from "../factories";

const DEPOT = { lat: 51.4545, lng: -2.5879 };
const NEAR = { lat: 51.52, lng: -2.62 };
const FAR = { lat: 51.35, lng: -2.45 };
const BUYER = { lat: 51.47, lng: -2.56 };

async function hubWithFarms() {
  const hub = await createTestHub({ depotLat: DEPOT.lat, depotLng: DEPOT.lng });
  const collected = await createTestFarm({ hubId: hub.id, ...NEAR, name: "Near Farm" });
  const selfDelivering = await createTestFarm({ hubId: hub.id, ...FAR, name: "Far Dairy" });
  await prisma.farm.update({ where: { id: selfDelivering.id }, data: { selfDelivers: true } });
  return { hub, collected, selfDelivering };
}

describe("estimateOrderForCheckout", () => {
  it("estimates with the default typical rounds and matches the domain estimate", async () => {
    const { hub, collected, selfDelivering } = await hubWithFarms();
    const result = await estimateOrderForCheckout({
      hubId: hub.id,
      lines: [
        { farmId: collected.id, grams: 2_000, chilled: false },
        { farmId: selfDelivering.id, grams: 1_000, chilled: true },
      ],
      delivery: BUYER,
    });
    const expected = estimateOrderCarbon({
      lines: [
        { farmId: collected.id, grams: 2_000 },
        { farmId: selfDelivering.id, grams: 1_000 },
      ],
      farms: [
        { farmId: collected.id, farmToHubMetres: roadDistanceMetres(NEAR, DEPOT), arrival: "COLLECTION" },
        { farmId: selfDelivering.id, farmToHubMetres: roadDistanceMetres(FAR, DEPOT), arrival: "FARM_DROP_OFF" },
      ],
      delivery: { hubToBuyerMetres: roadDistanceMetres(DEPOT, BUYER) },
      distanceBasis: "GREAT_CIRCLE_X_CIRCUITY",
    });
    if (result.estimate.status !== "ESTIMATED" || expected.status !== "ESTIMATED")
      throw new Error("expected estimates");
    expect(result.estimate.co2eGrams).toBe(expected.gramsCo2e);
    expect(result.estimate.foodMetres).toBe(expected.foodMetres);
    expect(result.estimate.typicalRounds).toEqual({ collection: "DEFAULT", delivery: "DEFAULT" });
    expect(result.estimate.refrigeratedUplift).toBe(false);
    expect(result.estimate.byFarm.map((f) => f.farmName).sort()).toEqual(["Far Dairy", "Near Farm"]);
    expect(result.estimate.legs.find((l) => l.farmId === selfDelivering.id)?.via).toBe("FARM_DROP_OFF");
    // Household home delivery: the baseline includes the car trip.
    expect(result.estimate.baseline).toMatchObject({ carTripMetres: 12_400, profileId: "uk-dft-defra-nts" });
    expect(result.fields).toMatchObject({
      estCo2eGrams: expected.gramsCo2e,
      estFoodMetres: expected.foodMetres,
      carbonMethodVersion: "foodshed-carbon-2",
      carbonFactorSet: "desnz-2025",
    });
  });

  it("stores on an order and reads back through CarbonDetailSchema", async () => {
    const { hub, collected } = await hubWithFarms();
    const buyer = await createTestUser({ hubId: hub.id });
    const cycle = await createTestCycle(hub.id);
    const { fields } = await estimateOrderForCheckout({
      hubId: hub.id,
      lines: [{ farmId: collected.id, grams: 4_500, chilled: false }],
      delivery: null,
      buyerKind: "HOUSEHOLD",
    });
    const order = await prisma.order.create({
      data: {
        buyerId: buyer.id,
        hubId: hub.id,
        cycleId: cycle.id,
        fulfilment: "PICKUP",
        paymentMethod: "ON_DELIVERY",
        subtotalMinor: 1000,
        totalMinor: 1000,
        totalGrams: 4_500,
        ...fields,
      },
      select: { estCo2eGrams: true, carbonDetail: true },
    });
    const detail = parseCarbonDetail(order.carbonDetail);
    expect(detail?.estimate?.status).toBe("ESTIMATED");
    expect(detail?.allocation).toBeNull();
    if (detail?.estimate?.status !== "ESTIMATED") return;
    expect(detail.estimate.co2eGrams).toBe(order.estCo2eGrams);
    // Pickup: no delivery leg, no car trip in the baseline.
    expect(detail.estimate.hubToBuyerCo2eGrams).toBe(0);
    expect(detail.estimate.baseline?.carTripMetres).toBeNull();
  });

  it("puts chilled goods on the hub's refrigerated van and ambient goods on its usual van", async () => {
    const { hub, collected } = await hubWithFarms();
    const lines = [{ farmId: collected.id, grams: 3_000, chilled: true }];
    const before = await estimateOrderForCheckout({ hubId: hub.id, lines, delivery: BUYER });
    await createTestVehicle(hub.id, { energyType: "van-diesel-class-iii" });
    await createTestVehicle(hub.id, { energyType: "van-diesel-class-iii" });
    await createTestVehicle(hub.id, { energyType: "van-diesel-class-iii", refrigerated: true });
    const after = await estimateOrderForCheckout({ hubId: hub.id, lines, delivery: BUYER });
    const ambient = await estimateOrderForCheckout({
      hubId: hub.id,
      lines: [{ ...lines[0]!, chilled: false }],
      delivery: BUYER,
    });
    if (before.estimate.status !== "ESTIMATED" || after.estimate.status !== "ESTIMATED") throw new Error("expected");
    if (ambient.estimate.status !== "ESTIMATED") throw new Error("expected");
    expect(after.estimate.refrigeratedUplift).toBe(true);
    expect(ambient.estimate.refrigeratedUplift).toBe(false);
    // Default vehicle is the same class III van, so the difference is exactly the uplift (± rounding per leg).
    expect(ambient.estimate.co2eGrams).toBe(before.estimate.co2eGrams);
    expect(Math.abs(after.estimate.co2eGrams - before.estimate.co2eGrams * 1.19)).toBeLessThanOrEqual(2);
  });

  it("learns typical rounds from the hub's planned routes", async () => {
    const { hub, collected } = await hubWithFarms();
    const buyer = await createTestUser({ hubId: hub.id });
    const van = await createTestVehicle(hub.id, { energyType: "van-diesel-class-iii" });
    const cycle = await createTestCycle(hub.id, { status: "PLANNED" });
    const order = await prisma.order.create({
      data: {
        buyerId: buyer.id,
        hubId: hub.id,
        cycleId: cycle.id,
        fulfilment: "DELIVERY",
        paymentMethod: "ON_DELIVERY",
        subtotalMinor: 1000,
        totalMinor: 1000,
        totalGrams: 200_000,
      },
    });
    const at = new Date();
    const route = (
      kind: "COLLECTION" | "DELIVERY",
      distanceM: number,
      stop: { farmId?: string; orderId?: string; d: number },
    ) => ({
      vehicleId: van.id,
      kind,
      position: 0,
      startAt: at,
      endAt: at,
      distanceM,
      durationS: 3600,
      loadGrams: 200_000,
      co2eGrams: 0,
      factorKey: van.energyType,
      stops: {
        create: [
          {
            sequence: 1,
            farmId: stop.farmId ?? null,
            orderId: stop.orderId ?? null,
            arrivalAt: at,
            departureAt: at,
            gramsHandled: 200_000,
            loadGramsAfter: 0,
            distanceFromDepotM: stop.d,
            co2eGrams: 0,
          },
        ],
      },
    });
    await prisma.routePlan.create({
      data: {
        cycleId: cycle.id,
        distanceSource: "haversine",
        routes: {
          create: [
            route("COLLECTION", 30_000, { farmId: collected.id, d: 12_000 }),
            route("DELIVERY", 20_000, { orderId: order.id, d: 8_000 }),
          ],
        },
      },
    });
    const lines = [{ farmId: collected.id, grams: 1_000, chilled: false }];
    const result = await estimateOrderForCheckout({ hubId: hub.id, lines, delivery: BUYER });
    if (result.estimate.status !== "ESTIMATED") throw new Error("expected ESTIMATED");
    expect(result.estimate.typicalRounds).toEqual({ collection: "HUB_HISTORY", delivery: "HUB_HISTORY" });
    // Collection leg: 1 kg × d × (30 km × 1.05 × 0.34584) ÷ (200 kg × 12 km).
    const d = roadDistanceMetres(NEAR, DEPOT);
    const expected = Math.round((1_000 * d * 30_000 * 1.05 * 0.34584) / (200_000 * 12_000));
    expect(result.estimate.farmToHubCo2eGrams).toBe(expected);
  });

  it("charges refrigeration to chilled goods only, with the chilled share learned from the hub's refrigerated rounds", async () => {
    // The hub's only van is refrigerated. Its planned delivery round: 20 km, a chilled part of
    // 50 kg and an ambient part of 150 kg, both 8 km out → chilled goods are 25% of its t·km.
    const { hub, collected } = await hubWithFarms();
    const buyer = await createTestUser({ hubId: hub.id });
    const chiller = await createTestVehicle(hub.id, { energyType: "van-diesel-class-iii", refrigerated: true });
    const cycle = await createTestCycle(hub.id, { status: "PLANNED" });
    const order = await prisma.order.create({
      data: {
        buyerId: buyer.id,
        hubId: hub.id,
        cycleId: cycle.id,
        fulfilment: "DELIVERY",
        paymentMethod: "ON_DELIVERY",
        subtotalMinor: 1000,
        totalMinor: 1000,
        totalGrams: 200_000,
      },
    });
    const at = new Date();
    const part = (sequence: number, cargo: "CHILLED" | "AMBIENT", grams: number) => ({
      sequence,
      orderId: order.id,
      cargo,
      arrivalAt: at,
      departureAt: at,
      gramsHandled: grams,
      loadGramsAfter: 0,
      distanceFromDepotM: 8_000,
      co2eGrams: 0,
    });
    await prisma.routePlan.create({
      data: {
        cycleId: cycle.id,
        distanceSource: "haversine",
        routes: {
          create: [
            {
              vehicleId: chiller.id,
              kind: "DELIVERY",
              position: 0,
              startAt: at,
              endAt: at,
              distanceM: 20_000,
              durationS: 3600,
              loadGrams: 200_000,
              co2eGrams: 0,
              factorKey: chiller.energyType,
              stops: { create: [part(1, "CHILLED", 50_000), part(2, "AMBIENT", 150_000)] },
            },
          ],
        },
      },
    });
    const estimate = async (chilled: boolean) => {
      const result = await estimateOrderForCheckout({
        hubId: hub.id,
        lines: [{ farmId: collected.id, grams: 1_000, chilled }],
        delivery: BUYER,
      });
      if (result.estimate.status !== "ESTIMATED") throw new Error("expected ESTIMATED");
      return result.estimate.legs.find((l) => l.leg === "HUB_TO_BUYER")!;
    };
    // Base: 1 kg × d × (20 km × 1.05 × 0.34584) ÷ (200 kg × 8 km); the unit adds 0.19 of that for
    // the round, which the chilled goods (25% of its t·km) carry: 0.19 ÷ 0.25 = 0.76 of the base.
    const base = (1_000 * roadDistanceMetres(DEPOT, BUYER) * 20_000 * 1.05 * 0.34584) / (200_000 * 8_000);
    const ambient = await estimate(false);
    expect([ambient.co2eGrams, ambient.refrigerationCo2eGrams]).toEqual([Math.round(base), 0]);
    const chilled = await estimate(true);
    expect(chilled.refrigerationCo2eGrams).toBe(Math.round(base * 0.76));
    expect(chilled.co2eGrams).toBe(Math.round(base * 1.76));
  });

  it("says 'not estimated' with the farm's name when goods have no weight, never 0", async () => {
    const { hub, collected } = await hubWithFarms();
    const result = await estimateOrderForCheckout({
      hubId: hub.id,
      lines: [
        { farmId: collected.id, grams: 0, chilled: false },
        { farmId: collected.id, grams: 500, chilled: false },
      ],
      delivery: BUYER,
    });
    expect(result.estimate.status).toBe("NOT_ESTIMATED");
    expect(result.estimate.status === "NOT_ESTIMATED" && result.estimate.reason).toContain("Near Farm");
    expect(result.fields.estCo2eGrams).toBeNull();
    expect(result.fields.estFoodMetres).toBeNull();
    expect(parseCarbonDetail(result.fields.carbonDetail)?.estimate?.status).toBe("NOT_ESTIMATED");
  });

  it("does not estimate goods from a farm of another hub (scoped by hub)", async () => {
    const { hub } = await hubWithFarms();
    const other = await hubWithFarms();
    const result = await estimateOrderForCheckout({
      hubId: hub.id,
      lines: [{ farmId: other.collected.id, grams: 1_000, chilled: false }],
      delivery: BUYER,
    });
    expect(result.estimate.status).toBe("NOT_ESTIMATED");
    expect(result.fields.estCo2eGrams).toBeNull();
  });
});

describe("carbon configuration", () => {
  it("uses DESNZ 2025 when no override is configured", () => {
    expect(getActiveFactorSet().id).toBe(DESNZ_2025.id);
    expect(validateCarbonConfig()).toEqual({ factorSetId: "desnz-2025", overridden: false });
    expect(resolveFactorSet("  ")).toBe(DESNZ_2025);
  });

  it("builds an override set", () => {
    const set = resolveFactorSet(
      JSON.stringify({ id: "fr-2025", source: "ADEME Base Empreinte", year: 2025, electricityKgCo2ePerKwh: 0.05 }),
    );
    expect(set.id).toBe("fr-2025");
    expect(set.vehicleFactors.find((f) => f.key === "van-bev-average")!.wellToWheelKgPerKm).toBeLessThan(0.03);
  });

  it("fails with a message naming the variable and the bad value", () => {
    expect(() => resolveFactorSet("{not json")).toThrow(/CARBON_FACTOR_OVERRIDES is not valid JSON.*\{not json/);
    expect(() =>
      resolveFactorSet(
        JSON.stringify({
          id: "x-1",
          source: "s",
          year: 2025,
          vehicleFactors: { "van-diesel-average": { direct: -0.2, upstream: 0.06 } },
        }),
      ),
    ).toThrow(
      /CARBON_FACTOR_OVERRIDES: .*vehicleFactors\.van-diesel-average\.direct must be a positive number, got -0\.2/,
    );
  });
});
