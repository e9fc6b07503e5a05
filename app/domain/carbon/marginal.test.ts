import { describe, expect, it } from "vitest";
import { roadDistanceMetres, type LatLng } from "../geo";
import { allocateCycle, allocateRoute, type RouteInput } from "./allocation";
import { DEFAULT_ESTIMATE_ASSUMPTIONS, estimateOrderCarbon } from "./estimate";
import { DESNZ_2025, resolveVehicleFactor, type VehicleSpec } from "./factors";
import {
  cheapestInsertion,
  collectionOnCycle,
  collectionShare,
  cycleCollectionIntensities,
  deliveryDetour,
  deliveryDetourOnCycle,
  deliveryOnCycle,
  dropOffShare,
  DROP_OFF_FLOOR_GRAMS,
  estimateOnHubRoutes,
  expectedDropOffGrams,
  fillScale,
  marginalRouteShare,
  MIN_FILL,
  provisionalFill,
  placeOnRoutes,
  slotPositions,
  stopInSlot,
  type PlannedCycle,
  type PlannedRoute,
  type PlannedStop,
  type SlotWindow,
} from "./marginal";
import { routeEmissionsGrams } from "./route-emissions";

const DEPOT: LatLng = { lat: 51.4545, lng: -2.5879 };
const CIRCUITY = 1.3;
const van: VehicleSpec = { energyType: "van-diesel-class-iii", refrigerated: false };
const fridge: VehicleSpec = { energyType: "van-diesel-class-iii", refrigerated: true };

// Deterministic PRNG (mulberry32): the same random routes on every run.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const road = (a: LatLng, b: LatLng) => roadDistanceMetres(a, b, CIRCUITY);
const closed = (points: readonly LatLng[]) =>
  [...points, DEPOT].reduce((s, p, i) => s + road(i === 0 ? DEPOT : (points[i - 1] as LatLng), p), 0);

function around(random: () => number, km: number): LatLng {
  const r = Math.sqrt(random()) * km;
  const theta = random() * 2 * Math.PI;
  return {
    lat: DEPOT.lat + (r / 111.2) * Math.cos(theta),
    lng: DEPOT.lng + (r / (111.2 * Math.cos((DEPOT.lat * Math.PI) / 180))) * Math.sin(theta),
  };
}

function plannedDelivery(points: LatLng[], grams: number[], vehicle: VehicleSpec = van): PlannedRoute {
  return {
    kind: "DELIVERY",
    metres: closed(points),
    distanceKind: "PLANNED",
    vehicle,
    capacityGrams: null,
    stops: points.map((point, i) => ({
      point,
      distanceFromDepotMetres: road(DEPOT, point),
      gramsHandled: grams[i] as number,
      co2eGrams: 0,
      farmId: null,
      cargo: null,
    })),
  };
}

/** The route as the allocation sees it, with a new stop (the order) at `position`. */
function withStop(
  route: PlannedRoute,
  position: number,
  addedMetres: number,
  grams: number,
  d: number,
  chilledGrams = 0,
): RouteInput {
  const stops = route.stops.map((s, i) => ({
    id: `s${i}`,
    distanceFromDepotMetres: s.distanceFromDepotMetres,
    consignments: [
      {
        orderId: `o${i}`,
        farmId: null,
        grams: s.gramsHandled,
        chilledGrams: s.cargo === "CHILLED" ? s.gramsHandled : 0,
      },
    ],
  }));
  stops.splice(position, 0, {
    id: "new",
    distanceFromDepotMetres: d,
    consignments: [{ orderId: "new", farmId: null, grams, chilledGrams }],
  });
  return {
    id: "r",
    kind: "DELIVERY",
    metres: route.metres + addedMetres,
    distanceKind: route.distanceKind,
    vehicle: route.vehicle,
    stops,
  };
}

describe("cheapestInsertion", () => {
  it("puts a point lying on the way between two stops there, at almost no detour", () => {
    const a = { lat: 51.47, lng: -2.6 };
    const b = { lat: 51.49, lng: -2.62 };
    const between = { lat: 51.48, lng: -2.61 };
    const route = plannedDelivery([a, b], [1_000, 1_000]);
    const insertion = cheapestInsertion(route, DEPOT, between, CIRCUITY);
    expect(insertion?.position).toBe(1);
    expect(insertion?.detourMetres).toBeLessThanOrEqual(2);
  });

  it("gives the exact growth of the round, leg by leg like the planner's matrix", () => {
    const random = rng(7);
    for (let n = 0; n < 50; n++) {
      const points = Array.from({ length: 1 + Math.floor(random() * 12) }, () => around(random, 12));
      const route = plannedDelivery(
        points,
        points.map(() => 1_000),
      );
      const p = around(random, 12);
      const insertion = cheapestInsertion(route, DEPOT, p, CIRCUITY)!;
      const inserted = [...points];
      inserted.splice(insertion.position, 0, p);
      expect(closed(inserted) - route.metres).toBe(insertion.detourMetres);
      // No other position is cheaper.
      for (let i = 0; i <= points.length; i++) {
        const other = [...points];
        other.splice(i, 0, p);
        expect(closed(other)).toBeGreaterThanOrEqual(closed(inserted));
      }
    }
  });

  it("cannot insert into a route with a stop of unknown location", () => {
    const route = plannedDelivery([{ lat: 51.47, lng: -2.6 }], [1_000]);
    const blind = { ...route, stops: [{ ...(route.stops[0] as PlannedStop), point: null }] };
    expect(cheapestInsertion(blind, DEPOT, { lat: 51.48, lng: -2.61 }, CIRCUITY)).toBeNull();
  });
});

