import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Trans, useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { Alert, PageHeader } from "~/components/ui/page";
import {
  allocateRoute,
  CITATIONS,
  COMPARISON_UNCERTAINTY,
  CONVENTIONAL_CHAIN_METRES,
  DEFAULT_ESTIMATE_ASSUMPTIONS,
  DESNZ_2025,
  CHOICE_TOLERANCE,
  DROP_OFF_FLOOR_GRAMS,
  BASELINE_PROFILES,
  DEFAULT_BASELINE_PROFILE_ID,
  GLEC_PLANNED_TO_DRIVEN,
  LEGACY_HOUSEHOLD_CAR_TRIP,
  methodPageData,
  NEIGHBOUR_STOPS,
  RECENT_CYCLES,
  resolveVehicleFactor,
  type CitationKey,
  type EmissionFactor,
  type FactorSet,
  type RouteInput,
} from "~/domain/carbon";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { getActiveFactorSet } from "~/services/carbon-config.server";
import { PROVISIONAL_MIN_ORDERS } from "~/services/provisional-plan.server";
import carbonCss from "~/styles/carbon.css";
import { getEnv } from "~/utils/env.server";
import { TableWrap } from "~/components/ui/table-wrap";
import { baselineProfilesForPage, BaselineProfiles } from "~/components/carbon/baseline-profiles";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: carbonCss }];

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches, "discover");
  return [{ title: t("method.metaTitle") }, { name: "description", content: t("method.metaDescription") }];
};

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

