import { Trans, useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { storedReasonText } from "~/i18n/stored-reasons";
import type { StoredEstimate } from "~/domain/carbon";
import {
  co2ePerKgText,
  comparisonSentence,
  foodRouteText,
  formatFoodDistance,
  type CarbonText,
  type DistanceUnit,
} from "./format";
import { BaselineRange } from "./baseline-range";

/** The words and formats of the page's language, for the functions of ./format. */
export function useCarbonText(): CarbonText {
  const { t } = useTranslation("discover");
  const format = useFormat();
  return { t, format };
}

/**
 * The checkout box: estimated food distance and transport emissions for the basket, one line on
 * how it is worked out, the comparison the data allows and a link to the method page. Takes the
 * `estimate` returned by `estimateOrderForCheckout` (or the stored `carbonDetail.estimate`).
 */
export function CarbonEstimate({
  estimate,
  distanceUnit = "KM",
  headingLevel = 2,
}: {
  estimate: StoredEstimate | null;
  distanceUnit?: DistanceUnit;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const { t } = useTranslation("discover");
  return (
    <section className="carbon-box" aria-labelledby="carbon-estimate-title">
      <div className="carbon-box-header">
        <Heading id="carbon-estimate-title">{t("carbon.box.title")}</Heading>
        <span className="badge badge-info">{t("carbon.box.estimate")}</span>
      </div>
      {estimate === null ? (
        <p className="muted">{t("carbon.box.empty")}</p>
      ) : estimate.status === "NOT_ESTIMATED" ? (
        <p className="carbon-not-estimated">
          <strong>{t("carbon.box.notEstimated")}</strong> {storedReasonText(estimate.reason, t)}
        </p>
      ) : (
        <EstimateFigures estimate={estimate} distanceUnit={distanceUnit} />
      )}
      <p className="carbon-footnote">
        <Trans t={t} i18nKey="carbon.box.footnote" components={{ method: <a href="/carbon" /> }} />
      </p>
    </section>
  );
}

function EstimateFigures({
  estimate,
  distanceUnit,
}: {
  estimate: Extract<StoredEstimate, { status: "ESTIMATED" }>;
  distanceUnit: DistanceUnit;
}) {
  const text = useCarbonText();
  const { t, format } = text;
  const perKg = co2ePerKgText(estimate.co2eGrams, estimate.grams, text);
  const comparison = comparisonSentence(estimate.comparison, text);
  return (
    <>
      <dl className="carbon-figures">
        <div>
          <dt>{t("carbon.figures.foodDistance")}</dt>
          <dd>
            <span className="carbon-figure">
              {estimate.foodMetres === null ? "—" : formatFoodDistance(estimate.foodMetres, distanceUnit, text)}
            </span>
            <span className="carbon-hint">{foodRouteText(estimate, text)}</span>
          </dd>
        </div>
        <div>
          <dt>{t("carbon.figures.transportEmissions")}</dt>
          <dd>
            <span className="carbon-figure">{t("carbon.co2e", { co2e: format.co2e(estimate.co2eGrams) })}</span>
            {perKg ? <span className="carbon-hint">{perKg}</span> : null}
          </dd>
        </div>
      </dl>
      <p className="carbon-explain">{t("carbon.box.explain")}</p>
      <p className={`carbon-comparison carbon-comparison-${comparison.tone}`}>{comparison.text}</p>
      {estimate.baseline ? (
        <BaselineRange baseline={estimate.baseline} orderCo2eGrams={estimate.co2eGrams} text={text} />
      ) : null}
    </>
  );
}
