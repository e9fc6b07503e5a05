import { LEGACY_HOUSEHOLD_CAR_TRIP } from "./baseline";
import { COMPARISON_UNCERTAINTY, type CaveatKey } from "./comparison";
import { DEFAULT_ESTIMATE_ASSUMPTIONS, type EstimateAssumptions } from "./estimate";
import { DESNZ_2025, METHOD_VERSION, type FactorSet } from "./factors";
import { DROP_OFF_FLOOR_GRAMS, NEIGHBOUR_STOPS, RECENT_CYCLES } from "./marginal";
import { GLEC_PLANNED_TO_DRIVEN } from "./route-emissions";
import { message, renderMessage, type Message } from "../message";

// The method's words are rendered in the current request's or page's language when read
// (app/domain/message.ts); the citations are references and stay as published.
const text = (key: string, values?: Message["values"]) =>
  renderMessage(message(`messages:carbonMethod.${key}`, values));

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
    get text() {
      return text("facts.pirog2001");
    },
    citation: "pirog2001",
  },
  {
    get text() {
      return text("facts.pirogBenjamin2003");
    },
    citation: "pirogBenjamin2003",
  },
  {
    get text() {
      return text("facts.weberMatthews2008");
    },
    citation: "weberMatthews2008",
  },
  {
    get text() {
      return text("facts.coley2009");
    },
    citation: "coley2009",
  },
  {
    get text() {
      return text("facts.edwards2010");
    },
    citation: "edwards2010",
  },
];

export const CAVEATS: Record<CaveatKey, { text: string; citation?: CitationKey }> = {
  TRANSPORT_ONLY: {
    get text() {
      return text("caveats.TRANSPORT_ONLY");
    },
    citation: "weberMatthews2008",
  },
  BASELINE_IS_AN_AVERAGE: {
    get text() {
      return text("caveats.BASELINE_IS_AN_AVERAGE");
    },
    citation: "pirog2001",
  },
  CAR_TRIP_ASSUMED: {
    get text() {
      return text("caveats.CAR_TRIP_ASSUMED", { km: LEGACY_HOUSEHOLD_CAR_TRIP.roundTripMetres / 1000 });
    },
    citation: "coley2009",
  },
  BASELINE_IS_A_REGIONAL_RANGE: {
    get text() {
      return text("caveats.BASELINE_IS_A_REGIONAL_RANGE");
    },
  },
  HOUSEHOLD_TRIP_MODELLED: {
    get text() {
      return text("caveats.HOUSEHOLD_TRIP_MODELLED");
    },
  },
  BASELINE_PROFILE_ASSUMED: {
    get text() {
      return text("caveats.BASELINE_PROFILE_ASSUMED");
    },
  },
  ESTIMATE_BEFORE_ROUTES: {
    get text() {
      return text("caveats.ESTIMATE_BEFORE_ROUTES");
    },
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
  const km = (m: number): number => m / 1000;
  const kg = (g: number): number => g / 1000;
  return {
    methodVersion: METHOD_VERSION,
    factorSet,
    steps: [
      text("steps.s1"),
      text("steps.s2"),
      text("steps.refrigeration"),
      text("steps.s3"),
      text("steps.s4"),
      text("steps.s5"),
      text("steps.s6"),
    ],
    distanceBasis: text("distanceBasis", { percent: Math.round((GLEC_PLANNED_TO_DRIVEN - 1) * 100) }),
    assumptions: [
      { text: factorSet.refrigeratedVanUpliftBasis },
      { text: text("assumptions.refrigerationEstimate", { uplift: factorSet.refrigeratedVanUplift }) },
      {
        text: text("assumptions.recentRoutes", {
          cycles: RECENT_CYCLES,
          neighbours: NEIGHBOUR_STOPS,
          floorKg: kg(DROP_OFF_FLOOR_GRAMS),
        }),
      },
      {
        text: text("assumptions.deliveryRound", {
          km: km(assumptions.deliveryRound.metres),
          kg: kg(assumptions.deliveryRound.loadGrams),
          stopKm: km(assumptions.deliveryRound.meanStopDistanceMetres),
        }),
      },
      {
        text: text("assumptions.collectionRound", {
          km: km(assumptions.collectionRound.metres),
          kg: kg(assumptions.collectionRound.loadGrams),
          stopKm: km(assumptions.collectionRound.meanStopDistanceMetres),
          dropOffKg: kg(assumptions.farmDropOff.loadGrams),
        }),
      },
      { text: text("assumptions.baseline") },
      {
        text: text("assumptions.uncertainty", {
          estimated: COMPARISON_UNCERTAINTY.ESTIMATED * 100,
          allocated: COMPARISON_UNCERTAINTY.ALLOCATED * 100,
        }),
      },
    ],
    baselineFacts: BASELINE_FACTS,
    caveats: CAVEATS,
    citations: CITATIONS,
  };
}
