import { CONVENTIONAL_CHAIN_METRES, DEFAULT_HOUSEHOLD_CAR_TRIP } from "./baseline";
import { COMPARISON_UNCERTAINTY, type CaveatKey } from "./comparison";
import { DEFAULT_ESTIMATE_ASSUMPTIONS, type EstimateAssumptions } from "./estimate";
import { DESNZ_2025, METHOD_VERSION, type FactorSet } from "./factors";
import { GLEC_PLANNED_TO_DRIVEN } from "./route-emissions";

export interface Citation {
  key: string;
  text: string;
}

export const CITATIONS = {
  iso14083: {
    key: "iso14083",
    text: "ISO 14083:2023 Greenhouse gases — Quantification and reporting of greenhouse gas emissions arising from transport chain operations.",
  },
  glec: {
    key: "glec",
    text: "Smart Freight Centre, Global Logistics Emissions Council (GLEC) Framework for Logistics Emissions Accounting and Reporting.",
  },
  desnz2025: {
    key: "desnz2025",
    text: "UK Department for Energy Security and Net Zero, Greenhouse gas reporting: conversion factors 2025. Open Government Licence v3.0.",
  },
  pirog2001: {
    key: "pirog2001",
    text: "Pirog, R., Van Pelt, T., Enshayan, K. & Cook, E. (2001). Food, Fuel, and Freeways: An Iowa perspective on how far food travels, fuel usage, and greenhouse gas emissions. Leopold Center for Sustainable Agriculture.",
  },
  pirogBenjamin2003: {
    key: "pirogBenjamin2003",
    text: "Pirog, R. & Benjamin, A. (2003). Checking the food odometer: Comparing food miles for local versus conventional produce sales to Iowa institutions. Leopold Center for Sustainable Agriculture.",
  },
  weberMatthews2008: {
    key: "weberMatthews2008",
    text: "Weber, C. L. & Matthews, H. S. (2008). Food-miles and the relative climate impacts of food choices in the United States. Environmental Science & Technology 42(10), 3508–3513.",
  },
  coley2009: {
    key: "coley2009",
    text: "Coley, D., Howard, M. & Winter, M. (2009). Local food, food miles and carbon emissions: A comparison of farm shop and mass distribution approaches. Food Policy 34(2), 150–155.",
  },
  edwards2010: {
    key: "edwards2010",
    text: "Edwards, J. B., McKinnon, A. C. & Cullinane, S. L. (2010). Comparative analysis of the carbon footprints of conventional and online retailing: a “last mile” perspective. International Journal of Physical Distribution & Logistics Management 40(1/2), 103–123.",
  },
} as const satisfies Record<string, Citation>;

export type CitationKey = keyof typeof CITATIONS;

/** Reference figures with the source a reader can check; figures exactly as the sources give them. */
export const BASELINE_FACTS: ReadonlyArray<{ text: string; citation: CitationKey }> = [
  {
    text: "Conventionally sourced produce travelled on average 1,518 miles (2,443 km) to the Chicago terminal market; locally sourced items in Iowa travelled 44.6 miles against 1,546 miles for the same items from conventional sources.",
    citation: "pirog2001",
  },
  {
    text: "Local produce travelled 56 miles from farm to point of sale; conventional produce 1,494 miles.",
    citation: "pirogBenjamin2003",
  },
  {
    text: "Average delivery distance of US food is 1,640 km; transport is 11% of the life-cycle greenhouse gas emissions of food and final delivery from producer to retail 4%; production dominates (83%).",
    citation: "weberMatthews2008",
  },
  {
    text: "A customer round trip of more than 6.7 km by car to a farm shop emits more than a large veg-box scheme's whole chain to the door.",
    citation: "coley2009",
  },
  {
    text: "About 181 g CO2 per van home-delivery drop against about 4,274 g per car shopping trip.",
    citation: "edwards2010",
  },
];

