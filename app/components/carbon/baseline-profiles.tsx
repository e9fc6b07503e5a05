// The method page's list of regional baseline profiles: every parameter with its low / central /
// high values, status and sources, and what the profile gives for 1 kg of food. Rendered from the
// profile data the baseline is computed with (app/domain/carbon/baseline-profile.ts), so the page
// and the code cannot drift apart.
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { TableWrap } from "~/components/ui/table-wrap";
import { translateMessage } from "~/i18n/messages";
import {
  BASELINE_PROFILE_IDS,
  BASELINE_PROFILES,
  computeBaseline,
  profileParameters,
  type FactorSet,
  type ParameterUnit,
  type RangeParameter,
} from "~/domain/carbon";

/** What the page shows of each profile (plain data for the loader). */
export function baselineProfilesForPage(factorSet: FactorSet) {
  return BASELINE_PROFILE_IDS.map((id) => {
    const profile = BASELINE_PROFILES[id];
    const perKg = (householdCarTrip: boolean) =>
      computeBaseline({ lines: [{ grams: 1_000, chilled: false }], householdCarTrip, profile, factorSet });
    const chain = perKg(false);
    const withTrip = perKg(true);
    const result =
      chain.status === "ESTIMATED" && withTrip.status === "ESTIMATED"
        ? {
            chain: [chain.lowGramsCo2e, chain.gramsCo2e, chain.highGramsCo2e] as const,
            trip: [
              withTrip.bands.low.carTripGramsCo2e,
              withTrip.bands.central.carTripGramsCo2e,
              withTrip.bands.high.carTripGramsCo2e,
            ] as const,
          }
        : null;
    return {
      id,
      status: profile.status,
      name: profile.name,
      description: profile.description,
      parameters: profileParameters(profile).map((p: RangeParameter) => ({
        key: p.key,
        unit: p.unit,
        low: p.low,
        central: p.central,
        high: p.high,
        status: p.status,
        sources: p.sources.map((s) => ({ ...s })),
        note: p.note,
      })),
      result,
    };
  });
}

type PageProfile = ReturnType<typeof baselineProfilesForPage>[number];

export function BaselineProfiles({ profiles }: { profiles: readonly PageProfile[] }) {
  const { t } = useTranslation("discover");
  return (
    <>
      <h3>{t("method.comparison.profilesTitle")}</h3>
      <p>{t("method.comparison.profilesIntro")}</p>
      {profiles.map((profile) => (
        <ProfileTable key={profile.id} profile={profile} />
      ))}
    </>
  );
}

function ProfileTable({ profile }: { profile: PageProfile }) {
  const { t } = useTranslation("discover");
  const format = useFormat();
  const name = translateMessage(profile.name, t);
  // ", Table 3.1 (2024)": what follows a source's title.
  const sourceDetail = (table: string | null, year: number | null): string =>
    table !== null && year !== null
      ? t("method.comparison.sourceTableYear", { table, year: String(year) })
      : table !== null
        ? t("method.comparison.sourceTable", { table })
        : year !== null
          ? t("method.comparison.sourceYear", { year: String(year) })
          : "";
  const value = (unit: ParameterUnit, v: number): string => {
    switch (unit) {
      case "METRES":
        return t("method.units.km", { value: format.number(v / 1000, { maximumFractionDigits: 1 }) });
      case "SHARE":
        return t("method.units.percent", { value: format.number(v * 100, { maximumFractionDigits: 1 }) });
      case "KG_PER_TONNE_KM":
        return t("method.comparison.factorValue", { value: format.number(v, { maximumFractionDigits: 5 }) });
      case "COUNT":
        return format.number(v);
    }
  };
  return (
    <section
      className="baseline-profile"
      id={`baseline-${profile.id}`}
      aria-labelledby={`baseline-${profile.id}-title`}
    >
      <h4 id={`baseline-${profile.id}-title`}>
        {name}{" "}
        <span className={profile.status === "ASSUMPTION" ? "badge badge-warning" : "badge"}>
          {profile.status === "ASSUMPTION"
            ? t("method.comparison.profileAssumed")
            : t("method.comparison.profileSourced")}
        </span>
      </h4>
      <p>{translateMessage(profile.description, t)}</p>
      <TableWrap>
        <table>
          <caption>{t("method.comparison.caption", { name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("method.comparison.columns.parameter")}</th>
              <th scope="col" className="num">
                {t("method.comparison.columns.low")}
              </th>
              <th scope="col" className="num">
                {t("method.comparison.columns.central")}
              </th>
              <th scope="col" className="num">
                {t("method.comparison.columns.high")}
              </th>
              <th scope="col">{t("method.comparison.columns.source")}</th>
            </tr>
          </thead>
          <tbody>
            {profile.parameters.map((p) => (
              <tr key={p.key}>
                <th scope="row">
                  {t(`messages:carbonBaseline.parameters.${p.key}`)}
                  <span className={p.status === "ASSUMPTION" ? "badge badge-warning" : "badge badge-neutral"}>
                    {t(`messages:carbonBaseline.status.${p.status}`)}
                  </span>
                </th>
                <td className="num">{value(p.unit, p.low)}</td>
                <td className="num">
                  <strong>{value(p.unit, p.central)}</strong>
                </td>
                <td className="num">{value(p.unit, p.high)}</td>
                <td className="source">
                  {p.sources.length === 0 ? <p>{t("method.comparison.noSource")}</p> : null}
                  {p.sources.length > 0 ? (
                    <ul>
                      {p.sources.map((s) => (
                        <li key={s.title}>
                          {s.url ? (
                            <a href={s.url} rel="noreferrer">
                              {s.title}
                            </a>
                          ) : (
                            s.title
                          )}
                          {sourceDetail(s.table, s.year)}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  <p className="small">{translateMessage(p.note, t)}</p>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {profile.result ? (
        <p>
          {t("method.comparison.result", {
            chainLow: format.co2e(profile.result.chain[0]),
            chain: format.co2e(profile.result.chain[1]),
            chainHigh: format.co2e(profile.result.chain[2]),
            tripLow: format.co2e(profile.result.trip[0]),
            trip: format.co2e(profile.result.trip[1]),
            tripHigh: format.co2e(profile.result.trip[2]),
          })}
        </p>
      ) : null}
    </section>
  );
}