/** The worked example's round in a refrigerated van, only C's goods chilled (decision 026). */
const REFRIGERATED_EXAMPLE: RouteInput = {
  ...WORKED_EXAMPLE,
  id: "worked-example-refrigerated",
  vehicle: { ...WORKED_EXAMPLE.vehicle, refrigerated: true },
  stops: WORKED_EXAMPLE.stops.map((s) => ({
    ...s,
    consignments: s.consignments.map((c) => ({ ...c, chilledGrams: s.id === "C" ? (c.grams ?? 0) : 0 })),
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
  const cold = allocateRoute(REFRIGERATED_EXAMPLE, DESNZ_2025);
  const a = DEFAULT_ESTIMATE_ASSUMPTIONS;
  const t = serverT("discover");
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
    estimate: {
      cycles: RECENT_CYCLES,
      neighbours: NEIGHBOUR_STOPS,
      provisionalMinOrders: PROVISIONAL_MIN_ORDERS,
      dropOffFloorKg: DROP_OFF_FLOOR_GRAMS / 1000,
      dropOffDefaultKg: a.farmDropOff.loadGrams / 1000,
    },
    rounds: [
      roundRow(t("method.estimate.rounds.collection"), active, a.collectionRound),
      roundRow(t("method.estimate.rounds.delivery"), active, a.deliveryRound),
      {
        name: t("method.estimate.rounds.dropOff"),
        vehicle: resolveVehicleFactor(active, a.farmDropOff.vehicle).label,
        roundKm: null,
        loadKg: a.farmDropOff.loadGrams / 1000,
        meanStopKm: null,
      },
    ],
    baseline: {
      legacyLorryKm: CONVENTIONAL_CHAIN_METRES / 1000,
      legacyCarKm: LEGACY_HOUSEHOLD_CAR_TRIP.roundTripMetres / 1000,
      carFactor: resolveVehicleFactor(active, {
        energyType: BASELINE_PROFILES[DEFAULT_BASELINE_PROFILE_ID].household.carEnergyType,
        refrigerated: false,
      }),
      profiles: baselineProfilesForPage(active),
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
    refrigeratedExample: {
      uplift: DESNZ_2025.refrigeratedVanUplift,
      routeGrams: cold.routeGrams,
      baseGrams: cold.baseGrams,
      refrigerationGrams: cold.refrigerationGrams,
      stops: cold.stops.map((s) => ({
        id: s.stopId,
        vanGrams: s.gramsCo2e - s.refrigerationGramsCo2e,
        refrigerationGrams: s.refrigerationGramsCo2e,
        co2eGrams: s.gramsCo2e,
      })),
    },
  });
}

const CITATION_ORDER = Object.keys(CITATIONS) as CitationKey[];
const citationNumber = (key: CitationKey): number => CITATION_ORDER.indexOf(key) + 1;

function Cite({ source }: { source: CitationKey | undefined }) {
  const { t } = useTranslation("discover");
  if (!source) return null;
  const n = citationNumber(source);
  return (
    <a href={`#source-${source}`} className="cite" aria-label={t("method.source", { number: n })}>
      [{n}]
    </a>
  );
}

/** Numbers of the page in the reader's language: `num(4200)` → "4,200" / "4 200"; `factor` to 5 decimals. */
function useNumbers() {
  const format = useFormat();
  const num = (value: number, digits = 0): string =>
    format.number(value, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return { num, factor: (value: number): string => num(value, 5) };
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

const SECTIONS = [
  "method",
  "worked-example",
  "factors",
  "distances",
  "estimate",
  "comparison",
  "assumptions",
  "sources",
] as const;
const SECTION_KEYS = {
  method: "method",
  "worked-example": "workedExample",
  factors: "factors",
  distances: "distances",
  estimate: "estimate",
  comparison: "comparison",
  assumptions: "assumptions",
  sources: "sources",
} as const;

/** The exact quotas of the worked example, before rounding to whole grams. */
const WORKED_EXAMPLE_QUOTAS = [656.25, 4200, 4200, 5468.75];

export default function CarbonMethod() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("discover");
  const format = useFormat();
  const { num, factor } = useNumbers();
  const { page } = data;
  const set = page.factorSet;
  const totalTkm = data.example.stops.reduce((s, x) => s + (x.grams / 1e6) * (x.metres / 1000), 0);
  const title = (id: (typeof SECTIONS)[number]) => t(`method.sections.${SECTION_KEYS[id]}`);
  const strong = { strong: <strong /> };
  const tag = <span className="assumption-tag" />;
  const percent = (value: string) => t("method.units.percent", { value });

  return (
    <article className="method-page">
      <PageHeader title={t("method.title")} description={t("method.description")} />

      <section className="method-caveat" aria-labelledby="caveat-title">
        <h2 id="caveat-title">{t("method.caveat.title")}</h2>
        <p>
          <Trans t={t} i18nKey="method.caveat.shares" components={strong} />
          <Cite source="weberMatthews2008" />
        </p>
        <div className="share-bar" role="img" aria-label={t("method.caveat.barLabel")}>
          <span className="share-production" style={{ width: "83%" }}>
            {t("method.caveat.production")}
          </span>
          <span className="share-transport" style={{ width: "11%" }}>
            {percent(num(11))}
          </span>
          <span className="share-other" style={{ width: "6%" }} />
        </div>
        <ul className="share-legend" aria-hidden="true">
          <li style={{ ["--swatch" as string]: "var(--green-700)" }}>{t("method.caveat.production")}</li>
          <li style={{ ["--swatch" as string]: "var(--earth-600)" }}>{t("method.caveat.transport")}</li>
          <li style={{ ["--swatch" as string]: "#c9d3cd" }}>{t("method.caveat.other")}</li>
        </ul>
        <p>
          <Trans t={t} i18nKey="method.caveat.transportOnly" components={strong} />
        </p>
      </section>

      <nav className="method-toc" aria-labelledby="toc-title">
        <h2 id="toc-title">{t("method.toc")}</h2>
        <ol>
          {SECTIONS.map((id) => (
            <li key={id}>
              <a href={`#${id}`}>{title(id)}</a>
            </li>
          ))}
        </ol>
      </nav>

      <Section id="method" title={t("method.sections.method")}>
        <p>
          <Trans
            t={t}
            i18nKey="method.method.standards"
            components={{ iso: <Cite source="iso14083" />, glec: <Cite source="glec" /> }}
          />
        </p>
        <dl className="formula" aria-label={t("method.method.formulas")}>
          <dt>{t("method.method.routeEmissions.term")}</dt>
          <dd>{t("method.method.routeEmissions.definition")}</dd>
          <dt>{t("method.method.stopShare.term")}</dt>
          <dd>{t("method.method.stopShare.definition")}</dd>
          <dt>{t("method.method.refrigeration.term")}</dt>
          <dd>{t("method.method.refrigeration.definition", { uplift: num(set.refrigeratedVanUplift, 2) })}</dd>
          <dt>{t("method.method.yourOrder.term")}</dt>
          <dd>{t("method.method.yourOrder.definition")}</dd>
          <dt>{t("method.method.foodMiles.term")}</dt>
          <dd>{t("method.method.foodMiles.definition")}</dd>
        </dl>
        <ol className="method-steps">
          {page.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <h3>{t("method.method.estimateOrAllocated")}</h3>
        <p>
          <Trans t={t} i18nKey="method.method.estimateOrAllocatedBody" components={strong} />
        </p>
      </Section>

      <Section id="worked-example" title={t("method.sections.workedExample")}>
        <p>
          {t("method.example.intro", {
            km: num(WORKED_EXAMPLE.metres / 1000),
            factor: factor(data.example.kgPerKm),
            grams: num(data.example.routeGrams),
          })}
        </p>
        <TableWrap>
          <table>
            <caption>{t("method.example.caption", { km: num(WORKED_EXAMPLE.metres / 1000) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("method.example.columns.order")}</th>
                <th scope="col" className="num">
                  {t("method.example.columns.weight")}
                </th>
                <th scope="col" className="num">
                  {t("method.example.columns.distance")}
                </th>
                <th scope="col" className="num col-tkm">
                  {t("method.example.columns.tkm")}
                </th>
                <th scope="col" className="num">
                  {t("method.example.columns.share")}
                </th>
                <th scope="col" className="num">
                  {t("method.example.columns.co2e")}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.example.stops.map((s) => {
                const tkm = (s.grams / 1e6) * (s.metres / 1000);
                return (
                  <tr key={s.id}>
                    <th scope="row">{s.id}</th>
                    <td className="num">{t("method.units.kg", { value: num(s.grams / 1000) })}</td>
                    <td className="num">{t("method.units.km", { value: num(s.metres / 1000) })}</td>
                    <td className="num col-tkm">{num(tkm, 3)}</td>
                    <td className="num">{percent(num((100 * tkm) / totalTkm, 2))}</td>
                    <td className="num">{num(s.co2eGrams)}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("method.total")}</th>
                <td className="num">
                  {t("method.units.kg", { value: num(data.example.stops.reduce((s, x) => s + x.grams, 0) / 1000) })}
                </td>
                <td />
                <td className="num col-tkm">{num(totalTkm, 3)}</td>
                <td className="num">{percent(num(100))}</td>
                <td className="num">{num(data.example.stops.reduce((s, x) => s + x.co2eGrams, 0))}</td>
              </tr>
            </tfoot>
          </table>
        </TableWrap>
        <p className="small muted">
          {t("method.example.rounding", {
            quotas: WORKED_EXAMPLE_QUOTAS.map((q) => format.number(q)).join(t("method.listSeparator")),
          })}
        </p>
        <RefrigeratedExample example={data.refrigeratedExample} kgPerKm={data.example.kgPerKm} />
      </Section>

      <Section id="factors" title={t("method.sections.factors")}>
        {data.overridden ? (
          <Alert tone="warning">
            <Trans
              t={t}
              i18nKey="method.factors.overridden"
              values={{ label: set.label, id: set.id, source: set.source, year: String(set.year) }}
              components={{ strong: <strong />, code: <code /> }}
            />
          </Alert>
        ) : null}
        <p>
          {t("method.factors.intro")}
          <Cite source="desnz2025" />
        </p>
        <FactorTable set={set} caption={t("method.factors.caption", { id: set.id })} changed={data.changedKeys} />
        <h3>{t("method.factors.refrigerated.title")}</h3>
        <p>
          <Trans
            t={t}
            i18nKey="method.factors.refrigerated.body"
            values={{ uplift: num(set.refrigeratedVanUplift, 2), basis: set.refrigeratedVanUpliftBasis }}
            components={{ tag, strong: <strong />, iso: <Cite source="iso14083" /> }}
          />
        </p>
        <h3>{t("method.factors.lorries.title")}</h3>
        <TableWrap>
          <table>
            <caption>{t("method.factors.lorries.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("method.factors.columns.vehicle")}</th>
                <th scope="col" className="num">
                  {t("method.factors.lorries.perTonneKm")}
                </th>
                <th scope="col">{t("method.factors.columns.source")}</th>
              </tr>
            </thead>
            <tbody>
              {[set.hgvAmbient, set.hgvRefrigerated].map((f) => (
                <tr key={f.key}>
                  <th scope="row">{f.label}</th>
                  <td className="num">{factor(f.kgPerTonneKm)}</td>
                  <td className="source">
                    {t("method.factors.sourceLine", { source: f.source, year: String(f.year), licence: f.licence })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        {data.defaults ? (
          <details>
            <summary>{t("method.factors.defaults.summary")}</summary>
            <FactorTable set={data.defaults} caption={t("method.factors.defaults.caption")} changed={[]} />
          </details>
        ) : null}
      </Section>

      <Section id="distances" title={t("method.sections.distances")}>
        <ul>
          <li>
            <Trans
              t={t}
              i18nKey={data.routingServer ? "method.distances.roadHasOne" : "method.distances.roadHasNone"}
              components={strong}
            />
          </li>
          <li>
            <Trans
              t={t}
              i18nKey="method.distances.straightLine"
              values={{ circuity: format.number(data.circuity, { maximumFractionDigits: 2 }) }}
              components={strong}
            />
          </li>
          <li>
            <Trans
              t={t}
              i18nKey="method.distances.glec"
              values={{ percent: num(data.glecUpliftPercent), factor: num(GLEC_PLANNED_TO_DRIVEN, 2) }}
              components={strong}
            />
            <Cite source="glec" />
          </li>
          <li>{t("method.distances.oneBasis")}</li>
        </ul>
      </Section>

      <Section id="estimate" title={t("method.sections.estimate")}>
        <p>{t("method.estimate.intro", { cycles: num(data.estimate.cycles) })}</p>
        <ul>
          <li>
            <Trans
              t={t}
              i18nKey="method.estimate.steps.delivery"
              values={{ neighbours: num(data.estimate.neighbours) }}
              components={strong}
            />
          </li>
          <li>
            <Trans t={t} i18nKey="method.estimate.steps.slot" components={strong} />
          </li>
          <li>
            <Trans t={t} i18nKey="method.estimate.steps.collection" components={strong} />
          </li>
          <li>
            <Trans
              t={t}
              i18nKey="method.estimate.steps.dropOff"
              values={{ floorKg: num(data.estimate.dropOffFloorKg), defaultKg: num(data.estimate.dropOffDefaultKg) }}
              components={strong}
            />
          </li>
          <li>
            <Trans
              t={t}
              i18nKey="method.estimate.steps.provisional"
              values={{ minOrders: num(data.estimate.provisionalMinOrders) }}
              components={strong}
            />
          </li>
          <li>
            <Trans t={t} i18nKey="method.estimate.steps.fallback" components={strong} />
          </li>
        </ul>
        <p>
          <Trans
            t={t}
            i18nKey="method.estimate.choices"
            values={{ tolerance: num(Math.round(CHOICE_TOLERANCE * 100)) }}
            components={strong}
          />
        </p>
        <TableWrap>
          <table>
            <caption>{t("method.estimate.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("method.estimate.columns.leg")}</th>
                <th scope="col">{t("method.factors.columns.vehicle")}</th>
                <th scope="col" className="num">
                  {t("method.estimate.columns.round")}
                </th>
                <th scope="col" className="num">
                  {t("method.estimate.columns.load")}
                </th>
                <th scope="col" className="num">
                  {t("method.estimate.columns.meanStop")}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.rounds.map((r) => (
                <tr key={r.name}>
                  <th scope="row">{r.name}</th>
                  <td>{r.vehicle}</td>
                  <td className="num">
                    {r.roundKm === null
                      ? t("method.estimate.thereAndBack")
                      : t("method.units.km", { value: num(r.roundKm) })}
                  </td>
                  <td className="num">{t("method.units.kg", { value: num(r.loadKg) })}</td>
                  <td className="num">
                    {r.meanStopKm === null ? "—" : t("method.units.km", { value: num(r.meanStopKm) })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        <p className="small muted">
          <Trans t={t} i18nKey="method.estimate.assumption" components={{ tag }} />
        </p>
      </Section>

      <Section id="comparison" title={t("method.sections.comparison")}>
        <p>
          <Trans
            t={t}
            i18nKey="method.comparison.baseline"
            values={{
              car: data.baseline.carFactor.label.toLowerCase(),
              carFactor: factor(data.baseline.carFactor.kgPerKm),
            }}
            components={{
              strong: <strong />,
              coley: <Cite source="coley2009" />,
              edwards: <Cite source="edwards2010" />,
            }}
          />
        </p>
        <p>{t("method.comparison.occupancy")}</p>
        <p>
          {t("method.comparison.bands", {
            estimated: num(data.bands.ESTIMATED * 100),
            allocated: num(data.bands.ALLOCATED * 100),
          })}
        </p>
        <BaselineProfiles profiles={data.baseline.profiles} />
        <p className="small muted">
          <Trans
            t={t}
            i18nKey="method.comparison.legacy"
            values={{ lorryKm: num(data.baseline.legacyLorryKm), carKm: num(data.baseline.legacyCarKm) }}
            components={{ pirog: <Cite source="pirog2001" /> }}
          />
        </p>
        <h3>{t("method.comparison.research")}</h3>
        <ul>
          {page.baselineFacts.map((fact) => (
            <li key={fact.text}>
              {fact.text}
              <Cite source={fact.citation} />
            </li>
          ))}
        </ul>
      </Section>

      <Section id="assumptions" title={t("method.sections.assumptions")}>
        <p>{t("method.assumptions.intro")}</p>
        <ul>
          {page.assumptions.map((item) => (
            <li key={item.text}>
              {item.text}
              <Cite source={item.citation} />
            </li>
          ))}
          <li>{t("method.assumptions.notCounted")}</li>
        </ul>
      </Section>

      <Section id="sources" title={t("method.sections.sources")}>
        <ol className="sources">
          {CITATION_ORDER.map((key) => (
            <li key={key} id={`source-${key}`}>
              {page.citations[key].text}
            </li>
          ))}
        </ol>
      </Section>

      <p className="method-provenance">
        <Trans
          t={t}
          i18nKey="method.provenance"
          values={{ version: page.methodVersion, id: set.id, label: set.label, licence: set.licence }}
          components={{ code: <code />, home: <Link to="/" /> }}
        />
      </p>
    </article>
  );
}

/** The worked example again in a refrigerated van: the van's own part and the refrigeration's, by order. */
function RefrigeratedExample({
  example,
  kgPerKm,
}: {
  example: {
    uplift: number;
    routeGrams: number;
    baseGrams: number;
    refrigerationGrams: number;
    stops: Array<{ id: string; vanGrams: number; refrigerationGrams: number; co2eGrams: number }>;
  };
  kgPerKm: number;
}) {
  const { t } = useTranslation("discover");
  const { num, factor } = useNumbers();
  const km = num(WORKED_EXAMPLE.metres / 1000);
  return (
    <>
      <p>
        {t("method.example.refrigerated.intro", {
          km,
          factor: factor(kgPerKm),
          uplift: num(example.uplift, 2),
          total: num(example.routeGrams),
          base: num(example.baseGrams),
          refrigeration: num(example.refrigerationGrams),
        })}
      </p>
      <TableWrap>
        <table>
          <caption>{t("method.example.refrigerated.caption", { km })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("method.example.columns.order")}</th>
              <th scope="col" className="num">
                {t("method.example.refrigerated.columns.vanPart")}
              </th>
              <th scope="col" className="num">
                {t("method.example.refrigerated.columns.refrigeration")}
              </th>
              <th scope="col" className="num">
                {t("method.example.refrigerated.columns.total")}
              </th>
            </tr>
          </thead>
          <tbody>
            {example.stops.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.id}</th>
                <td className="num">{num(s.vanGrams)}</td>
                <td className="num">{num(s.refrigerationGrams)}</td>
                <td className="num">{num(s.co2eGrams)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("method.total")}</th>
              <td className="num">{num(example.baseGrams)}</td>
              <td className="num">{num(example.refrigerationGrams)}</td>
              <td className="num">{num(example.routeGrams)}</td>
            </tr>
          </tfoot>
        </table>
      </TableWrap>
    </>
  );
}

function FactorTable({ set, caption, changed }: { set: FactorSet; caption: string; changed: readonly string[] }) {
  const { t } = useTranslation("discover");
  const { factor } = useNumbers();
  const sourceOf = (f: EmissionFactor) =>
    t("method.factors.sourceLine", { source: f.source, year: String(f.year), licence: f.licence });
  // One source for every row (the defaults): say it once under the table instead of on every row.
  const shared = new Set(set.vehicleFactors.map(sourceOf)).size === 1 ? sourceOf(set.vehicleFactors[0]!) : null;
  return (
    <TableWrap>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("method.factors.columns.vehicle")}</th>
            <th scope="col" className="num">
              {t("method.factors.columns.direct")}
            </th>
            <th scope="col" className="num">
              {t("method.factors.columns.upstream")}
            </th>
            <th scope="col" className="num">
              {t("method.factors.columns.wellToWheel")}
            </th>
            {shared ? null : <th scope="col">{t("method.factors.columns.source")}</th>}
          </tr>
        </thead>
        <tbody>
          {set.vehicleFactors.map((f) => (
            <tr key={f.key}>
              <th scope="row">
                {f.label}
                {changed.includes(f.key) ? (
                  <span className="badge badge-warning">{t("method.factors.changed")}</span>
                ) : null}
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
                {t("method.factors.sharedSource", { source: shared })}
              </td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </TableWrap>
  );
}
