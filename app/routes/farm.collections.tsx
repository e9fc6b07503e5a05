import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { CycleStatusBadge } from "~/components/cycle-status";
import { useFormat } from "~/components/i18n";
import { Card, EmptyState, PageHeader } from "~/components/ui/page";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { getFarmCollections } from "~/services/farm-collections.server";
import coordinatorCss from "~/styles/coordinator.css";
import { requireRole } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "farmer")("collections.metaTitle") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const farmId = new URL(request.url).searchParams.get("farm");
  const data = await getFarmCollections({ ownerId: user.id, farmId: farmId || null });
  if (!data) throw new Response(serverT("farmer")("collections.farmNotFound"), { status: 404 });
  return json(data, { headers: { "Cache-Control": "no-store" } });
}

export default function FarmCollectionsPage() {
  const { farms, farm, hub, cycles } = useLoaderData<typeof loader>();
  const { t } = useTranslation("farmer");
  const format = useFormat();
  const timeZone = hub?.timeZone ?? "Europe/London";
  const time = (v: string) =>
    new Intl.DateTimeFormat(format.locale, {
      weekday: "short",
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
      timeZone,
    }).format(new Date(v));
  const clock = (v: string) =>
    new Intl.DateTimeFormat(format.locale, { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(v));
  const cargoKey = (cargo: string | null) =>
    cargo === "CHILLED"
      ? "collections.stop.chilled"
      : cargo === "AMBIENT"
        ? "collections.stop.ambient"
        : "collections.stop.goods";
  return (
    <>
      <PageHeader
        title={t("collections.title")}
        description={
          farm && hub
            ? farm.selfDelivers
              ? t("collections.descriptionSelf", { farm: farm.name, hub: hub.name })
              : t("collections.descriptionVan", { farm: farm.name, hub: hub.name })
            : undefined
        }
      />
      {farms.length > 1 ? (
        <Form method="get" className="row" style={{ marginBottom: "1rem" }}>
          <label htmlFor="farm-picker">{t("collections.farm")}</label>
          <select id="farm-picker" name="farm" defaultValue={farm?.id}>
            {farms.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
          <button type="submit" className="btn btn-secondary btn-small">
            {t("collections.show")}
          </button>
        </Form>
      ) : null}
      {!farm ? (
        <EmptyState
          title={t("collections.noFarm.title")}
          action={
            <Link className="btn btn-primary" to="/farm/new">
              {t("collections.noFarm.add")}
            </Link>
          }
        >
          {t("collections.noFarm.body")}
        </EmptyState>
      ) : !hub ? (
        <EmptyState title={t("collections.noHub.title")}>{t("collections.noHub.body")}</EmptyState>
      ) : cycles.length === 0 ? (
        <EmptyState title={t("collections.none.title")}>{t("collections.none.body", { farm: farm.name })}</EmptyState>
      ) : (
        <ul className="cycle-cards collection-cards" aria-label={t("collections.byCycle")}>
          {cycles.map((cycle) => (
            <li key={cycle.id}>
              <Card
                className="cycle-card"
                title={
                  <>
                    {cycle.name} <CycleStatusBadge status={cycle.status} />
                  </>
                }
              >
                <p className="small muted" style={{ marginTop: 0 }}>
                  {t("collections.summary", {
                    date: format.date(cycle.deliveryDate, timeZone),
                    weight: format.weight(cycle.orderedGrams),
                  })}
                </p>
                {!cycle.planned ? (
                  cycle.status === "DELIVERED" ? (
                    <p>{t("collections.noPlan")}</p>
                  ) : (
                    <p>
                      {cycle.status === "OPEN" || cycle.status === "SCHEDULED"
                        ? t("collections.notPlannedBeforeCutoff")
                        : t("collections.notPlanned")}
                    </p>
                  )
                ) : farm.selfDelivers ? (
                  <dl className="collection-figures">
                    <dt>{t("collections.self.bring")}</dt>
                    <dd>{t("collections.self.toHub", { weight: format.weight(cycle.orderedGrams) })}</dd>
                    <dt>{t("collections.self.trip")}</dt>
                    <dd>
                      {cycle.co2eGrams === null
                        ? t("collections.notEstimated")
                        : t("collections.co2e", { value: format.co2e(cycle.co2eGrams) })}
                    </dd>
                  </dl>
                ) : cycle.collections.length === 0 ? (
                  <p>{t("collections.noStop")}</p>
                ) : (
                  <>
                    <ul className="collection-stops">
                      {cycle.collections.map((c) => (
                        <li key={c.stopId}>
                          <strong>
                            {time(c.arrivalAt)}–{clock(c.departureAt)}
                          </strong>
                          <br />
                          {t(cargoKey(c.cargo), {
                            vehicle:
                              c.refrigerated && !/refrigerat/i.test(c.vehicle)
                                ? t("collections.stop.refrigerated", { vehicle: c.vehicle })
                                : c.vehicle,
                            weight: format.weight(c.grams),
                          })}
                          {c.status === "DONE" ? (
                            <span className="badge"> {t("collections.stop.collected")}</span>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                    <dl className="collection-figures">
                      <dt>{t("collections.collected")}</dt>
                      <dd>{format.weight(cycle.collectedGrams)}</dd>
                      <dt>{t("collections.share")}</dt>
                      <dd>{t("collections.co2e", { value: format.co2e(cycle.co2eGrams ?? 0) })}</dd>
                    </dl>
                  </>
                )}
              </Card>
            </li>
          ))}
        </ul>
      )}
      <p className="small muted">
        <Trans t={t} i18nKey="collections.method" components={{ carbon: <a href="/carbon" /> }} />
      </p>
    </>
  );
}
