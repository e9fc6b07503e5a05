// Pure display logic for carbon figures (client-safe). Phrasing follows compareWithBaseline:
// a difference is stated only when it survives the uncertainty bands, and then conservatively.
import {
  CAVEATS,
  formatCo2e,
  readCarbonDetail,
  type CaveatKey,
  type DistanceBasis,
  type StoredAllocation,
  type StoredComparison,
  type StoredEstimate,
  type StoredLeg,
} from "~/domain/carbon";
import { formatDistance, type DistanceUnit } from "~/domain/geo";

export type { DistanceUnit };

export const DISTANCE_BASIS_LABEL: Record<DistanceBasis, string> = {
  ROAD_NETWORK: "road distances from a routing server",
  GREAT_CIRCLE_X_CIRCUITY: "straight-line distance × road circuity",
  GREAT_CIRCLE: "straight-line distance",
};

export function distanceBasisLabel(basis: string): string {
  return DISTANCE_BASIS_LABEL[basis as DistanceBasis] ?? basis;
}

export function formatFoodDistance(metres: number, unit: DistanceUnit): string {
  return formatDistance(metres, unit);
}

/** "29 g CO2e per kg of food"; null when the weight is unknown or zero. */
export function co2ePerKgText(co2eGrams: number, foodGrams: number): string | null {
  if (!(foodGrams > 0)) return null;
  const perKg = Math.round((co2eGrams * 1000) / foodGrams);
  return `${formatCo2e(perKg)} CO2e per kg of food`;
}

/** What the food distance covers: with or without the delivery leg. */
export function foodRouteText(figure: { legs: readonly StoredLeg[] }): string {
  return figure.legs.some((l) => l.leg === "HUB_TO_BUYER")
    ? "farm → hub → you, weight-averaged"
    : "farm → hub (you collect), weight-averaged";
}

export type ComparisonTone = "lower" | "neutral" | "higher" | "none";

/**
 * One sentence comparing with the conventional-chain baseline, saying no more than the
 * comparison allows: LOWER → "at least" the conservative saving; otherwise no claim of a saving.
 */
export function comparisonSentence(comparison: StoredComparison): { text: string; tone: ComparisonTone } {
  if (comparison.status === "NOT_COMPARED") {
    return { text: `Not compared with a conventional supply chain: ${comparison.reason}`, tone: "none" };
  }
  switch (comparison.claim) {
    case "LOWER": {
      const saving = comparison.conservativeSavingCo2eGrams ?? 0;
      const percent = comparison.conservativeSavingPercent;
      return {
        text: `Lower than the same food through a conventional supply chain: at least ${formatCo2e(saving)} CO2e${
          percent === null ? "" : ` (${percent}%)`
        } less, after allowing for the uncertainty in both figures.`,
        tone: "lower",
      };
    }
    case "HIGHER":
      return {
        text: "Higher than the average for the same food through a conventional supply chain, even allowing for the uncertainty in both figures.",
        tone: "higher",
      };
    case "NO_CLEAR_DIFFERENCE":
      return {
        text: "No clear difference from the same food through a conventional supply chain once the uncertainty in both figures is allowed for.",
        tone: "neutral",
      };
  }
}

export function caveatTexts(keys: readonly CaveatKey[]): string[] {
  return keys.map((k) => CAVEATS[k].text);
}

export interface LegRow {
  key: "FARM_TO_HUB" | "HUB_TO_BUYER";
  label: string;
  detail: string;
  co2eGrams: number;
}

const VIA_LABEL: Record<StoredLeg["via"], string> = {
  COLLECTION: "hub's collection run",
  FARM_DROP_OFF: "farm's own trip to the hub",
  DELIVERY: "delivery run",
};

/** Rows of the by-leg table: farm → hub (collection and/or farms' own trips) and hub → you. */
export function legRows(figure: {
  legs: readonly StoredLeg[];
  farmToHubCo2eGrams: number;
  hubToBuyerCo2eGrams: number;
}): LegRow[] {
  const farmVias = [...new Set(figure.legs.filter((l) => l.leg === "FARM_TO_HUB").map((l) => l.via))];
  const rows: LegRow[] = [
    {
      key: "FARM_TO_HUB",
      label: "Farm → hub",
      detail: farmVias.length ? `By the ${farmVias.map((v) => VIA_LABEL[v]).join(" and the ")}` : "",
      co2eGrams: figure.farmToHubCo2eGrams,
    },
  ];
  if (figure.legs.some((l) => l.leg === "HUB_TO_BUYER")) {
    rows.push({
      key: "HUB_TO_BUYER",
      label: "Hub → you",
      detail: "Your share of the delivery run",
      co2eGrams: figure.hubToBuyerCo2eGrams,
    });
  }
  return rows;
}

