import { formatCo2e, type StoredEstimate } from "~/domain/carbon";
import { co2ePerKgText, comparisonSentence, foodRouteText, formatFoodDistance, type DistanceUnit } from "./format";

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
  return (
    <section className="carbon-box" aria-labelledby="carbon-estimate-title">
      <div className="carbon-box-header">
        <Heading id="carbon-estimate-title">Food miles and transport carbon</Heading>
        <span className="badge badge-info">Estimate</span>
      </div>
      {estimate === null ? (
        <p className="muted">The estimate appears once your basket has goods in it.</p>
      ) : estimate.status === "NOT_ESTIMATED" ? (
        <p className="carbon-not-estimated">
          <strong>Not estimated.</strong> {estimate.reason}
        </p>
      ) : (
        <EstimateFigures estimate={estimate} distanceUnit={distanceUnit} />
      )}
      <p className="carbon-footnote">
        Transport only — a small part of food’s footprint. <a href="/carbon">How we count food miles and carbon</a>
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
  const perKg = co2ePerKgText(estimate.co2eGrams, estimate.grams);
  const comparison = comparisonSentence(estimate.comparison);
  return (
    <>
      <dl className="carbon-figures">
        <div>
          <dt>Food distance</dt>
          <dd>
            <span className="carbon-figure">
              {estimate.foodMetres === null ? "—" : formatFoodDistance(estimate.foodMetres, distanceUnit)}
            </span>
            <span className="carbon-hint">{foodRouteText(estimate)}</span>
          </dd>
        </div>
        <div>
          <dt>Transport emissions</dt>
          <dd>
            <span className="carbon-figure">{formatCo2e(estimate.co2eGrams)} CO2e</span>
            {perKg ? <span className="carbon-hint">{perKg}</span> : null}
          </dd>
        </div>
      </dl>
      <p className="carbon-explain">
        Your goods’ share of the vans’ fuel on a typical collection and delivery round, by weight × distance from the
        hub. The figure is replaced by the allocated one once routes are planned.
      </p>
      <p className={`carbon-comparison carbon-comparison-${comparison.tone}`}>{comparison.text}</p>
    </>
  );
}