describe("marginalRouteShare", () => {
  it("is exactly what allocateRoute gives the order once it is inserted (floor or ceiling of the quota)", () => {
    const random = rng(2026);
    for (let n = 0; n < 300; n++) {
      const count = 1 + Math.floor(random() * 20);
      const points = Array.from({ length: count }, () => around(random, 15));
      const grams = points.map(() => Math.floor(random() * 40_000) + 200);
      const planned = plannedDelivery(points, grams, random() < 0.4 ? fridge : van);
      // On a refrigerated round some stops are chilled parts (they alone carry its refrigeration
      // part, decision 026), sometimes none (then all goods do).
      const coldShare = random() < 0.2 ? 0 : 0.5;
      const route = {
        ...planned,
        stops: planned.stops.map((s) => ({
          ...s,
          cargo: random() < coldShare ? ("CHILLED" as const) : ("AMBIENT" as const),
        })),
      };
      const p = around(random, 15);
      const m = Math.floor(random() * 30_000) + 100;
      const chilled = random() < 0.5 ? m : 0;
      const d = road(DEPOT, p);
      const insertion = cheapestInsertion(route, DEPOT, p, CIRCUITY)!;
      const share = marginalRouteShare({
        route,
        addedMetres: insertion.detourMetres,
        grams: m,
        chilledGrams: chilled,
        distanceFromDepotMetres: d,
      });
      const allocation = allocateRoute(withStop(route, insertion.position, insertion.detourMetres, m, d, chilled));
      const stop = allocation.stops[insertion.position]!;
      // Each part is apportioned on its own: the base part is the floor or ceiling of its quota,
      // and so is the refrigeration part.
      const within = (got: number, q: { numerator: bigint; denominator: bigint }) => {
        const floor = q.numerator / q.denominator;
        const exact = q.numerator % q.denominator === 0n;
        return BigInt(got) === floor || (!exact && BigInt(got) === floor + 1n);
      };
      expect(within(stop.gramsCo2e - stop.refrigerationGramsCo2e, share.base)).toBe(true);
      expect(within(stop.refrigerationGramsCo2e, share.refrigeration)).toBe(true);
      expect(share.routeGrams).toBe(allocation.routeGrams);
      expect(Math.abs(stop.gramsCo2e - share.gramsCo2e)).toBeLessThan(2);
      if (!route.vehicle.refrigerated) expect(share.refrigerationGramsCo2e).toBe(0);
    }
  });

  it("follows the allocation's fallback by mass when every stop is at the depot", () => {
    const route = {
      metres: 10_000,
      distanceKind: "DRIVEN" as const,
      vehicle: van,
      stops: [{ gramsHandled: 3_000, distanceFromDepotMetres: 0 }],
    };
    const share = marginalRouteShare({ route, addedMetres: 0, grams: 1_000, distanceFromDepotMetres: 0 });
    const allocation = allocateRoute({
      id: "r",
      kind: "DELIVERY",
      metres: 10_000,
      distanceKind: "DRIVEN",
      vehicle: van,
      stops: [
        { id: "a", distanceFromDepotMetres: 0, consignments: [{ orderId: "a", farmId: null, grams: 3_000 }] },
        { id: "b", distanceFromDepotMetres: 0, consignments: [{ orderId: "b", farmId: null, grams: 1_000 }] },
      ],
    });
    expect(allocation.basis).toBe("MASS");
    expect(share.gramsCo2e).toBeCloseTo(allocation.routeGrams / 4, 9);
    expect(Math.abs(allocation.stops[1]!.gramsCo2e - share.gramsCo2e)).toBeLessThan(1);
  });
});

