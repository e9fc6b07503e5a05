import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { Button } from "~/components/ui/button";
import { Alert, PageHeader } from "~/components/ui/page";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { getRouteSheet } from "~/services/delivery.server";
import { requireHub } from "~/utils/hub-guard.server";
import coordinatorCss from "~/styles/coordinator.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "hub")("manifest.metaTitle") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const route = await getRouteSheet({ hubId: hub.id, routeId: params.routeId ?? "" });
  if (!route) throw new Response(serverT("hub")("driver.routeNotFound"), { status: 404 });
  return json({ route, timeZone: hub.timeZone });
}

export default function ManifestPage() {
  const { route, timeZone } = useLoaderData<typeof loader>();
  const { t } = useTranslation("hub");
  const format = useFormat();
  const time = (v: string) =>
    new Intl.DateTimeFormat(format.locale, { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(v));
  const collection = route.kind === "COLLECTION";
  const distance = format.distance(route.distanceM, "KM");
  const range = route.rangeMetres === null ? null : format.distance(route.rangeMetres, "KM");
  return (
    <>
      <PageHeader
        title={t(collection ? "manifest.title.COLLECTION" : "manifest.title.DELIVERY", {
          vehicle: route.vehicle.name,
        })}
        description={t("manifest.description", {
          cycle: route.plan.cycle.name,
          date: format.date(route.startAt, timeZone),
          start: time(route.startAt),
          end: time(route.endAt),
          distance: range === null ? distance : t("manifest.distanceOfRange", { distance, range }),
          weight: format.weight(route.loadGrams),
          co2e: format.co2e(route.co2eGrams),
        })}
        breadcrumbs={[{ to: `/hub/cycles/${route.plan.cycle.id}/plan`, label: t("manifest.routes") }]}
        actions={
          <>
            <Button onClick={() => window.print()}>{t("manifest.print")}</Button>
            <Link className="btn btn-secondary" to={`/driver/routes/${route.id}`}>
              {t("manifest.driverView")}
            </Link>
          </>
        }
      />
      {route.rangeMetres !== null && route.distanceM > route.rangeMetres ? (
        <Alert tone="warning">
          {t("manifest.overRange", { distance: format.distance(route.distanceM - route.rangeMetres, "KM"), range })}
        </Alert>
      ) : null}
      <ol className="card" style={{ listStyle: "none", padding: "0 1.25rem" }} aria-label={t("manifest.stopsInOrder")}>
        {route.stops.map((stop) => (
          <li key={stop.id} className="manifest-stop">
            <span className="manifest-seq">{stop.sequence}</span>
            <div>
              <strong>
                {stop.farm
                  ? stop.farm.name
                  : t("manifest.orderStop", { number: stop.order?.number, buyer: stop.order?.buyer.name })}
              </strong>
              {stop.partLabel ? (
                <span className={`badge${stop.cargo === "CHILLED" ? " badge-chilled" : ""}`}> {stop.partLabel}</span>
              ) : null}{" "}
              {t(collection ? "manifest.stopLine.COLLECTION" : "manifest.stopLine.DELIVERY", {
                time: time(stop.arrivalAt),
                weight: format.weight(stop.gramsHandled),
              })}
              <div className="small">{stop.farm?.address ?? stop.order?.address ?? ""}</div>
              <div className="small muted">
                {t("manifest.contact", {
                  phone: stop.farm?.contactPhone ?? stop.order?.contactPhone ?? stop.order?.buyer.phone ?? "—",
                })}
              </div>
              {stop.farm?.pickupInstructions ? (
                <div className="small">{t("manifest.notes", { notes: stop.farm.pickupInstructions })}</div>
              ) : null}
              {stop.order?.notes ? (
                <div className="small">{t("manifest.notes", { notes: stop.order.notes })}</div>
              ) : null}
              {stop.items.length > 0 ? (
                <ul className="manifest-items" aria-label={collection ? t("manifest.toCollect") : t("manifest.toDrop")}>
                  {stop.items.map((l, i) => (
                    <li key={i}>
                      {format.quantity(l.quantityMilli, l.unit)} {l.productName}
                      {l.chilled ? <span className="chilled-mark"> ❄ {t("manifest.chilled")}</span> : null}
                    </li>
                  ))}
                </ul>
              ) : null}
              {stop.status !== "PENDING" ? (
                <div className="small">
                  <span className={`badge ${stop.status === "FAILED" ? "badge-danger" : ""}`}>
                    {stop.status === "DONE"
                      ? t("manifest.done")
                      : t("manifest.failed", { reason: stop.failureReason ?? "" })}
                  </span>
                </div>
              ) : null}
            </div>
            <span
              className="manifest-check"
              role="img"
              aria-label={stop.status === "DONE" ? t("manifest.done") : t("manifest.toTick")}
            />
          </li>
        ))}
      </ol>
    </>
  );
}
