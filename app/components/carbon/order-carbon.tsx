import { formatCo2e, type StoredBaseline, type StoredComparison, type StoredFarmShare } from "~/domain/carbon";
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
  type ShownFigure,
} from "./format";
import { TableWrap } from "~/components/ui/table-wrap";

const kg = (grams: number): string => `${(grams / 1000).toLocaleString("en-GB", { maximumFractionDigits: 1 })} kg`;

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
  const provenance = provenanceText(view);
  const { shown } = view;
  return (
    <section className="card carbon-order" aria-labelledby="order-carbon-title">
      <div className="carbon-box-header">
        <Heading id="order-carbon-title">Food miles and transport carbon</Heading>
        <StageBadge shown={shown} />
      </div>

      {shown.kind === "NONE" ? (
        <p className="muted">No carbon figure was recorded for this order.</p>
      ) : shown.kind === "NOT_ESTIMATED" ? (
        <p className="carbon-not-estimated">
          <strong>Not estimated.</strong> {shown.reason}
        </p>
      ) : shown.kind === "TOTALS_ONLY" ? (
        <dl className="carbon-figures">
          <Figure
            label="Food distance"
            value={shown.foodMetres === null ? "—" : formatFoodDistance(shown.foodMetres, distanceUnit)}
          />
          <Figure label="Transport emissions" value={`${formatCo2e(shown.co2eGrams)} CO2e`} />
        </dl>
      ) : (
        <>
          <dl className="carbon-figures">
            <Figure
              label="Food distance"
              value={shown.figure.foodMetres === null ? "—" : formatFoodDistance(shown.figure.foodMetres, distanceUnit)}
              hint={foodRouteText(shown.figure)}
            />
            <Figure
              label="Transport emissions"
              value={`${formatCo2e(shown.figure.co2eGrams)} CO2e`}
              hint={co2ePerKgText(shown.figure.co2eGrams, shown.figure.grams)}
            />
            {shown.kind === "ALLOCATED" && view.estimateCo2eGrams !== null ? (
              <Figure
                label="Estimated at checkout"
                value={`${formatCo2e(view.estimateCo2eGrams)} CO2e`}
                hint="kept for reference"
              />
            ) : null}
          </dl>
          <p className="carbon-explain">
            {shown.kind === "ALLOCATED"
              ? "Your order’s share of the routes the hub planned: each van’s emissions are shared among its stops by weight × distance from the depot, so the shares of a route add up exactly to the route."
              : "Estimated at checkout from a typical round. Once the hub has planned the routes for this delivery, the allocated figure from the real routes replaces it here."}
          </p>

          <div className="carbon-tables">
            <TableWrap>
              <table>
                <caption>By leg</caption>
                <thead>
                  <tr>
                    <th scope="col">Leg</th>
                    <th scope="col" className="num">
                      CO2e
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {legRows(shown.figure).map((row) => (
                    <tr key={row.key}>
                      <th scope="row">
                        {row.label}
                        {row.detail ? <span className="carbon-cell-hint">{row.detail}</span> : null}
                      </th>
                      <td className="num">{formatCo2e(row.co2eGrams)}</td>
                    </tr>
                  ))}
                  {shown.figure.legs.some((l) => l.leg === "HUB_TO_BUYER") ? null : (
                    <tr>
                      <th scope="row">
                        Hub → you
                        <span className="carbon-cell-hint">You collect at the hub; your own trip is not counted</span>
                      </th>
                      <td className="num">—</td>
                    </tr>
                  )}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Total</th>
                    <td className="num">{formatCo2e(shown.figure.co2eGrams)}</td>
                  </tr>
                </tfoot>
              </table>
            </TableWrap>
            <FarmTable farms={shown.figure.byFarm} distanceUnit={distanceUnit} />
          </div>

          <Comparison comparison={shown.figure.comparison} baseline={shown.figure.baseline} Sub={Sub} />
        </>
      )}

      <p className="carbon-footnote">
        {provenance ? <span className="carbon-provenance">{provenance}. </span> : null}
        <a href="/carbon">How we count food miles and carbon</a>
      </p>
    </section>
  );
}

function StageBadge({ shown }: { shown: ShownFigure }) {
  const allocated = shown.kind === "ALLOCATED" || (shown.kind === "TOTALS_ONLY" && shown.label === "ALLOCATED");
  const estimated = shown.kind === "ESTIMATED" || (shown.kind === "TOTALS_ONLY" && shown.label === "ESTIMATED");
  if (allocated) return <span className="badge">Allocated after route planning</span>;
  if (estimated) return <span className="badge badge-info">Estimate</span>;
  if (shown.kind === "NOT_ESTIMATED") return <span className="badge badge-neutral">Not estimated</span>;
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

function FarmTable({ farms, distanceUnit }: { farms: readonly StoredFarmShare[]; distanceUnit: DistanceUnit }) {
  if (farms.length === 0) return null;
  return (
    <TableWrap>
      <table>
        <caption>Farm → hub, by farm</caption>
        <thead>
          <tr>
            <th scope="col">Farm</th>
            <th scope="col" className="num">
              Your goods
            </th>
            <th scope="col" className="num">
              Distance
            </th>
            <th scope="col" className="num">
              CO2e
            </th>
          </tr>
        </thead>
        <tbody>
          {farms.map((farm) => (
            <tr key={farm.farmId}>
              <th scope="row">{farm.farmName}</th>
              <td className="num">{kg(farm.grams)}</td>
              <td className="num">{formatFoodDistance(farm.metres, distanceUnit)}</td>
              <td className="num">{formatCo2e(farm.co2eGrams)}</td>
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
  Sub,
}: {
  comparison: StoredComparison;
  baseline: StoredBaseline | null;
  Sub: "h3" | "h4";
}) {
  const sentence = comparisonSentence(comparison);
  return (
    <div className="carbon-compare">
      <Sub>Compared with a conventional supply chain</Sub>
      <p className={`carbon-comparison carbon-comparison-${sentence.tone}`}>{sentence.text}</p>
      {baseline ? (
        <p className="small muted">
          Baseline for the same food: {formatCo2e(baseline.co2eGrams)} CO2e —{" "}
          {formatCo2e(baseline.conventionalChainCo2eGrams)} for{" "}
          {(baseline.conventionalMetres / 1000).toLocaleString("en-GB")} km by lorry
          {baseline.carTripMetres !== null
            ? ` plus ${formatCo2e(baseline.carTripCo2eGrams)} for a ${(baseline.carTripMetres / 1000).toLocaleString("en-GB")} km car trip to a shop`
            : ""}
          .
        </p>
      ) : null}
      {comparison.status === "COMPARED" && comparison.caveats.length ? (
        <details className="carbon-caveats">
          <summary>What this comparison leaves out</summary>
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