describe("placeOnRoutes", () => {
  const near = { lat: 51.47, lng: -2.6 };
  const far = { lat: 51.42, lng: -2.52 };
  const cycle = (routes: PlannedRoute[]): PlannedCycle => ({ id: "c", routes, farmGrams: {} });
  const at = (point: LatLng) => ({
    depot: DEPOT,
    circuity: CIRCUITY,
    point,
    distanceFromDepotMetres: road(DEPOT, point),
  });

  it("joins the route that passes closest, and puts chilled goods on a refrigerated one", () => {
    const ambient = plannedDelivery([near, { lat: 51.475, lng: -2.605 }], [10_000, 10_000]);
    const cold = plannedDelivery([far], [10_000], fridge);
    const args = { ...at({ lat: 51.472, lng: -2.602 }), kind: "DELIVERY" as const, grams: 2_000 };
    expect(placeOnRoutes({ ...args, cycle: cycle([cold, ambient]), chilledGrams: 0 })?.routeIndex).toBe(1);
    const chilled = placeOnRoutes({ ...args, cycle: cycle([cold, ambient]), chilledGrams: 500 });
    expect(chilled?.routeIndex).toBe(0);
    expect(chilled!.share.gramsCo2e).toBeGreaterThan(0);
  });

  it("skips a full van when another can take the order", () => {
    const full = { ...plannedDelivery([near], [95_000]), capacityGrams: 100_000 };
    const other = { ...plannedDelivery([far], [10_000]), capacityGrams: 100_000 };
    const placed = placeOnRoutes({
      ...at({ lat: 51.471, lng: -2.601 }),
      cycle: cycle([full, other]),
      kind: "DELIVERY",
      grams: 10_000,
      chilledGrams: 0,
    });
    expect(placed?.routeIndex).toBe(1);
  });
});

describe("deliveryOnCycle", () => {
  const p = { lat: 51.48, lng: -2.6 };
  const d = road(DEPOT, p);
  // A diesel round with its stops all around the buyer, and an electric one whose path runs past
  // the buyer's door between two distant stops: the cheapest insertion is on the electric round.
  const aroundBuyer = [
    { lat: 51.485, lng: -2.61 },
    { lat: 51.492, lng: -2.603 },
    { lat: 51.486, lng: -2.595 },
  ];
  const passing = [
    { lat: 51.5, lng: -2.6 },
    { lat: 51.46, lng: -2.6 },
  ];
  const diesel = plannedDelivery(aroundBuyer, [8_000, 8_000, 8_000], {
    energyType: "van-diesel-average",
    refrigerated: false,
  });
  const electric = plannedDelivery(passing, [8_000, 8_000], { energyType: "van-bev-average", refrigerated: false });
  const cycle: PlannedCycle = { id: "c", routes: [electric, diesel], farmGrams: {} };
  const shareOn = (route: PlannedRoute, grams: number, chilledGrams = 0) => {
    const share = marginalRouteShare({
      route,
      addedMetres: cheapestInsertion(route, DEPOT, p, CIRCUITY)!.detourMetres,
      grams,
      chilledGrams,
      distanceFromDepotMetres: d,
    });
    return { total: share.gramsCo2e, refrigeration: share.refrigerationGramsCo2e };
  };
  const input = { cycle, depot: DEPOT, circuity: CIRCUITY, point: p, distanceFromDepotMetres: d };

  it("puts the order on the rounds that serve its area, each part at the allocation's insertion share", () => {
    expect(cheapestInsertion(electric, DEPOT, p, CIRCUITY)!.detourMetres).toBeLessThan(
      cheapestInsertion(diesel, DEPOT, p, CIRCUITY)!.detourMetres,
    );
    // The nearest stops are the diesel round's (3 of them) and the electric round's (2): weighted
    // median of the two rounds' shares, 3 to 2, is the diesel round's.
    expect(deliveryOnCycle({ ...input, split: { ambient: 5_000, chilled: 0 } })).toEqual(shareOn(diesel, 5_000));
    expect(deliveryOnCycle({ ...input, split: { ambient: 5_000, chilled: 0 }, routes: "CHEAPEST" })).toEqual(
      shareOn(electric, 5_000),
    );
  });

  it("sends chilled goods to the refrigerated rounds, as the planner does", () => {
    const cold = plannedDelivery(passing, [8_000, 8_000], fridge);
    const withCold: PlannedCycle = { id: "c2", routes: [cold, diesel], farmGrams: {} };
    const chilled = deliveryOnCycle({ ...input, cycle: withCold, split: { ambient: 0, chilled: 2_000 } })!;
    expect(chilled).toEqual(shareOn(cold, 2_000, 2_000));
    // The only chilled goods on that van: they carry its whole refrigeration part.
    expect(chilled.refrigeration).toBeGreaterThan(0);
    const both = deliveryOnCycle({ ...input, cycle: withCold, split: { ambient: 3_000, chilled: 2_000 } })!;
    expect(both.total).toBeCloseTo(shareOn(cold, 2_000, 2_000).total + shareOn(diesel, 3_000).total, 9);
    expect(both.refrigeration).toBeCloseTo(chilled.refrigeration, 9);
  });

  it("has nothing to say without rounds with locations", () => {
    const blind = { ...diesel, stops: diesel.stops.map((s) => ({ ...s, point: null })) };
    expect(
      deliveryOnCycle({
        ...input,
        cycle: { id: "c3", routes: [blind], farmGrams: {} },
        split: { ambient: 1, chilled: 0 },
      }),
    ).toBeNull();
  });
});

