// The conventional-supply baseline a buyer's figure is compared with, as the range it is (low –
// high, central marked) with the order's own figure on the same scale. Orders stored before
// regional baselines carry one number: they are described as they were.
import { isBaselineProfileId, type StoredBaseline } from "~/domain/carbon";
import type { CarbonText } from "./format";

/** The hub profile's name in the reader's language; an unknown id as it is. */
export function baselineProfileName(id: string, { t }: CarbonText): string {
  return isBaselineProfileId(id) ? t(`messages:carbonBaseline.profiles.${id}.name`) : id;
}

export interface BaselineRangeView {
  low: number;
  central: number;
  high: number;
  order: number;
  /** Positions on a 0–100 scale from 0 g to a little past the largest figure. */
  position: { low: number; central: number; high: number; order: number };
}

/** The range to draw; null for a baseline stored before regional profiles (no low / high). */
export function baselineRangeView(baseline: StoredBaseline, orderCo2eGrams: number): BaselineRangeView | null {
  if (baseline.lowCo2eGrams === undefined || baseline.highCo2eGrams === undefined) return null;
  const top = Math.max(baseline.highCo2eGrams, orderCo2eGrams, 1) * 1.05;
  const at = (grams: number) => Math.round((1000 * grams) / top) / 10;
  return {
    low: baseline.lowCo2eGrams,
    central: baseline.co2eGrams,
    high: baseline.highCo2eGrams,
    order: orderCo2eGrams,
    position: {
      low: at(baseline.lowCo2eGrams),
      central: at(baseline.co2eGrams),
      high: at(baseline.highCo2eGrams),
      order: at(orderCo2eGrams),
    },
  };
}

/**
 * What the baseline is, in words: the range with its central value and the hub's profile, then
 * what the central value is made of. An older stored baseline: its single figure, as before.
 */
export function baselineSentences(baseline: StoredBaseline, text: CarbonText): string[] {
  const { t, format } = text;
  const co2e = (grams: number) => format.co2e(grams);
  const km = (metres: number) => format.number(metres / 1000, { maximumFractionDigits: 1 });
  if (baseline.lowCo2eGrams === undefined || baseline.highCo2eGrams === undefined) {
    return [
      baseline.carTripMetres !== null
        ? t("discover:carbon.order.baselineWithCar", {
            total: co2e(baseline.co2eGrams),
            chain: co2e(baseline.conventionalChainCo2eGrams),
            chainKm: format.number(baseline.conventionalMetres / 1000),
            car: co2e(baseline.carTripCo2eGrams),
            carKm: format.number(baseline.carTripMetres / 1000),
          })
        : t("discover:carbon.order.baseline", {
            total: co2e(baseline.co2eGrams),
            chain: co2e(baseline.conventionalChainCo2eGrams),
            chainKm: format.number(baseline.conventionalMetres / 1000),
          }),
    ];
  }
  const range = t("discover:carbon.baseline.range", {
    low: co2e(baseline.lowCo2eGrams),
    high: co2e(baseline.highCo2eGrams),
    central: co2e(baseline.co2eGrams),
    profile: baselineProfileName(baseline.profileId ?? "", text),
  });
  const parts =
    baseline.carTripMetres !== null
      ? t("discover:carbon.baseline.partsWithTrip", {
          chain: co2e(baseline.conventionalChainCo2eGrams),
          chainKm: km(baseline.conventionalMetres),
          trip: co2e(baseline.carTripCo2eGrams),
          tripKm: km(baseline.carTripMetres),
        })
      : t("discover:carbon.baseline.parts", {
          chain: co2e(baseline.conventionalChainCo2eGrams),
          chainKm: km(baseline.conventionalMetres),
        });
  return [range, parts];
}

/** The range drawn as a bar: the baseline's low–high band, its central tick and the order's mark. */
export function BaselineRange({
  baseline,
  orderCo2eGrams,
  text,
}: {
  baseline: StoredBaseline;
  orderCo2eGrams: number;
  text: CarbonText;
}) {
  const view = baselineRangeView(baseline, orderCo2eGrams);
  const sentences = baselineSentences(baseline, text);
  const { t, format } = text;
  return (
    <div className="baseline-range">
      {view ? (
        <figure
          className="baseline-range-chart"
          role="img"
          aria-label={t("discover:carbon.baseline.chartLabel", {
            order: format.co2e(view.order),
            low: format.co2e(view.low),
            central: format.co2e(view.central),
            high: format.co2e(view.high),
          })}
        >
          <div className="baseline-range-track" aria-hidden="true">
            <span
              className="baseline-range-band"
              style={{
                left: `${view.position.low}%`,
                width: `${Math.max(view.position.high - view.position.low, 0.5)}%`,
              }}
            />
            <span className="baseline-range-central" style={{ left: `${view.position.central}%` }} />
            <span className="baseline-range-order" style={{ left: `${view.position.order}%` }} />
          </div>
          <ul className="baseline-range-legend" aria-hidden="true">
            <li className="legend-order">
              {t("discover:carbon.baseline.yourOrder", { co2e: format.co2e(view.order) })}
            </li>
            <li className="legend-band">
              {t("discover:carbon.baseline.conventional", { low: format.co2e(view.low), high: format.co2e(view.high) })}
            </li>
            <li className="legend-central">
              {t("discover:carbon.baseline.central", { co2e: format.co2e(view.central) })}
            </li>
          </ul>
        </figure>
      ) : null}
      {sentences.map((sentence) => (
        <p key={sentence} className="small muted">
          {sentence}
        </p>
      ))}
    </div>
  );
}
