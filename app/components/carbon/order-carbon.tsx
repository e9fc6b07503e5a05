import { useTranslation } from "react-i18next";
import type { StoredBaseline, StoredComparison, StoredFarmShare } from "~/domain/carbon";
import { storedReasonText } from "~/i18n/stored-reasons";
import { useCarbonText } from "./carbon-estimate";
import {
  caveatTexts,
  co2ePerKgText,
  comparisonSentence,
  foodRouteText,
  formatFoodDistance,
  legRows,
  orderCarbonView,
  provenanceText,
  type DistanceUnit,
  type OrderCarbonFields,
  type CarbonText,
  type ShownFigure,
} from "./format";
import { TableWrap } from "~/components/ui/table-wrap";
import { BaselineRange } from "./baseline-range";

const kg = (grams: number, { format }: CarbonText): string =>
  `${format.number(grams / 1000, { maximumFractionDigits: 1 })} kg`;

/**
 * The order page section: the checkout estimate, then the allocated figure once the cycle is
 * planned, with the breakdown by leg and by farm, the comparison and what produced the figure.
 * Takes the Order's stored carbon columns as they are.
 */
export function OrderCarbon({
  distanceUnit = "KM",
  headingLevel = 2,
  ...fields
}: OrderCarbonFields & { distanceUnit?: DistanceUnit; headingLevel?: 2 | 3 }) {
  const view = orderCarbonView(fields);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  const text = useCarbonText();
  const { t, format } = text;
  const co2e = (grams: number) => t("carbon.co2e", { co2e: format.co2e(grams) });
  const provenance = provenanceText(view, text);
  const { shown } = view;
  return (
    <section className="card carbon-order" aria-labelledby="order-carbon-title">
      <div className="carbon-box-header">
        <Heading id="order-carbon-title">{t("carbon.box.title")}</Heading>
        <StageBadge shown={shown} />
      </div>

      {shown.kind === "NONE" ? (
        <p className="muted">{t("carbon.order.none")}</p>
      ) : shown.kind === "NOT_ESTIMATED" ? (
        <p className="carbon-not-estimated">
          <strong>{t("carbon.box.notEstimated")}</strong> {storedReasonText(shown.reason, t)}
        </p>
      ) : shown.kind === "TOTALS_ONLY" ? (
        <dl className="carbon-figures">
          <Figure
            label={t("carbon.figures.foodDistance")}
            value={shown.foodMetres === null ? "—" : formatFoodDistance(shown.foodMetres, distanceUnit, text)}
          />
          <Figure label={t("carbon.figures.transportEmissions")} value={co2e(shown.co2eGrams)} />
        </dl>
      ) : (
        <>
          <dl className="carbon-figures">
            <Figure
              label={t("carbon.figures.foodDistance")}
              value={
                shown.figure.foodMetres === null ? "—" : formatFoodDistance(shown.figure.foodMetres, distanceUnit, text)
              }
              hint={foodRouteText(shown.figure, text)}
            />
            <Figure
              label={t("carbon.figures.transportEmissions")}
              value={co2e(shown.figure.co2eGrams)}
              hint={co2ePerKgText(shown.figure.co2eGrams, shown.figure.grams, text)}
            />
            {shown.kind === "ALLOCATED" && view.estimateCo2eGrams !== null ? (
              <Figure
                label={t("carbon.order.estimatedAtCheckout")}
                value={co2e(view.estimateCo2eGrams)}
                hint={t("carbon.order.keptForReference")}
              />
            ) : null}
          </dl>
          <p className="carbon-explain">
            {shown.kind === "ALLOCATED" ? t("carbon.order.explainAllocated") : t("carbon.order.explainEstimated")}
          </p>

          <div className="carbon-tables">
            <TableWrap>
              <table>
                <caption>{t("carbon.order.byLeg")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("carbon.order.leg")}</th>
                    <th scope="col" className="num">
                      {t("carbon.order.co2eColumn")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {legRows(shown.figure, text).map((row) => (
                    <tr key={row.key}>
                      <th scope="row">
                        {row.label}
                        {row.detail ? <span className="carbon-cell-hint">{row.detail}</span> : null}
                        {row.refrigeration ? <span className="carbon-cell-hint">{row.refrigeration}</span> : null}
                      </th>
                      <td className="num">{format.co2e(row.co2eGrams)}</td>
                    </tr>
                  ))}
                  {shown.figure.legs.some((l) => l.leg === "HUB_TO_BUYER") ? null : (
                    <tr>
                      <th scope="row">
                        {t("carbon.legs.hubToYou")}
                        <span className="carbon-cell-hint">{t("carbon.order.youCollect")}</span>
                      </th>
                      <td className="num">—</td>
                    </tr>
                  )}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t("carbon.order.total")}</th>
                    <td className="num">{format.co2e(shown.figure.co2eGrams)}</td>
                  </tr>
                </tfoot>
              </table>
            </TableWrap>
            <FarmTable farms={shown.figure.byFarm} distanceUnit={distanceUnit} text={text} />
          </div>

          <Comparison
            comparison={shown.figure.comparison}
            baseline={shown.figure.baseline}
            orderCo2eGrams={shown.figure.co2eGrams}
            Sub={Sub}
            text={text}
          />
        </>
      )}

      <p className="carbon-footnote">
        {provenance ? <span className="carbon-provenance">{t("carbon.order.provenance", { provenance })} </span> : null}
        <a href="/carbon">{t("carbon.methodLink")}</a>
      </p>
    </section>
  );
}