export type ShownFigure =
  | { kind: "ALLOCATED"; figure: Extract<StoredAllocation, { status: "ALLOCATED" }> }
  | { kind: "ESTIMATED"; figure: Extract<StoredEstimate, { status: "ESTIMATED" }> }
  /** Only the Order columns are readable (no or unknown detail). */
  | { kind: "TOTALS_ONLY"; label: "ALLOCATED" | "ESTIMATED"; co2eGrams: number; foodMetres: number | null }
  | { kind: "NOT_ESTIMATED"; reason: string; stage: "ALLOCATED" | "ESTIMATED" }
  | { kind: "NONE" };

export interface OrderCarbonFields {
  estFoodMetres: number | null;
  estCo2eGrams: number | null;
  allocFoodMetres: number | null;
  allocCo2eGrams: number | null;
  carbonMethodVersion: string | null;
  carbonFactorSet: string | null;
  carbonDetail: unknown;
}

export interface OrderCarbonView {
  shown: ShownFigure;
  /** The checkout estimate, shown beside an allocated figure for reference. */
  estimateCo2eGrams: number | null;
  methodVersion: string | null;
  factorSetId: string | null;
  distanceBasis: string | null;
}

/** Decides what the order page shows: the allocation once planned, else the estimate, else why not. */
export function orderCarbonView(fields: OrderCarbonFields): OrderCarbonView {
  const detail = readCarbonDetail(fields.carbonDetail, fields);
  const estimate = detail?.estimate ?? null;
  const allocation = detail?.allocation ?? null;
  const estimateCo2eGrams = estimate?.status === "ESTIMATED" ? estimate.co2eGrams : fields.estCo2eGrams;
  const provenanceOf = (p: { methodVersion: string; factorSetId: string; distanceBasis: string } | null) => ({
    methodVersion: p?.methodVersion ?? fields.carbonMethodVersion,
    factorSetId: p?.factorSetId ?? fields.carbonFactorSet,
    distanceBasis: p?.distanceBasis ?? null,
  });

  if (allocation?.status === "ALLOCATED") {
    return { shown: { kind: "ALLOCATED", figure: allocation }, estimateCo2eGrams, ...provenanceOf(allocation) };
  }
  if (allocation === null && fields.allocCo2eGrams !== null) {
    return {
      shown: {
        kind: "TOTALS_ONLY",
        label: "ALLOCATED",
        co2eGrams: fields.allocCo2eGrams,
        foodMetres: fields.allocFoodMetres,
      },
      estimateCo2eGrams,
      ...provenanceOf(null),
    };
  }
  if (allocation?.status === "NOT_ESTIMATED") {
    return {
      shown: { kind: "NOT_ESTIMATED", reason: allocation.reason, stage: "ALLOCATED" },
      estimateCo2eGrams,
      ...provenanceOf(allocation),
    };
  }
  if (estimate?.status === "ESTIMATED") {
    return { shown: { kind: "ESTIMATED", figure: estimate }, estimateCo2eGrams, ...provenanceOf(estimate) };
  }
  if (estimate?.status === "NOT_ESTIMATED") {
    return {
      shown: { kind: "NOT_ESTIMATED", reason: estimate.reason, stage: "ESTIMATED" },
      estimateCo2eGrams,
      ...provenanceOf(estimate),
    };
  }
  if (fields.estCo2eGrams !== null) {
    return {
      shown: {
        kind: "TOTALS_ONLY",
        label: "ESTIMATED",
        co2eGrams: fields.estCo2eGrams,
        foodMetres: fields.estFoodMetres,
      },
      estimateCo2eGrams,
      ...provenanceOf(null),
    };
  }
  return { shown: { kind: "NONE" }, estimateCo2eGrams: null, ...provenanceOf(null) };
}

/** "Method foodshed-carbon-1 · factor set desnz-2025 · straight-line distance × road circuity". */
export function provenanceText(
  view: Pick<OrderCarbonView, "methodVersion" | "factorSetId" | "distanceBasis">,
): string | null {
  const parts = [
    view.methodVersion ? `Method ${view.methodVersion}` : null,
    view.factorSetId ? `factor set ${view.factorSetId}` : null,
    view.distanceBasis ? `distances: ${distanceBasisLabel(view.distanceBasis)}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join(" · ") : null;
}
