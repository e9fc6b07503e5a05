// Realistic stored carbon details for the components' tests, built by the domain code itself.
import {
  allocateCycle,
  buildAllocationDetail,
  buildEstimateDetail,
  estimateOrderCarbon,
  householdCarTripFor,
  orderCarbonFieldsFromAllocation,
  orderCarbonFieldsFromEstimate,
  type RouteInput,
} from "~/domain/carbon";

const at = new Date("2026-12-01T10:00:00Z");
const names = new Map([
  ["F1", "Hill Farm"],
  ["F2", "Vale Dairy"],
  ["F3", "Far Orchard"],
]);

export function estimateFor({
  farmToHubMetres,
  arrival = "COLLECTION",
  grams = 3_000,
  delivery = { hubToBuyerMetres: 6_000 },
  buyerKind = "HOUSEHOLD",
}: {
  farmToHubMetres: number;
  arrival?: "COLLECTION" | "FARM_DROP_OFF";
  grams?: number | null;
  delivery?: { hubToBuyerMetres: number } | null;
  buyerKind?: "HOUSEHOLD" | "RESTAURANT";
}) {
  const lines = [{ farmId: "F1", grams, chilled: false }];
  const estimate = estimateOrderCarbon({
    lines,
    farms: [{ farmId: "F1", farmToHubMetres, arrival }],
    delivery,
    distanceBasis: "GREAT_CIRCLE_X_CIRCUITY",
  });
  return buildEstimateDetail({
    estimate,
    lines,
    householdCarTrip: householdCarTripFor({ buyerKind, fulfilment: delivery ? "DELIVERY" : "PICKUP" }),
    farmNames: names,
    typicalRounds: { collection: "DEFAULT", delivery: "DEFAULT" },
    refrigeratedUplift: false,
    computedAt: at,
  }).estimate;
}

const lines = [
  { farmId: "F1", grams: 2_000, chilled: false },
  { farmId: "F2", grams: 1_000, chilled: true },
];

/** Order columns after checkout: two farms, home delivery. */
export function estimatedOrderFields() {
  const estimate = estimateOrderCarbon({
    lines,
    farms: [
      { farmId: "F1", farmToHubMetres: 15_000, arrival: "COLLECTION" },
      { farmId: "F2", farmToHubMetres: 9_000, arrival: "FARM_DROP_OFF" },
    ],
    delivery: { hubToBuyerMetres: 6_000 },
    distanceBasis: "GREAT_CIRCLE_X_CIRCUITY",
  });
  const detail = buildEstimateDetail({
    estimate,
    lines,
    householdCarTrip: householdCarTripFor({ buyerKind: "HOUSEHOLD", fulfilment: "DELIVERY" }),
    farmNames: names,
    typicalRounds: { collection: "DEFAULT", delivery: "DEFAULT" },
    refrigeratedUplift: false,
    computedAt: at,
  });
  const fields = orderCarbonFieldsFromEstimate(detail.estimate);
  return {
    ...fields,
    carbonDetail: JSON.parse(JSON.stringify(fields.carbonDetail)) as unknown,
    allocFoodMetres: null,
    allocCo2eGrams: null,
  };
}

/** The same order after its cycle was planned. */
export function allocatedOrderFields() {
  const before = estimatedOrderFields();
  const routes: RouteInput[] = [
    {
      id: "r-col",
      kind: "COLLECTION",
      metres: 52_000,
      distanceKind: "PLANNED",
      vehicle: { energyType: "van-diesel-class-iii", refrigerated: false },
      stops: [
        { id: "s1", distanceFromDepotMetres: 15_000, consignments: [{ orderId: "o1", farmId: "F1", grams: 2_000 }] },
        { id: "s1b", distanceFromDepotMetres: 21_000, consignments: [{ orderId: "o2", farmId: "F3", grams: 90_000 }] },
      ],
    },
    {
      id: "r-drop",
      kind: "FARM_DROP_OFF",
      metres: 18_000,
      distanceKind: "PLANNED",
      vehicle: { energyType: "van-diesel-average", refrigerated: false },
      stops: [
        { id: "s2", distanceFromDepotMetres: 9_000, consignments: [{ orderId: "o1", farmId: "F2", grams: 1_000 }] },
      ],
    },
    {
      id: "r-del",
      kind: "DELIVERY",
      metres: 48_000,
      distanceKind: "PLANNED",
      vehicle: { energyType: "van-diesel-class-iii", refrigerated: false },
      stops: [
        { id: "s3", distanceFromDepotMetres: 6_000, consignments: [{ orderId: "o1", farmId: null, grams: 3_000 }] },
        { id: "s4", distanceFromDepotMetres: 11_000, consignments: [{ orderId: "o2", farmId: null, grams: 90_000 }] },
      ],
    },
  ];
  const cycle = allocateCycle({ routes, distanceBasis: "ROAD_NETWORK" });
  const allocation = buildAllocationDetail({
    allocated: cycle.orders.find((o) => o.orderId === "o1")!,
    lines,
    householdCarTrip: householdCarTripFor({ buyerKind: "HOUSEHOLD", fulfilment: "DELIVERY" }),
    farmNames: names,
    planId: "plan-1",
    computedAt: at,
  });
  const fields = orderCarbonFieldsFromAllocation(allocation, before.carbonDetail);
  return { ...before, ...fields, carbonDetail: JSON.parse(JSON.stringify(fields.carbonDetail)) as unknown };
}
