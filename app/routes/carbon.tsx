import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Alert, PageHeader } from "~/components/ui/page";
import {
  allocateRoute,
  CITATIONS,
  COMPARISON_UNCERTAINTY,
  CONVENTIONAL_CHAIN_METRES,
  DEFAULT_ESTIMATE_ASSUMPTIONS,
  DEFAULT_HOUSEHOLD_CAR_TRIP,
  DESNZ_2025,
  GLEC_PLANNED_TO_DRIVEN,
  methodPageData,
  resolveVehicleFactor,
  type CitationKey,
  type EmissionFactor,
  type FactorSet,
  type RouteInput,
} from "~/domain/carbon";
import { getActiveFactorSet } from "~/services/carbon-config.server";
import carbonCss from "~/styles/carbon.css";
import { getEnv } from "~/utils/env.server";
import { TableWrap } from "~/components/ui/table-wrap";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: carbonCss }];

export const meta: MetaFunction = () => [
  { title: "How we count food miles and carbon — Foodshed" },
  {
    name: "description",
    content:
      "The method, emission factors, distances, assumptions and sources behind Foodshed's per-order food miles and transport emissions.",
  },
];

/** The worked example of CARBON.md, allocated by the same code as real routes. */
const WORKED_EXAMPLE: RouteInput = {
  id: "worked-example",
  kind: "DELIVERY",
  metres: 42_000,
  distanceKind: "DRIVEN",
  vehicle: { energyType: "van-diesel-class-iii", refrigerated: false },
  stops: (
    [
      ["A", 50_000, 3_000],
      ["B", 120_000, 8_000],
      ["C", 80_000, 12_000],
      ["D", 250_000, 5_000],
    ] as const
  ).map(([id, grams, metres]) => ({
    id,
    distanceFromDepotMetres: metres,
    consignments: [{ orderId: id, farmId: null, grams }],
  })),
};

function roundRow(name: string, set: FactorSet, round: (typeof DEFAULT_ESTIMATE_ASSUMPTIONS)["deliveryRound"]) {
  return {
    name,
    vehicle: resolveVehicleFactor(set, round.vehicle).label,
    roundKm: round.metres / 1000,
    loadKg: round.loadGrams / 1000,
    meanStopKm: (round.meanStopDistanceMetres / 1000) as number | null,
  };
}

export async function loader() {
  const env = getEnv();
  const active = getActiveFactorSet();
  const overridden = active.id !== DESNZ_2025.id;
  const example = allocateRoute(WORKED_EXAMPLE, DESNZ_2025);
  const a = DEFAULT_ESTIMATE_ASSUMPTIONS;
  const changedKeys = overridden
    ? active.vehicleFactors
        .filter((f) => {
          const d = DESNZ_2025.vehicleFactors.find((x) => x.key === f.key);
          return !d || d.wellToWheelKgPerKm !== f.wellToWheelKgPerKm;
        })
        .map((f) => f.key)
    : [];
  return json({
    page: methodPageData(active),
    overridden,
    defaults: overridden ? DESNZ_2025 : null,
    changedKeys,
    circuity: env.ROAD_CIRCUITY,
    routingServer: Boolean(env.OSRM_URL),
    glecUpliftPercent: Math.round((GLEC_PLANNED_TO_DRIVEN - 1) * 100),
    rounds: [
      roundRow("Collection run (hub van at farms)", active, a.collectionRound),
      roundRow("Delivery run (hub van to buyers)", active, a.deliveryRound),
      {
        name: "Farm’s own trip to the hub",
        vehicle: resolveVehicleFactor(active, a.farmDropOff.vehicle).label,
        roundKm: null,
        loadKg: a.farmDropOff.loadGrams / 1000,
        meanStopKm: null,
      },
    ],
    baseline: {
      conventionalKm: CONVENTIONAL_CHAIN_METRES / 1000,
      carTripKm: DEFAULT_HOUSEHOLD_CAR_TRIP.roundTripMetres / 1000,
      carFactor: resolveVehicleFactor(active, {
        energyType: DEFAULT_HOUSEHOLD_CAR_TRIP.energyType,
        refrigerated: false,
      }),
    },
    bands: COMPARISON_UNCERTAINTY,
    example: {
      routeGrams: example.routeGrams,
      kgPerKm: example.kgPerKm,
      stops: WORKED_EXAMPLE.stops.map((s, i) => ({
        id: s.id,
        grams: s.consignments[0]?.grams ?? 0,
        metres: s.distanceFromDepotMetres,
        co2eGrams: example.stops[i]?.gramsCo2e ?? 0,
      })),
    },
  });
}