describe("collection intensity", () => {
  // A collection round allocated by the allocation itself: its stops' grams are what plans store.
  const collection: RouteInput = {
    id: "c1",
    kind: "COLLECTION",
    metres: 60_000,
    distanceKind: "PLANNED",
    vehicle: fridge,
    stops: [
      {
        id: "f1-cold",
        distanceFromDepotMetres: 20_000,
        consignments: [{ orderId: "o1", farmId: "F1", grams: 30_000, chilledGrams: 30_000 }],
      },
      { id: "f1-amb", distanceFromDepotMetres: 20_000, consignments: [{ orderId: "o1", farmId: "F1", grams: 50_000 }] },
      { id: "f2", distanceFromDepotMetres: 12_000, consignments: [{ orderId: "o2", farmId: "F2", grams: 120_000 }] },
    ],
  };
  const allocated = allocateRoute(collection);
  const planned = (scale = 1): PlannedCycle => ({
    id: `cycle-${scale}`,
    farmGrams: {},
    routes: [
      {
        kind: "COLLECTION",
        metres: collection.metres,
        distanceKind: "PLANNED",
        vehicle: fridge,
        capacityGrams: null,
        stops: collection.stops.map((s, i) => ({
          point: null,
          distanceFromDepotMetres: s.distanceFromDepotMetres,
          gramsHandled: s.consignments[0]!.grams!,
          co2eGrams: Math.round(allocated.stops[i]!.gramsCo2e * scale),
          farmId: s.consignments[0]!.farmId,
          cargo: i === 0 ? "CHILLED" : i === 1 ? "AMBIENT" : null,
        })),
      },
    ],
  });

  it("is the farm's allocated grams CO2e per gram handled, per part and pooled, with the refrigeration part", () => {
    const i = cycleCollectionIntensities(planned()).get("F1")!;
    const [cold, amb] = allocated.stops;
    expect(i.CHILLED!.total).toBeCloseTo(cold!.gramsCo2e / 30_000, 12);
    expect(i.AMBIENT!.total).toBeCloseTo(amb!.gramsCo2e / 50_000, 12);
    expect(i.ALL.total).toBeCloseTo((cold!.gramsCo2e + amb!.gramsCo2e) / 80_000, 12);
    // The refrigerated van's refrigeration part is carried by the chilled goods alone (decision 026).
    expect(cold!.refrigerationGramsCo2e).toBeGreaterThan(0);
    expect(i.CHILLED!.refrigeration).toBeCloseTo(cold!.refrigerationGramsCo2e / 30_000, 12);
    expect(i.AMBIENT!.refrigeration).toBe(0);
    // A stop saved before the split counts towards the pooled figure only, as ambient goods.
    expect(cycleCollectionIntensities(planned()).get("F2")).toEqual({
      ALL: { total: allocated.stops[2]!.gramsCo2e / 120_000, refrigeration: 0 },
    });
    expect(cycleCollectionIntensities(planned()).get("F3")).toBeUndefined();
  });

  const farm = (farmId: string, point: LatLng | null = null) => ({ farmId, point, farmToHubMetres: 12_000 });
  const on = (cycle: PlannedCycle, farmId: string, split: { ambient: number; chilled: number }, point?: LatLng) =>
    collectionOnCycle({ cycle, farm: farm(farmId, point), split, depot: DEPOT, circuity: CIRCUITY });

  it("on a past cycle: the farm's intensity × the order's grams, each part at its own", () => {
    const i = cycleCollectionIntensities(planned()).get("F1")!;
    const share = on(planned(), "F1", { ambient: 2_000, chilled: 1_000 })!;
    expect(share.total).toBeCloseTo(2_000 * i.AMBIENT!.total + 1_000 * i.CHILLED!.total, 9);
    expect(share.refrigeration).toBeCloseTo(1_000 * i.CHILLED!.refrigeration, 9);
    expect(collectionShare(i, { ambient: 0, chilled: 1_000 }).total).toBeCloseTo(1_000 * i.CHILLED!.total, 12);
  });

  it("on a past cycle, near enough the allocation's share of an order added to the farm's stop", () => {
    const estimate = on(planned(), "F2", { ambient: 4_000, chilled: 0 })!.total;
    const joined = allocateRoute({
      ...collection,
      stops: collection.stops.map((s) =>
        s.id === "f2" ? { ...s, consignments: [...s.consignments, { orderId: "new", farmId: "F2", grams: 4_000 }] } : s,
      ),
    });
    const actual = joined.stops[2]!.consignments.find((c) => c.orderId === "new")!.gramsCo2e;
    // The order's own m·d is in the route's Σ once it joins: about 1% here.
    expect(Math.abs(estimate - actual) / actual).toBeLessThan(0.02);
  });

  it("on a provisional plan without the order: exactly what the allocation gives it at the farm's stop", () => {
    const provisional = { ...planned(), provisional: true };
    const estimate = on(provisional, "F2", { ambient: 4_000, chilled: 0 })!.total;
    const joined = allocateRoute({
      ...collection,
      stops: [
        ...collection.stops,
        {
          id: "new",
          distanceFromDepotMetres: 12_000,
          consignments: [{ orderId: "new", farmId: "F2", grams: 4_000 }],
        },
      ],
    });
    expect(Math.abs(joined.stops[3]!.gramsCo2e - estimate)).toBeLessThan(1);
  });

  it("inserts a farm the cycle did not collect into its cheapest collection round", () => {
    const a = { lat: 51.3, lng: -2.7 };
    const b = { lat: 51.25, lng: -2.75 };
    const cycle: PlannedCycle = {
      id: "c",
      farmGrams: {},
      routes: [
        {
          kind: "COLLECTION",
          metres: closed([a, b]),
          distanceKind: "PLANNED",
          vehicle: van,
          capacityGrams: null,
          stops: [a, b].map((point, i) => ({
            point,
            distanceFromDepotMetres: road(DEPOT, point),
            gramsHandled: 50_000,
            co2eGrams: 1_000 + i,
            farmId: `X${i}`,
            cargo: "AMBIENT" as const,
          })),
        },
      ],
    };
    const p = { lat: 51.28, lng: -2.72 };
    const placed = placeOnRoutes({
      cycle,
      kind: "COLLECTION",
      depot: DEPOT,
      circuity: CIRCUITY,
      point: p,
      distanceFromDepotMetres: 12_000,
      grams: 3_000,
      chilledGrams: 0,
    })!;
    expect(on(cycle, "NEW", { ambient: 3_000, chilled: 0 }, p)).toEqual({
      total: placed.share.gramsCo2e,
      refrigeration: 0,
    });
    expect(placed.insertion.detourMetres).toBeGreaterThan(0);
    // Without its place, or when asked to leave it to the typical round: no figure.
    expect(on(cycle, "NEW", { ambient: 3_000, chilled: 0 })).toBeNull();
    expect(
      collectionOnCycle({
        cycle,
        farm: farm("NEW", p),
        split: { ambient: 3_000, chilled: 0 },
        depot: DEPOT,
        circuity: CIRCUITY,
        uncollected: "TYPICAL_ROUND",
      }),
    ).toBeNull();
  });
});