function StageBadge({ shown }: { shown: ShownFigure }) {
  const { t } = useTranslation("discover");
  const allocated = shown.kind === "ALLOCATED" || (shown.kind === "TOTALS_ONLY" && shown.label === "ALLOCATED");
  const estimated = shown.kind === "ESTIMATED" || (shown.kind === "TOTALS_ONLY" && shown.label === "ESTIMATED");
  if (allocated) return <span className="badge">{t("carbon.order.allocatedBadge")}</span>;
  if (estimated) return <span className="badge badge-info">{t("carbon.box.estimate")}</span>;
  if (shown.kind === "NOT_ESTIMATED")
    return <span className="badge badge-neutral">{t("carbon.order.notEstimatedBadge")}</span>;
  return null;
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string | null }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <span className="carbon-figure">{value}</span>
        {hint ? <span className="carbon-hint">{hint}</span> : null}
      </dd>
    </div>
  );
}

function FarmTable({
  farms,
  distanceUnit,
  text,
}: {
  farms: readonly StoredFarmShare[];
  distanceUnit: DistanceUnit;
  text: CarbonText;
}) {
  const { t, format } = text;
  if (farms.length === 0) return null;
  return (
    <TableWrap>
      <table>
        <caption>{t("carbon.order.byFarm")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("carbon.order.farm")}</th>
            <th scope="col" className="num">
              {t("carbon.order.yourGoods")}
            </th>
            <th scope="col" className="num">
              {t("carbon.order.distance")}
            </th>
            <th scope="col" className="num">
              {t("carbon.order.co2eColumn")}
            </th>
          </tr>
        </thead>
        <tbody>
          {farms.map((farm) => (
            <tr key={farm.farmId}>
              <th scope="row">{farm.farmName}</th>
              <td className="num">{kg(farm.grams, text)}</td>
              <td className="num">{formatFoodDistance(farm.metres, distanceUnit, text)}</td>
              <td className="num">{format.co2e(farm.co2eGrams)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Comparison({
  comparison,
  baseline,
  orderCo2eGrams,
  Sub,
  text,
}: {
  comparison: StoredComparison;
  baseline: StoredBaseline | null;
  orderCo2eGrams: number;
  Sub: "h3" | "h4";
  text: CarbonText;
}) {
  const { t } = text;
  const sentence = comparisonSentence(comparison, text);
  return (
    <div className="carbon-compare">
      <Sub>{t("carbon.order.comparedTitle")}</Sub>
      <p className={`carbon-comparison carbon-comparison-${sentence.tone}`}>{sentence.text}</p>
      {baseline ? <BaselineRange baseline={baseline} orderCo2eGrams={orderCo2eGrams} text={text} /> : null}
      {comparison.status === "COMPARED" && comparison.caveats.length ? (
        <details className="carbon-caveats">
          <summary>{t("carbon.order.leavesOut")}</summary>
          <ul>
            {caveatTexts(comparison.caveats).map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