const CITATION_ORDER = Object.keys(CITATIONS) as CitationKey[];
const citationNumber = (key: CitationKey): number => CITATION_ORDER.indexOf(key) + 1;

function Cite({ source }: { source: CitationKey | undefined }) {
  if (!source) return null;
  const n = citationNumber(source);
  return (
    <a href={`#source-${source}`} className="cite" aria-label={`Source ${n}`}>
      [{n}]
    </a>
  );
}

const num = (value: number, digits = 0): string =>
  value.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const factor = (value: number): string => num(value, 5);

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export default function CarbonMethod() {
  const data = useLoaderData<typeof loader>();
  const { page } = data;
  const set = page.factorSet;
  const totalTkm = data.example.stops.reduce((s, x) => s + (x.grams / 1e6) * (x.metres / 1000), 0);

  return (
    <article className="method-page">
      <PageHeader
        title="How we count food miles and carbon"
        description="Every order on Foodshed shows how far its food travelled and the greenhouse gas emissions of moving it. This page explains exactly how those figures are made, so you can check them."
      />

      <section className="method-caveat" aria-labelledby="caveat-title">
        <h2 id="caveat-title">First, an honest caveat: transport is a small part of food’s footprint</h2>
        <p>
          Across the whole life cycle of food, transport accounts for about <strong>11%</strong> of greenhouse gas
          emissions, and the final delivery from producer to retail for about <strong>4%</strong>. Production — how food
          is grown, raised and processed — accounts for about <strong>83%</strong>.
          <Cite source="weberMatthews2008" />
        </p>
        <div
          className="share-bar"
          role="img"
          aria-label="Share of food's life-cycle emissions: production 83%, transport 11%, other stages 6%"
        >
          <span className="share-production" style={{ width: "83%" }}>
            Production 83%
          </span>
          <span className="share-transport" style={{ width: "11%" }}>
            11%
          </span>
          <span className="share-other" style={{ width: "6%" }} />
        </div>
        <ul className="share-legend" aria-hidden="true">
          <li style={{ ["--swatch" as string]: "var(--green-700)" }}>Production 83%</li>
          <li style={{ ["--swatch" as string]: "var(--earth-600)" }}>Transport 11% (final delivery 4%)</li>
          <li style={{ ["--swatch" as string]: "#c9d3cd" }}>Other stages 6%</li>
        </ul>
        <p>
          <strong>Foodshed measures transport only.</strong> Our figures tell you what moving your order emitted; they
          say nothing about how the food was produced, which matters far more. Choosing what you eat has a bigger effect
          than where it comes from.
        </p>
      </section>

      <nav className="method-toc" aria-labelledby="toc-title">
        <h2 id="toc-title">On this page</h2>
        <ol>
          <li>
            <a href="#method">The method in plain words</a>
          </li>
          <li>
            <a href="#worked-example">A worked example</a>
          </li>
          <li>
            <a href="#factors">Emission factors</a>
          </li>
          <li>
            <a href="#distances">Distances</a>
          </li>
          <li>
            <a href="#estimate">The estimate at checkout</a>
          </li>
          <li>
            <a href="#comparison">The comparison with conventional supply</a>
          </li>
          <li>
            <a href="#assumptions">Assumptions</a>
          </li>
          <li>
            <a href="#sources">Sources</a>
          </li>
        </ol>
      </nav>

      <Section id="method" title="The method in plain words">
        <p>
          We follow the allocation method of ISO 14083:2023 and the GLEC Framework
          <Cite source="iso14083" />
          <Cite source="glec" />, the standards logistics companies use to report the emissions of shipments that share
          a vehicle.
        </p>
        <dl className="formula" aria-label="Formulas">
          <dt>Route emissions</dt>
          <dd>
            km driven on the whole round (back to the depot included) × the van’s well-to-wheel factor (kg CO2e per km)
          </dd>
          <dt>Share of a stop</dt>
          <dd>
            (weight handled at the stop × its distance from the depot) ÷ the same sum over every stop on the round
          </dd>
          <dt>Your order</dt>
          <dd>
            its shares of every leg its goods travel: farm → hub (collection run or the farm’s own trip) + hub → you
          </dd>
          <dt>Food miles</dt>
          <dd>weight-averaged distance of your goods: farm → hub → you</dd>
        </dl>
        <ol className="method-steps">
          {page.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <h3>Estimate or allocated figure</h3>
        <p>
          At checkout the routes do not exist yet, so you see an <strong>estimate</strong>: the same formula applied to
          a typical round. After the cut-off, the hub plans the real routes and your order page shows the{" "}
          <strong>allocated</strong> figure, your share of those routes. We keep both, and every figure is stored with
          the method version and factor set that produced it, so a later change of factors never silently rewrites an
          old figure.
        </p>
      </Section>

      <Section id="worked-example" title="A worked example">
        <p>
          A class III diesel van drives a 42 km delivery round: 42 km × {factor(data.example.kgPerKm)} kg CO2e/km ={" "}
          {num(data.example.routeGrams)} g CO2e. Each drop gets its share by weight × distance. Our code reproduces this
          to the gram; it is one of its tests.
        </p>
        <TableWrap>
          <table>
            <caption>Sharing one 42 km delivery round between four orders</caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col" className="num">
                  Weight
                </th>
                <th scope="col" className="num">
                  Distance from hub
                </th>
                <th scope="col" className="num col-tkm">
                  t·km
                </th>
                <th scope="col" className="num">
                  Share
                </th>
                <th scope="col" className="num">
                  g CO2e
                </th>
              </tr>
            </thead>
            <tbody>
              {data.example.stops.map((s) => {
                const tkm = (s.grams / 1e6) * (s.metres / 1000);
                return (
                  <tr key={s.id}>
                    <th scope="row">{s.id}</th>
                    <td className="num">{num(s.grams / 1000)} kg</td>
                    <td className="num">{num(s.metres / 1000)} km</td>
                    <td className="num col-tkm">{num(tkm, 3)}</td>
                    <td className="num">{num((100 * tkm) / totalTkm, 2)}%</td>
                    <td className="num">{num(s.co2eGrams)}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td className="num">{num(data.example.stops.reduce((s, x) => s + x.grams, 0) / 1000)} kg</td>
                <td />
                <td className="num col-tkm">{num(totalTkm, 3)}</td>
                <td className="num">100%</td>
                <td className="num">{num(data.example.stops.reduce((s, x) => s + x.co2eGrams, 0))}</td>
              </tr>
            </tfoot>
          </table>
        </TableWrap>
        <p className="small muted">
          Shares are whole grams. The exact quotas (656.25, 4,200, 4,200, 5,468.75) are rounded down and the gram left
          over goes to the largest remainder, so the shares always add up to the round exactly.
        </p>
      </Section>

      <Section id="factors" title="Emission factors">
        {data.overridden ? (
          <Alert tone="warning">
            This installation uses its own factor set, <strong>{set.label}</strong> (<code>{set.id}</code>, {set.source}
            , {set.year}), which differs from the default UK DESNZ 2025 factors. Figures made with it say so; the
            defaults are listed below for comparison.
          </Alert>
        ) : null}
        <p>
          Factors are well-to-wheel: the fuel burnt in the vehicle (direct) plus producing and delivering that fuel or
          electricity (upstream). For vans we use per-km factors: published per-tonne-km van factors assume a payload of
          only about 0.2–0.45 t and would misstate a fuller or emptier food van.
          <Cite source="desnz2025" />
        </p>
        <FactorTable
          set={set}
          caption={`Vehicle factors in use (${set.id}), kg CO2e per vehicle-km`}
          changed={data.changedKeys}
        />
        <h3>Refrigerated vans</h3>
        <p>
          <span className="assumption-tag">Assumption</span>A refrigerated van’s factor is multiplied by{" "}
          <strong>{num(set.refrigeratedVanUplift, 2)}</strong>. {set.refrigeratedVanUpliftBasis} At checkout, chilled
          goods are counted on the hub’s refrigerated van when it has one.
        </p>
        <h3>Lorries, for the comparison only</h3>
        <TableWrap>
          <table>
            <caption>Average laden heavy goods vehicle, kg CO2e per tonne-km</caption>
            <thead>
              <tr>
                <th scope="col">Vehicle</th>
                <th scope="col" className="num">
                  kg CO2e / t·km
                </th>
                <th scope="col">Source, year, licence</th>
              </tr>
            </thead>
            <tbody>
              {[set.hgvAmbient, set.hgvRefrigerated].map((f) => (
                <tr key={f.key}>
                  <th scope="row">{f.label}</th>
                  <td className="num">{factor(f.kgPerTonneKm)}</td>
                  <td className="source">
                    {f.source}; year {f.year}; {f.licence}.
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        {data.defaults ? (
          <details>
            <summary>Default factors (UK DESNZ 2025)</summary>
            <FactorTable
              set={data.defaults}
              caption="Default vehicle factors (desnz-2025), kg CO2e per vehicle-km"
              changed={[]}
            />
          </details>
        ) : null}
      </Section>

      <Section id="distances" title="Distances">
        <ul>
          <li>
            <strong>Road distances</strong> come from a road-routing server (OSRM) when one is configured
            {data.routingServer ? " — this installation has one" : " — this installation has none"}.
          </li>
          <li>
            Otherwise we use the{" "}
            <strong>
              straight-line (great-circle) distance ×{" "}
              {data.circuity.toLocaleString("en-GB", { maximumFractionDigits: 2 })}
            </strong>
            , a typical ratio of road to straight-line distance (about 1.2 in towns, more on short rural trips).
          </li>
          <li>
            Planned routes are the shortest road distances; vans drive a little further. Following GLEC we add{" "}
            <strong>{data.glecUpliftPercent}%</strong> (× {num(GLEC_PLANNED_TO_DRIVEN, 2)}) to planned distances.
            <Cite source="glec" />
          </li>
          <li>
            One basis is used per calculation and recorded with the figure. A uniform circuity or uplift does not change
            anyone’s share; it changes the route total.
          </li>
        </ul>
      </Section>

      <Section id="estimate" title="The estimate at checkout">
        <p>
          Before routes exist, your order is placed on a typical round: your share is weight × distance ÷ (the round’s
          load × its average stop distance) × the round’s emissions. A farm that brings its own goods is counted as a
          trip there and back, shared by weight. Until a hub has planned deliveries of its own, we use these defaults;
          after that, the averages of its recent routes.
        </p>
        <TableWrap>
          <table>
            <caption>Typical rounds used for estimates (defaults)</caption>
            <thead>
              <tr>
                <th scope="col">Leg</th>
                <th scope="col">Vehicle</th>
                <th scope="col" className="num">
                  Round
                </th>
                <th scope="col" className="num">
                  Load
                </th>
                <th scope="col" className="num">
                  Average stop distance
                </th>
              </tr>
            </thead>
            <tbody>
              {data.rounds.map((r) => (
                <tr key={r.name}>
                  <th scope="row">{r.name}</th>
                  <td>{r.vehicle}</td>
                  <td className="num">{r.roundKm === null ? "2 × farm → hub" : `${num(r.roundKm)} km`}</td>
                  <td className="num">{num(r.loadKg)} kg</td>
                  <td className="num">{r.meanStopKm === null ? "—" : `${num(r.meanStopKm)} km`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        <p className="small muted">
          <span className="assumption-tag">Assumption</span>These rounds are plausible for a small rural hub, not
          measured. Estimates tend to come out higher than the allocated figure, which keeps checkout from overclaiming.
          Goods without a recorded weight are shown as “not estimated”, never as zero.
        </p>
      </Section>

      <Section id="comparison" title="The comparison with conventional supply">
        <p>
          We compare your order with the same weight of food through a conventional supply chain:{" "}
          <strong>{num(data.baseline.conventionalKm)} km by an average laden lorry</strong>
          <Cite source="pirog2001" /> (the refrigerated lorry factor for chilled goods), plus — for a household’s home
          delivery only — <strong>one {num(data.baseline.carTripKm)} km car round trip to a shop</strong>
          <Cite source="coley2009" />
          <Cite source="edwards2010" /> ({data.baseline.carFactor.label.toLowerCase()},{" "}
          {factor(data.baseline.carFactor.kgPerKm)} kg CO2e/km). Restaurants and hub pickups get no car trip: those
          trips happen either way.
        </p>
        <p>
          Both figures are uncertain, so we only say your order was lower when it is lower even at the edges: your
          figure +{num(data.bands.ESTIMATED * 100)}% (estimate) or +{num(data.bands.ALLOCATED * 100)}% (allocated) must
          still be below the baseline −{num(data.bands.BASELINE * 100)}%. Then we state the saving that survives those
          margins, rounded down. Otherwise we say there is no clear difference.
        </p>
        <h3>What the research says</h3>
        <ul>
          {page.baselineFacts.map((fact) => (
            <li key={fact.text}>
              {fact.text}
              <Cite source={fact.citation} />
            </li>
          ))}
        </ul>
      </Section>

      <Section id="assumptions" title="Assumptions">
        <p>
          These are choices we made where the sources give no figure. Each one is configurable or listed for review.
        </p>
        <ul>
          {page.assumptions.map((item) => (
            <li key={item.text}>
              {item.text}
              <Cite source={item.citation} />
            </li>
          ))}
          <li>
            Not counted: the hub building and its cold storage, packaging, empty running beyond the round itself, and
            your own trip when you collect at the hub.
          </li>
        </ul>
      </Section>

      <Section id="sources" title="Sources">
        <ol className="sources">
          {CITATION_ORDER.map((key) => (
            <li key={key} id={`source-${key}`}>
              {page.citations[key].text}
            </li>
          ))}
        </ol>
      </Section>

      <p className="method-provenance">
        Method version <code>{page.methodVersion}</code> · factor set <code>{set.id}</code> ({set.label}, {set.licence}
        ). <Link to="/">Back to Foodshed</Link>
      </p>
    </article>
  );
}

function FactorTable({ set, caption, changed }: { set: FactorSet; caption: string; changed: readonly string[] }) {
  const sourceOf = (f: EmissionFactor) => `${f.source}; year ${f.year}; ${f.licence}.`;
  // One source for every row (the defaults): say it once under the table instead of on every row.
  const shared = new Set(set.vehicleFactors.map(sourceOf)).size === 1 ? sourceOf(set.vehicleFactors[0]!) : null;
  return (
    <TableWrap>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Vehicle</th>
            <th scope="col" className="num">
              Direct
            </th>
            <th scope="col" className="num">
              Upstream
            </th>
            <th scope="col" className="num">
              Well-to-wheel
            </th>
            {shared ? null : <th scope="col">Source, year, licence</th>}
          </tr>
        </thead>
        <tbody>
          {set.vehicleFactors.map((f) => (
            <tr key={f.key}>
              <th scope="row">
                {f.label}
                {changed.includes(f.key) ? <span className="badge badge-warning">changed</span> : null}
              </th>
              <td className="num">{factor(f.directKgPerKm)}</td>
              <td className="num">{factor(f.upstreamKgPerKm)}</td>
              <td className="num">
                <strong>{factor(f.wellToWheelKgPerKm)}</strong>
              </td>
              {shared ? null : <td className="source">{sourceOf(f)}</td>}
            </tr>
          ))}
        </tbody>
        {shared ? (
          <tfoot>
            <tr>
              <td colSpan={4} className="source">
                Source of every row: {shared}
              </td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </TableWrap>
  );
}