describe("a farm's own trip to the hub", () => {
  it("shares the trip by mass between all the farm's goods of the cycle, as the allocation does", () => {
    const metres = 18_600;
    const consignments = [
      { orderId: "a", farmId: "F", grams: 12_000 },
      { orderId: "b", farmId: "F", grams: 500 },
      { orderId: "c", farmId: "F", grams: 27_500 },
    ];
    const cycle = allocateCycle({
      routes: [
        {
          id: "drop-off:F",
          kind: "FARM_DROP_OFF",
          metres: 2 * metres,
          distanceKind: "PLANNED",
          vehicle: DEFAULT_ESTIMATE_ASSUMPTIONS.farmDropOff.vehicle,
          stops: [{ id: "hub:F", distanceFromDepotMetres: metres, consignments }],
        },
      ],
      distanceBasis: "GREAT_CIRCLE_X_CIRCUITY",
    });
    for (const c of consignments) {
      const share = dropOffShare({
        farmToHubMetres: metres,
        grams: c.grams,
        loadGrams: 40_000,
        vehicle: DEFAULT_ESTIMATE_ASSUMPTIONS.farmDropOff.vehicle,
      });
      const allocated = cycle.orders.find((o) => o.orderId === c.orderId);
      expect(allocated?.status === "ALLOCATED" && Math.abs(allocated.gramsCo2e - share.total)).toBeLessThan(1);
      expect(share.refrigeration).toBe(0);
    }
  });

  it("expects the recent cycles' mean load, or the open cycle's goods so far, whichever is larger", () => {
    const cycle = (grams: number): PlannedCycle => ({ id: String(grams), routes: [], farmGrams: { F: grams } });
    const base = { farmId: "F", orderGrams: 2_000, defaultGrams: 100_000 };
    expect(expectedDropOffGrams({ ...base, cycles: [cycle(30_000), cycle(50_000)], soFarGrams: 0 })).toBe(40_000);
    expect(expectedDropOffGrams({ ...base, cycles: [cycle(30_000)], soFarGrams: 45_000 })).toBe(47_000);
    // A thin history is floored; no history and nothing so far: the caller's default.
    expect(expectedDropOffGrams({ ...base, cycles: [cycle(800)], soFarGrams: 0 })).toBe(DROP_OFF_FLOOR_GRAMS);
    expect(expectedDropOffGrams({ ...base, cycles: [], soFarGrams: 0 })).toBeNull();
    // Orders so far without history: not below the default.
    expect(expectedDropOffGrams({ ...base, cycles: [], soFarGrams: 5_000 })).toBe(100_000);
  });
});

