// The hub's regional baseline profile: chosen on hub settings, then used by the checkout
// estimate's comparison, by plan save and by the cycle carbon report (real PGlite database).
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BaselineProfiles } from "~/components/carbon/baseline-profiles";
import { BASELINE_PROFILES, computeBaseline, parseCarbonDetail } from "~/domain/carbon";
import { createRoutePlan } from "~/models/route-plan.server";
import { loader as methodLoader } from "~/routes/carbon";
import { action as settingsAction, loader as settingsLoader } from "~/routes/hub.settings";
import { runWithRequestLanguage } from "~/i18n/i18n.server";
import { getCarbonReport } from "~/services/carbon-report.server";
import { estimateOrderForCheckout } from "~/services/carbon-estimate.server";
import { recomputePlanCarbon } from "~/services/route-planning.server";
import { prisma } from "~/utils/db.server";
import {
  createTestCycle,
  createTestFarm,
  createTestHub,
  createTestProduct,
  createTestUser,
  createTestVehicle,
  makeRequest,
} from "../factories";

const args = (request: Request) => ({ request, params: {}, context: {} });
async function responseOf(promise: Promise<unknown>): Promise<Response> {
  try {
    return (await promise) as Response;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

async function hubOf() {
  const coordinator = await createTestUser({ role: "COORDINATOR" });
  const hub = await createTestHub({ coordinatorId: coordinator.id });
  const farm = await createTestFarm({ hubId: hub.id, lat: 51.52, lng: -2.62, name: "Near Farm" });
  return { coordinator, hub, farm };
}

/** The settings form as the page posts it, with the hub's current values. */
async function settingsForm(hubId: string, carbonBaselineProfile?: string) {
  const hub = await prisma.hub.findUniqueOrThrow({ where: { id: hubId } });
  return {
    name: hub.name,
    depotAddress: hub.depotAddress,
    depotLat: String(hub.depotLat),
    depotLng: String(hub.depotLng),
    zoneRadiusKm: "15",
    orderMinimum: "0",
    deliveryFee: "3.50",
    deliveryFeePerKm: "0",
    cutoffDaysBefore: "2",
    cutoffTime: "18:00",
    timeZone: hub.timeZone,
    currency: hub.currency,
    ...(carbonBaselineProfile === undefined ? {} : { carbonBaselineProfile }),
  };
}

const estimate = (hubId: string, farmId: string) =>
  estimateOrderForCheckout({
    hubId,
    lines: [{ farmId, grams: 1_000, chilled: false }],
    delivery: { lat: 51.47, lng: -2.56 },
    buyerKind: "HOUSEHOLD",
  });

describe("the hub's baseline profile", () => {
  it("defaults to the UK profile, is saved from hub settings and is used by the checkout comparison", async () => {
    const { coordinator, hub, farm } = await hubOf();
    expect(hub.carbonBaselineProfile).toBe("uk-dft-defra-nts");
    const before = await estimate(hub.id, farm.id);
    if (before.estimate.status !== "ESTIMATED") throw new Error("expected an estimate");
    const uk = computeBaseline({ lines: [{ grams: 1_000, chilled: false }], householdCarTrip: true });
    if (uk.status !== "ESTIMATED") throw new Error("expected a baseline");
    expect(before.estimate.baseline).toMatchObject({
      profileId: "uk-dft-defra-nts",
      co2eGrams: uk.gramsCo2e,
      lowCo2eGrams: uk.lowGramsCo2e,
      highCo2eGrams: uk.highGramsCo2e,
    });

    const saved = await responseOf(
      settingsAction(
        args(
          await makeRequest("/hub/settings", {
            userId: coordinator.id,
            form: await settingsForm(hub.id, "europe-assumption"),
          }),
        ),
      ),
    );
    expect(saved.status).toBe(302);
    expect((await prisma.hub.findUniqueOrThrow({ where: { id: hub.id } })).carbonBaselineProfile).toBe(
      "europe-assumption",
    );
    const page = (await (
      (await settingsLoader(args(await makeRequest("/hub/settings", { userId: coordinator.id })))) as Response
    ).json()) as { hub: { carbonBaselineProfile: string } };
    expect(page.hub.carbonBaselineProfile).toBe("europe-assumption");

    // The checkout estimate now compares with the European range and says it is an assumption.
    const after = await estimate(hub.id, farm.id);
    if (after.estimate.status !== "ESTIMATED") throw new Error("expected an estimate");
    const europe = computeBaseline({
      lines: [{ grams: 1_000, chilled: false }],
      householdCarTrip: true,
      profile: BASELINE_PROFILES["europe-assumption"],
    });
    if (europe.status !== "ESTIMATED") throw new Error("expected a baseline");
    expect(after.estimate.baseline).toMatchObject({
      profileId: "europe-assumption",
      lowCo2eGrams: europe.lowGramsCo2e,
      highCo2eGrams: europe.highGramsCo2e,
    });
    expect(after.estimate.comparison).toMatchObject({
      status: "COMPARED",
      baselineLowCo2eGrams: europe.lowGramsCo2e,
      baselineHighCo2eGrams: europe.highGramsCo2e,
    });
    if (after.estimate.comparison.status === "COMPARED") {
      expect(after.estimate.comparison.caveats).toContain("BASELINE_PROFILE_ASSUMED");
      expect(after.estimate.comparison.caveats).toContain("TRANSPORT_ONLY");
    }
    // Stored with the order as it is, and read back.
    const detail = parseCarbonDetail(JSON.parse(JSON.stringify(after.fields.carbonDetail)));
    expect(detail?.estimate).toEqual(after.estimate);
  });

  it("keeps the profile when a form does not send it, and refuses an unknown one with a message", async () => {
    const { coordinator, hub } = await hubOf();
    await prisma.hub.update({ where: { id: hub.id }, data: { carbonBaselineProfile: "europe-assumption" } });
    const kept = await responseOf(
      settingsAction(
        args(await makeRequest("/hub/settings", { userId: coordinator.id, form: await settingsForm(hub.id) })),
      ),
    );
    expect(kept.status).toBe(302);
    expect((await prisma.hub.findUniqueOrThrow({ where: { id: hub.id } })).carbonBaselineProfile).toBe(
      "europe-assumption",
    );

    const post = async (language: "en" | "fr") => {
      const made = await makeRequest("/hub/settings", {
        userId: coordinator.id,
        form: await settingsForm(hub.id, "iowa-1518-miles"),
      });
      const headers = new Headers(made.headers);
      headers.set("Accept-Language", language);
      const request = new Request(made, { headers });
      return responseOf(runWithRequestLanguage(request, () => settingsAction(args(request))));
    };
    const bad = await post("en");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("Choose one of the listed baselines");
    const badFr = await post("fr");
    expect(badFr.status).toBe(400);
    expect(JSON.stringify(await badFr.json())).toContain("Choisissez une des références proposées");
    expect((await prisma.hub.findUniqueOrThrow({ where: { id: hub.id } })).carbonBaselineProfile).toBe(
      "europe-assumption",
    );
  });

  it("is used when a plan is saved and by the cycle carbon report", async () => {
    const { coordinator, hub, farm } = await hubOf();
    await prisma.hub.update({ where: { id: hub.id }, data: { carbonBaselineProfile: "europe-assumption" } });
    const van = await createTestVehicle(hub.id, { energyType: "van-diesel-class-iii", refrigerated: false });
    const veg = await createTestProduct(farm.id);
    const cycle = await createTestCycle(hub.id, { status: "CLOSED", cutoffAt: new Date(Date.now() - 3_600_000) });
    const buyer = await createTestUser({ hubId: hub.id, buyerKind: "HOUSEHOLD" });
    const order = await prisma.order.create({
      data: {
        buyerId: buyer.id,
        hubId: hub.id,
        cycleId: cycle.id,
        slotId: cycle.slots[0]!.id,
        fulfilment: "DELIVERY",
        paymentMethod: "ON_DELIVERY",
        address: "1 Test Street",
        lat: 51.46,
        lng: -2.58,
        subtotalMinor: 1000,
        totalMinor: 1000,
        totalGrams: 2_000,
        lines: {
          create: [
            {
              productId: veg.id,
              farmId: farm.id,
              productName: veg.name,
              unit: veg.unit,
              quantityMilli: 2_000,
              unitPriceMinor: 500,
              lineTotalMinor: 1000,
              grams: 2_000,
              chilled: false,
            },
          ],
        },
      },
    });
    const at = new Date();
    const planId = await createRoutePlan({
      cycleId: cycle.id,
      createdById: coordinator.id,
      distanceSource: "haversine",
      notice: null,
      unassigned: [],
      routes: [
        {
          kind: "DELIVERY",
          vehicleId: van.id,
          position: 0,
          locked: false,
          startAt: at,
          endAt: at,
          durationS: 3600,
          distanceM: 10_000,
          loadGrams: 2_000,
          stops: [
            {
              farmId: null,
              orderId: order.id,
              arrivalAt: at,
              departureAt: at,
              gramsHandled: 2_000,
              loadGramsAfter: 0,
              distanceFromDepotM: 4_000,
            },
          ],
        },
      ],
    });
    await recomputePlanCarbon({ planId });
    const europe = computeBaseline({
      lines: [{ grams: 2_000, chilled: false }],
      householdCarTrip: true,
      profile: BASELINE_PROFILES["europe-assumption"],
    });
    if (europe.status !== "ESTIMATED") throw new Error("expected a baseline");
    const stored = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(parseCarbonDetail(stored.carbonDetail)?.allocation).toMatchObject({
      status: "ALLOCATED",
      baseline: { profileId: "europe-assumption", co2eGrams: europe.gramsCo2e, lowCo2eGrams: europe.lowGramsCo2e },
    });
    const report = await getCarbonReport({ hubId: hub.id, cycleId: cycle.id });
    expect(report?.totals.baselineGrams).toBe(europe.gramsCo2e);
  });
});

describe("the carbon method page", () => {
  it("lists every profile's parameters with ranges and sources, from the data the baseline is computed with", async () => {
    const data = await (await methodLoader()).json();
    const profiles = data.baseline.profiles;
    expect(profiles.map((p) => [p.id, p.status])).toEqual([
      ["uk-dft-defra-nts", "SOURCED"],
      ["europe-assumption", "ASSUMPTION"],
    ]);
    const uk = profiles[0]!;
    const haul = uk.parameters.find((p) => p.key === "lengthOfHaul")!;
    expect([haul.low, haul.central, haul.high]).toEqual([106_000, 128_000, 150_000]);
    expect(haul.sources.map((s) => s.url)).toEqual(
      BASELINE_PROFILES["uk-dft-defra-nts"].domestic.lengthOfHaul.sources.map((s) => s.url),
    );
    // What the page says 1 kg gives is computeBaseline's own result.
    const kg = computeBaseline({ lines: [{ grams: 1_000, chilled: false }], householdCarTrip: true });
    if (kg.status !== "ESTIMATED") throw new Error("expected a baseline");
    expect(uk.result?.chain).toEqual([
      kg.bands.low.chainGramsCo2e,
      kg.bands.central.chainGramsCo2e,
      kg.bands.high.chainGramsCo2e,
    ]);
    expect(uk.result?.trip[1]).toBe(kg.carTripGramsCo2e);

    const html = renderToString(createElement(BaselineProfiles, { profiles }));
    expect(html).toContain("United Kingdom (DfT, DEFRA, National Travel Survey)");
    expect(html).toContain("128 km");
    expect(html).toContain("24%");
    expect(html).toContain("NTS0405 Average trip length by trip purpose: England");
    expect(html).toContain('href="https://www.gov.uk/government/statistical-data-sets/nts04-purpose-of-trips"');
    expect(html).toContain("European average (assumption)");
    expect(html).toContain("Assumption, pending verification");
  });
});
