// Pure display logic for carbon figures (client-safe). Phrasing follows compareWithBaseline:
// a difference is stated only when it survives the uncertainty bands, and then conservatively.
// The words come from the "discover" catalogue (carbon.*): components pass their `t` and
// `useFormat()` as `text`; without it, the current page's or request's language (English in tests).
import { storedReasonText } from "~/i18n/stored-reasons";
import {
  CAVEATS,
  readCarbonDetail,
  type CaveatKey,
  type DistanceBasis,
  type StoredAllocation,
  type StoredComparison,
  type StoredEstimate,
  type StoredLeg,
} from "~/domain/carbon";
import type { DistanceUnit } from "~/domain/geo";
import { currentT, type TFunction } from "~/i18n/i18n";
import { makeFormatter, type Formatter } from "~/i18n/format";
import { DEFAULT_LANGUAGE, isLanguage } from "~/locales/languages";

export type { DistanceUnit };

/** The words and number formats carbon text is written with. */
export interface CarbonText {
  /** The "discover" namespace. */
  t: TFunction;
  format: Formatter;
}

/** The current page's or request's language (English outside one, as in unit tests). */
export function currentCarbonText(): CarbonText {
  const t = currentT("discover");
  const lng = (t as unknown as { lng?: unknown }).lng;
  const language = typeof lng === "string" && isLanguage(lng) ? lng : DEFAULT_LANGUAGE;
  return { t, format: makeFormatter(language, currentT("common", language)) };
}

const DISTANCE_BASES: readonly DistanceBasis[] = ["ROAD_NETWORK", "GREAT_CIRCLE_X_CIRCUITY", "GREAT_CIRCLE"];

/** "road distances from a routing server", …; an unknown basis as it is. */
export function distanceBasisLabel(basis: string, { t }: CarbonText = currentCarbonText()): string {
  return (DISTANCE_BASES as readonly string[]).includes(basis) ? t(`carbon.distanceBasis.${basis}`) : basis;
}

export function formatFoodDistance(
  metres: number,
  unit: DistanceUnit,
  { format }: CarbonText = currentCarbonText(),
): string {
  return format.distance(metres, unit);
}

/** "29 g CO2e per kg of food"; null when the weight is unknown or zero. */
export function co2ePerKgText(
  co2eGrams: number,
  foodGrams: number,
  { t, format }: CarbonText = currentCarbonText(),
): string | null {
  if (!(foodGrams > 0)) return null;
  const perKg = Math.round((co2eGrams * 1000) / foodGrams);
  return t("carbon.perKgOfFood", { co2e: format.co2e(perKg) });
}

/** What the food distance covers: with or without the delivery leg. */
export function foodRouteText(figure: { legs: readonly StoredLeg[] }, { t }: CarbonText = currentCarbonText()): string {
  return figure.legs.some((l) => l.leg === "HUB_TO_BUYER") ? t("carbon.route.delivered") : t("carbon.route.collect");
}

export type ComparisonTone = "lower" | "neutral" | "higher" | "none";

/**
 * One sentence comparing with the conventional-chain baseline, saying no more than the
 * comparison allows: LOWER → "at least" the conservative saving; otherwise no claim of a saving.
 */
export function comparisonSentence(
  comparison: StoredComparison,
  { t, format }: CarbonText = currentCarbonText(),
): { text: string; tone: ComparisonTone } {
  if (comparison.status === "NOT_COMPARED") {
    return {
      text: t("carbon.comparison.notCompared", { reason: storedReasonText(comparison.reason, t) }),
      tone: "none",
    };
  }
  switch (comparison.claim) {
    case "LOWER": {
      const saving = format.co2e(comparison.conservativeSavingCo2eGrams ?? 0);
      const percent = comparison.conservativeSavingPercent;
      return {
        text:
          percent === null
            ? t("carbon.comparison.lower", { saving })
            : t("carbon.comparison.lowerPercent", { saving, percent: format.number(percent) }),
        tone: "lower",
      };
    }
    case "HIGHER":
      return { text: t("carbon.comparison.higher"), tone: "higher" };
    case "NO_CLEAR_DIFFERENCE":
      return { text: t("carbon.comparison.noClearDifference"), tone: "neutral" };
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
  /**
   * "incl. 12 g CO2e for refrigeration": the part of the leg's figure due to a refrigerated
   * vehicle's unit (decision 026); null when there is none or the figure predates the split.
   */
  refrigeration: string | null;
}

/** The refrigeration part of the legs of one kind, in words, or null when there is none. */
function refrigerationText(legs: readonly StoredLeg[], { t, format }: CarbonText): string | null {
  const grams = legs.reduce((s, l) => s + (l.refrigerationCo2eGrams ?? 0), 0);
  return grams > 0 ? t("carbon.legs.includingRefrigeration", { co2e: format.co2e(grams) }) : null;
}

/** "By the hub's collection run", "By the farm's own trip to the hub", both, or "". */
function farmLegDetail(vias: ReadonlyArray<StoredLeg["via"]>, t: TFunction): string {
  const collection = vias.includes("COLLECTION");
  const dropOff = vias.includes("FARM_DROP_OFF");
  if (collection && dropOff) {
    return vias.indexOf("COLLECTION") < vias.indexOf("FARM_DROP_OFF")
      ? t("carbon.legs.byCollectionAndDropOff")
      : t("carbon.legs.byDropOffAndCollection");
  }
  if (collection) return t("carbon.legs.byCollection");
  if (dropOff) return t("carbon.legs.byDropOff");
  return vias.includes("DELIVERY") ? t("carbon.legs.byDelivery") : "";
}

/** Rows of the by-leg table: farm → hub (collection and/or farms' own trips) and hub → you. */
export function legRows(
  figure: {
    legs: readonly StoredLeg[];
    farmToHubCo2eGrams: number;
    hubToBuyerCo2eGrams: number;
  },
  text: CarbonText = currentCarbonText(),
): LegRow[] {
  const { t } = text;
  const farmLegs = figure.legs.filter((l) => l.leg === "FARM_TO_HUB");
  const deliveryLegs = figure.legs.filter((l) => l.leg === "HUB_TO_BUYER");
  const farmVias = [...new Set(farmLegs.map((l) => l.via))];
  const rows: LegRow[] = [
    {
      key: "FARM_TO_HUB",
      label: t("carbon.legs.farmToHub"),
      detail: farmLegDetail(farmVias, t),
      co2eGrams: figure.farmToHubCo2eGrams,
      refrigeration: refrigerationText(farmLegs, text),
    },
  ];
  if (deliveryLegs.length > 0) {
    rows.push({
      key: "HUB_TO_BUYER",
      label: t("carbon.legs.hubToYou"),
      detail: t("carbon.legs.yourShareOfDelivery"),
      co2eGrams: figure.hubToBuyerCo2eGrams,
      refrigeration: refrigerationText(deliveryLegs, text),
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

/** "Method foodshed-carbon-2 · factor set desnz-2025 · straight-line distance × road circuity". */
export function provenanceText(
  view: Pick<OrderCarbonView, "methodVersion" | "factorSetId" | "distanceBasis">,
  text: CarbonText = currentCarbonText(),
): string | null {
  const { t } = text;
  const parts = [
    view.methodVersion ? t("carbon.provenance.method", { version: view.methodVersion }) : null,
    view.factorSetId ? t("carbon.provenance.factorSet", { id: view.factorSetId }) : null,
    view.distanceBasis
      ? t("carbon.provenance.distances", { basis: distanceBasisLabel(view.distanceBasis, text) })
      : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join(" · ") : null;
}