describe("estimateOnHubRoutes", () => {
  const buyer = { lat: 51.472, lng: -2.602 };
  const farms = [
    { farmId: "F1", farmToHubMetres: 26_000, arrival: "COLLECTION" as const },
    { farmId: "F2", farmToHubMetres: 31_000, arrival: "COLLECTION" as const },
    { farmId: "S", farmToHubMetres: 18_000, arrival: "FARM_DROP_OFF" as const },
  ];
  const lines = [
    { farmId: "F1", grams: 3_000, chilled: false },
    { farmId: "F1", grams: 1_000, chilled: true },
    { farmId: "S", grams: 2_000, chilled: false },
  ];
  const base = {
    lines,
    farms,
    delivery: { point: buyer, hubToBuyerMetres: road(DEPOT, buyer) },
    depot: DEPOT,
    circuity: CIRCUITY,
    distanceBasis: "GREAT_CIRCLE_X_CIRCUITY" as const,
  };
  const deliveryRoute = plannedDelivery(
    [
      { lat: 51.47, lng: -2.6 },
      { lat: 51.475, lng: -2.605 },
    ],
    [20_000, 15_000],
    fridge,
  );
  const collectionStop = (co2eGrams: number, grams: number, cargo: "CHILLED" | "AMBIENT"): PlannedStop => ({
    point: null,
    distanceFromDepotMetres: 26_000,
    gramsHandled: grams,
    co2eGrams,
    farmId: "F1",
    cargo,
  });
  const cycle = (scale: number): PlannedCycle => ({
    id: `c${scale}`,
    farmGrams: { S: 40_000 * scale },
    routes: [
      { ...deliveryRoute, metres: deliveryRoute.metres * scale },
      {
        kind: "COLLECTION",
        metres: 90_000,
        distanceKind: "PLANNED",
        vehicle: fridge,
        capacityGrams: null,
        stops: [collectionStop(1_200 * scale, 10_000, "CHILLED"), collectionStop(3_000 * scale, 50_000, "AMBIENT")],
      },
    ],
  });

  it("without recent plans is the typical-round estimate, from the defaults", () => {
    const { estimate, sources } = estimateOnHubRoutes({ ...base, cycles: [] });
    const expected = estimateOrderCarbon({ ...base, delivery: { hubToBuyerMetres: base.delivery.hubToBuyerMetres } });
    if (expected.status !== "ESTIMATED") throw new Error("expected an estimate");
    expect(estimate).toEqual({ ...expected, legs: expected.legs.map((l) => ({ ...l, source: "DEFAULT" })) });
    expect(sources).toEqual({ collection: "DEFAULT", delivery: "DEFAULT" });
  });

  it("on recent plans: the order inserted into a delivery round, the farm's intensity, the drop-off's load", () => {
    const { estimate, sources } = estimateOnHubRoutes({
      ...base,
      lines: [...lines, { farmId: "F2", grams: 1_000, chilled: false }],
      cycles: [cycle(1)],
      fallbackSources: { collection: "HUB_HISTORY", delivery: "HUB_HISTORY" },
    });
    if (estimate.status !== "ESTIMATED") throw new Error("expected an estimate");
    const delivery = deliveryOnCycle({
      cycle: cycle(1),
      depot: DEPOT,
      circuity: CIRCUITY,
      point: buyer,
      distanceFromDepotMetres: base.delivery.hubToBuyerMetres,
      split: { ambient: 6_000, chilled: 1_000 },
    })!;
    const leg = (farmId: string | null) => estimate.legs.find((l) => l.farmId === farmId)!;
    expect(leg(null)).toMatchObject({
      gramsCo2e: Math.round(delivery.total),
      refrigerationGramsCo2e: Math.round(delivery.refrigeration),
      source: "HUB_ROUTES",
    });
    // F1: 3 kg ambient at 0.06 g/g + 1 kg chilled at 0.12 g/g.
    expect(leg("F1")).toMatchObject({ gramsCo2e: 300, source: "HUB_ROUTES" });
    // S: 2 × 18 km in the drop-off van, 2 kg of a 40 kg load.
    const trip = routeEmissionsGrams({
      metres: 36_000,
      distanceKind: "PLANNED",
      factor: resolveVehicleFactor(DESNZ_2025, DEFAULT_ESTIMATE_ASSUMPTIONS.farmDropOff.vehicle),
    });
    expect(leg("S")).toMatchObject({ gramsCo2e: Math.round((trip * 2_000) / 40_000), source: "HUB_ROUTES" });
    // F2 was not collected recently and its place is not known: the typical round, and the
    // collection leg says so.
    expect(leg("F2").source).toBe("HUB_HISTORY");
    expect(sources).toEqual({ collection: "HUB_HISTORY", delivery: "HUB_ROUTES" });
    expect(estimate.gramsCo2e).toBe(estimate.legs.reduce((s, l) => s + l.gramsCo2e, 0));
    expect(estimate.farmToHubGramsCo2e + estimate.hubToBuyerGramsCo2e).toBe(estimate.gramsCo2e);
  });

  it("takes the median of the recent cycles", () => {
    const one = estimateOnHubRoutes({ ...base, cycles: [cycle(1)] }).estimate;
    const three = estimateOnHubRoutes({ ...base, cycles: [cycle(3), cycle(1), cycle(2)] }).estimate;
    const two = estimateOnHubRoutes({ ...base, cycles: [cycle(2)] }).estimate;
    if (one.status !== "ESTIMATED" || two.status !== "ESTIMATED" || three.status !== "ESTIMATED") throw new Error();
    const f1 = (e: typeof one) => e.status === "ESTIMATED" && e.legs.find((l) => l.farmId === "F1")!.gramsCo2e;
    expect(f1(three)).toBe(f1(two));
    expect(three.hubToBuyerGramsCo2e).toBe(two.hubToBuyerGramsCo2e);
    expect(two.hubToBuyerGramsCo2e).toBeGreaterThan(one.hubToBuyerGramsCo2e);
  });

  it("scales a provisional plan's delivery and collection figures by the square root of its fill", () => {
    const legsOf = (cycles: PlannedCycle[]) => {
      const e = estimateOnHubRoutes({ ...base, cycles }).estimate;
      if (e.status !== "ESTIMATED") throw new Error("expected an estimate");
      return e.legs;
    };
    const provisional = { ...cycle(1), provisional: true };
    const full = legsOf([provisional]);
    const quarter = legsOf([{ ...provisional, fill: 0.25 }]);
    const leg = (legs: typeof full, farmId: string | null) => legs.find((l) => l.farmId === farmId)!.gramsCo2e;
    // A quarter full: half the figures (within a gram of rounding).
    expect(Math.abs(leg(quarter, null) - leg(full, null) / 2)).toBeLessThanOrEqual(1);
    expect(Math.abs(leg(quarter, "F1") - leg(full, "F1") / 2)).toBeLessThanOrEqual(1);
    // A farm's own trip is not a round of the plan: its load is what it is.
    expect(leg(quarter, "S")).toBe(leg(full, "S"));
    // A saved plan has no fill: taken as it is.
    expect(legsOf([{ ...cycle(1), fill: 0.25 }])).toEqual(legsOf([cycle(1)]));
  });

  it("says nothing when an order cannot be estimated", () => {
    const { estimate } = estimateOnHubRoutes({ ...base, lines: [{ farmId: "F1", grams: null }], cycles: [cycle(1)] });
    expect(estimate.status).toBe("NOT_ESTIMATED");
  });
});