export const CAVEATS: Record<CaveatKey, { text: string; citation?: CitationKey }> = {
  TRANSPORT_ONLY: {
    text: "These figures cover transport only. Transport is about 11% of the life-cycle greenhouse gas emissions of food and final delivery from producer to retail about 4%; how food is produced matters far more.",
    citation: "weberMatthews2008",
  },
  BASELINE_IS_AN_AVERAGE: {
    text: "The comparison assumes your food would otherwise have travelled the average distance of conventionally sourced produce (2,443 km by lorry). The real alternative for a given product may be much shorter.",
    citation: "pirog2001",
  },
  CAR_TRIP_ASSUMED: {
    text: `The comparison assumes the delivery replaces one ${DEFAULT_HOUSEHOLD_CAR_TRIP.roundTripMetres / 1000} km round trip to a shop by car, unless configured otherwise.`,
    citation: "coley2009",
  },
  ESTIMATE_BEFORE_ROUTES: {
    text: "This is an estimate made before the delivery routes were planned, from a typical round; the figure is replaced by the allocated one once routes exist.",
  },
};

export interface MethodPageData {
  methodVersion: string;
  factorSet: FactorSet;
  steps: string[];
  distanceBasis: string;
  assumptions: Array<{ text: string; citation?: CitationKey }>;
  baselineFacts: typeof BASELINE_FACTS;
  caveats: typeof CAVEATS;
  citations: typeof CITATIONS;
}

/** Everything the public method page shows, for the factor set and assumptions actually in use. */
export function methodPageData(
  factorSet: FactorSet = DESNZ_2025,
  assumptions: EstimateAssumptions = DEFAULT_ESTIMATE_ASSUMPTIONS,
): MethodPageData {
  const km = (m: number): string => (m / 1000).toLocaleString("en-GB");
  const kg = (g: number): string => (g / 1000).toLocaleString("en-GB");
  return {
    methodVersion: METHOD_VERSION,
    factorSet,
    steps: [
      "Each van's emissions are the distance it drives on the whole round, back to its depot included, times its emission factor per km (well-to-wheel: the fuel burnt plus producing and delivering that fuel).",
      "Each stop gets a share of the round: the weight handled there times its distance from the depot, divided by the same sum over all stops. Farm pickups and buyer drop-offs both count (ISO 14083 / GLEC).",
      "Your order's figure is its part of every stop its goods pass through: the collection stops at its farms (in proportion to your grams from each farm), or a farm's own trip to the hub, and its delivery stop.",
      "Figures are whole grams and the shares of a round add up exactly to the round: nothing is lost or counted twice.",
      "Food miles are the weight-averaged distance your goods travel from farm to hub to you.",
      "At checkout you see an estimate from a typical round; after the routes are planned you see the allocated figure, and both are kept.",
    ],
    distanceBasis: `Distances come from a road-routing server when one is configured; otherwise straight-line distance × 1.3 (a typical road circuity). Planned distances are raised by ${Math.round((GLEC_PLANNED_TO_DRIVEN - 1) * 100)}% to driven distance (GLEC).`,
    assumptions: [
      { text: factorSet.refrigeratedVanUpliftBasis },
      {
        text: `Typical delivery round before routes exist: ${km(assumptions.deliveryRound.metres)} km carrying ${kg(assumptions.deliveryRound.loadGrams)} kg, stops on average ${km(assumptions.deliveryRound.meanStopDistanceMetres)} km from the hub.`,
      },
      {
        text: `Typical collection round: ${km(assumptions.collectionRound.metres)} km bringing ${kg(assumptions.collectionRound.loadGrams)} kg from farms on average ${km(assumptions.collectionRound.meanStopDistanceMetres)} km away; a farm's own drop-off trip carries ${kg(assumptions.farmDropOff.loadGrams)} kg there and back.`,
      },
      {
        text: `Baseline: the same weight carried ${km(CONVENTIONAL_CHAIN_METRES)} km by an average laden lorry (refrigerated for chilled goods), plus for home delivery one ${km(DEFAULT_HOUSEHOLD_CAR_TRIP.roundTripMetres)} km car round trip to a shop.`,
        citation: "pirog2001",
      },
      {
        text: `A difference is only claimed when it survives uncertainty bands of ±${COMPARISON_UNCERTAINTY.ESTIMATED * 100}% (estimate), ±${COMPARISON_UNCERTAINTY.ALLOCATED * 100}% (allocated figure) and −${COMPARISON_UNCERTAINTY.BASELINE * 100}% (baseline).`,
      },
    ],
    baselineFacts: BASELINE_FACTS,
    caveats: CAVEATS,
    citations: CITATIONS,
  };
}