describe("delivery slots: where the vans are in the slot the buyer chooses", () => {
  const MORNING = { startMinute: 540, endMinute: 720 };
  const AFTERNOON = { startMinute: 780, endMinute: 1020 };
  const north = (k: number): LatLng => ({ lat: DEPOT.lat + 0.05 + k * 0.002, lng: DEPOT.lng });
  const south = (k: number): LatLng => ({ lat: DEPOT.lat - 0.05 - k * 0.002, lng: DEPOT.lng });
  // One van north in the morning, another south in the afternoon, and a day round that does both.
  const withSlots = (route: PlannedRoute, slots: SlotWindow[]): PlannedRoute => ({
    ...route,
    stops: route.stops.map((s, i) => ({ ...s, slot: slots[i] ?? null })),
  });
  const fiveKg = [5_000, 5_000, 5_000];
  const cycle: PlannedCycle = {
    id: "day",
    routes: [
      withSlots(plannedDelivery([north(0), north(1), north(2)], fiveKg), [MORNING, MORNING, MORNING]),
      withSlots(plannedDelivery([south(2), south(1), south(0)], fiveKg), [AFTERNOON, AFTERNOON, AFTERNOON]),
    ],
    farmGrams: {},
  };
  const buyer: LatLng = { lat: DEPOT.lat + 0.051, lng: DEPOT.lng + 0.001 };
  const split = { ambient: 3_000, chilled: 0 };
  const input = { cycle, depot: DEPOT, circuity: CIRCUITY, point: buyer, split };

  it("joins the rounds of the slot: the slot whose van passes the door adds almost nothing", () => {
    const morning = deliveryDetourOnCycle({ ...input, slot: MORNING })!;
    const afternoon = deliveryDetourOnCycle({ ...input, slot: AFTERNOON })!;
    const factor = resolveVehicleFactor(DESNZ_2025, van).kgPerKm;
    // The morning van is next door; the afternoon one is ~11 km south and must come up and back.
    expect(morning.metres).toBeLessThan(500);
    expect(afternoon.metres).toBeGreaterThan(10_000);
    expect(morning.co2eGrams).toBeCloseTo(morning.metres * factor, 6);
    expect(afternoon.co2eGrams).toBeCloseTo(afternoon.metres * factor, 6);
    expect(afternoon.metres).toBe(cheapestInsertion(cycle.routes[1]!, DEPOT, buyer, CIRCUITY)!.detourMetres);
  });

  it("on a round serving both slots, joins it next to its stops of the slot", () => {
    const points = [north(0), north(1), north(2), { lat: DEPOT.lat, lng: DEPOT.lng + 0.15 }];
    const day = withSlots(plannedDelivery(points, [...fiveKg, 5_000]), [MORNING, MORNING, MORNING, AFTERNOON]);
    const oneVan: PlannedCycle = { id: "one-van", routes: [day], farmGrams: {} };
    const afternoon = deliveryDetourOnCycle({ ...input, cycle: oneVan, slot: AFTERNOON })!;
    expect(afternoon.metres).toBe(cheapestInsertion(day, DEPOT, buyer, CIRCUITY, (p) => p >= 3)!.detourMetres);
    expect(afternoon.metres).toBeGreaterThan(deliveryDetourOnCycle({ ...input, cycle: oneVan, slot: MORNING })!.metres);
  });

  it("any time, or a slot nobody chose in that cycle, joins the round wherever is cheapest", () => {
    const any = deliveryDetourOnCycle({ ...input, slot: null })!;
    const evening = deliveryDetourOnCycle({ ...input, slot: { startMinute: 1080, endMinute: 1200 } })!;
    // The ten nearest stops are all six: the morning round serves three of them, the afternoon
    // three; the weighted median takes the lower.
    expect(any).toEqual(deliveryDetourOnCycle({ ...input, slot: MORNING }));
    expect(evening).toEqual(any);
  });

  it("the estimate's share follows the slot too, and the median over cycles is taken", () => {
    const morning = deliveryOnCycle({ ...input, distanceFromDepotMetres: road(DEPOT, buyer), slot: MORNING })!;
    const afternoon = deliveryOnCycle({ ...input, distanceFromDepotMetres: road(DEPOT, buyer), slot: AFTERNOON })!;
    expect(afternoon.total).toBeGreaterThan(morning.total);
    const far: PlannedCycle = { id: "far", routes: [plannedDelivery([south(5)], [5_000])], farmGrams: {} };
    const three = deliveryDetour({ ...input, cycles: [cycle, cycle, far], slot: MORNING })!;
    expect(three).toEqual(deliveryDetourOnCycle({ ...input, slot: MORNING }));
    expect(deliveryDetour({ ...input, cycles: [], slot: MORNING })).toBeNull();
  });

  it("slotPositions: before or after a stop of the slot; every position without a slot", () => {
    const route = withSlots(plannedDelivery([north(0), north(1), south(1), south(0)], [...fiveKg, 5_000]), [
      MORNING,
      MORNING,
      AFTERNOON,
      AFTERNOON,
    ]);
    expect(slotPositions(route, null)).toBeUndefined();
    const afternoon = slotPositions(route, AFTERNOON)!;
    expect([0, 1, 2, 3, 4].map(afternoon)).toEqual([false, false, true, true, true]);
    expect(slotPositions(route, { startMinute: 1080, endMinute: 1200 })).toBeUndefined();
    expect(stopInSlot({ slot: null }, MORNING)).toBe(false);
    expect(stopInSlot({ slot: { startMinute: 700, endMinute: 800 } }, MORNING)).toBe(true);
  });
});

describe("how full a provisional plan is", () => {
  const grams = (...g: number[]) => ({ farmGrams: Object.fromEntries(g.map((x, i) => [`F${i}`, x])) });

  it("is its goods so far over the median of the recent cycles' goods, at most 1", () => {
    expect(
      provisionalFill({ provisional: grams(10_000, 15_000), recent: [grams(100_000), grams(50_000), grams(200_000)] }),
    ).toBe(0.25);
    expect(provisionalFill({ provisional: grams(30_000), recent: [grams(40_000), grams(20_000)] })).toBe(1);
    // The recent cycles win over the clock.
    expect(provisionalFill({ provisional: grams(50_000), recent: [grams(100_000)], elapsed: 0.9 })).toBe(0.5);
  });

  it("without recent cycles is the share of the ordering window gone by, else 1; never below MIN_FILL", () => {
    expect(provisionalFill({ provisional: grams(5_000), recent: [], elapsed: 0.4 })).toBe(0.4);
    expect(provisionalFill({ provisional: grams(5_000), recent: [grams(0)] })).toBe(1);
    expect(provisionalFill({ provisional: grams(1), recent: [grams(1_000_000)] })).toBe(MIN_FILL);
  });

  it("scales only a provisional plan", () => {
    const cycle: PlannedCycle = { id: "c", routes: [], farmGrams: {} };
    expect(fillScale({ ...cycle, provisional: true, fill: 0.25 })).toBe(0.5);
    expect(fillScale({ ...cycle, provisional: true })).toBe(1);
    expect(fillScale({ ...cycle, fill: 0.25 })).toBe(1);
  });
});
