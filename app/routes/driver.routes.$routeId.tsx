import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { useFormat } from "~/components/i18n";
import { SubmitButton } from "~/components/ui/button";
import { Alert, PageHeader } from "~/components/ui/page";
import { lazyT, metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { getRouteSheet, markStop, startRoute } from "~/services/delivery.server";
import { requireRouteAccess } from "~/utils/driver-guard.server";
import coordinatorCss from "~/styles/coordinator.css";
import { redirectWithToast } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "hub")("driver.metaTitle") }];

const DriverSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("delivered"), stopId: z.string().min(1) }),
  z.object({
    intent: z.literal("failed"),
    stopId: z.string().min(1),
    reason: z
      .string()
      .trim()
      .min(3, { error: lazyT("hub:driver.reasonRequired") })
      .max(300),
  }),
]);

/** A stop's place: the farm's or the order's coordinates (null when the order has none). */
const placeOf = (stop: {
  farm: { lat: number; lng: number } | null;
  order: { lat: number | null; lng: number | null } | null;
}) => {
  const lat = stop.farm?.lat ?? stop.order?.lat ?? null;
  const lng = stop.farm?.lng ?? stop.order?.lng ?? null;
  return lat === null || lng === null ? null : { latitude: lat, longitude: lng };
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  // The assigned driver, or the hub's coordinator; anyone else: 404 (docs/decisions/030).
  const access = await requireRouteAccess(request);
  const route = await getRouteSheet({ ...access, routeId: params.routeId ?? "" });
  if (!route) throw new Response(serverT("hub")("driver.routeNotFound"), { status: 404 });
  const { driverId: _driverId, driver: _driver, ...sheet } = route;
  return json({
    route: { ...sheet, stops: sheet.stops.map((stop) => ({ ...stop, place: placeOf(stop) })) },
    timeZone: route.timeZone,
    asDriver: access.driverId !== null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireRouteAccess(request);
  const routeId = params.routeId ?? "";
  const parsed = DriverSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return json(
      { error: issue?.message ?? serverT("hub")("driver.checkForm"), stopId: null as string | null },
      { status: 400 },
    );
  }
  const input = parsed.data;
  if (input.intent === "start") {
    const started = await startRoute({ ...access, routeId });
    if (!started.ok && started.status === 404) throw new Response(started.message, { status: 404 });
    if (!started.ok) return json({ error: started.message, stopId: null as string | null }, { status: started.status });
    return redirectWithToast(request, `/driver/routes/${routeId}`, serverT("hub")("driver.toast.started"));
  }
  const marked = await markStop({
    ...access,
    routeId,
    stopId: input.stopId,
    status: input.intent === "delivered" ? "DONE" : "FAILED",
    reason: input.intent === "failed" ? input.reason : null,
  });
  if (!marked.ok && marked.status === 404) throw new Response(marked.message, { status: 404 });
  if (!marked.ok)
    return json({ error: marked.message, stopId: input.stopId as string | null }, { status: marked.status });
  return redirectWithToast(
    request,
    `/driver/routes/${routeId}`,
    serverT("hub")(input.intent === "delivered" ? "driver.toast.delivered" : "driver.toast.failed"),
  );
}

export default function DriverPage() {
  const { route, timeZone, asDriver } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("hub");
  const format = useFormat();
  const time = (v: string) =>
    new Intl.DateTimeFormat(format.locale, { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(v));
  const delivery = route.kind === "DELIVERY";
  const left = route.stops.filter((s) => s.status === "PENDING").length;
  // Started: an order of the route went out (or was already marked), as "Start route" or a first mark does.
  const started = route.stops.some(
    (s) => s.status !== "PENDING" || (s.order && s.order.status !== "CONFIRMED" && s.order.status !== "CANCELLED"),
  );
  return (
    <>
      <PageHeader
        title={`${route.vehicle.name}`}
        description={t("driver.summary", {
          run: t(delivery ? "driver.run.DELIVERY" : "driver.run.COLLECTION"),
          count: route.stops.length,
          left,
        })}
        breadcrumbs={
          asDriver
            ? [{ to: "/driver", label: t("driver.myRoutes") }]
            : [{ to: `/hub/routes/${route.id}/manifest`, label: t("driver.manifest") }]
        }
      />
      {actionData && "error" in actionData ? <Alert tone="error">{actionData.error}</Alert> : null}
      {delivery && started ? (
        <Alert tone="success">
          <Trans t={t} i18nKey="driver.routeStarted" components={{ started: <span data-testid="route-started" /> }} />
        </Alert>
      ) : delivery ? (
        <Form method="post" style={{ marginBottom: "1rem" }}>
          <SubmitButton
            name="intent"
            value="start"
            variant="secondary"
            className="btn-block"
            pendingText={t("driver.starting")}
          >
            {t("driver.startRoute")}
          </SubmitButton>
        </Form>
      ) : null}
      <ol style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {route.stops.map((stop) => {
          const name = stop.farm
            ? stop.farm.name
            : t("driver.orderStop", { number: stop.order?.number, buyer: stop.order?.buyer.name });
          const address = stop.farm?.address ?? stop.order?.address ?? "";
          const phone = stop.farm?.contactPhone ?? stop.order?.contactPhone ?? stop.order?.buyer.phone;
          const place = stop.place;
          const notes = stop.farm ? stop.farm.pickupInstructions : (stop.order?.notes ?? "");
          return (
            <li
              key={stop.id}
              className="driver-stop"
              data-status={stop.status}
              aria-label={t("driver.stopLabel", { sequence: stop.sequence, name })}
            >
              <h2 style={{ fontSize: "1.1rem" }}>
                {stop.sequence}. {name}
                {stop.partLabel ? <span className="small muted"> — {stop.partLabel}</span> : null}
              </h2>
              <p className="small" style={{ margin: 0 }}>
                {time(stop.arrivalAt)} · {format.weight(stop.gramsHandled)}
                {address ? (
                  <>
                    <br />
                    {address}
                  </>
                ) : null}
              </p>
              <p className="driver-links">
                {place ? (
                  <>
                    <a className="btn btn-secondary" href={`geo:${place.latitude},${place.longitude}`}>
                      {t("driver.navigate")}
                    </a>
                    <a
                      className="btn btn-secondary"
                      href={`https://www.openstreetmap.org/?mlat=${place.latitude}&mlon=${place.longitude}#map=17/${place.latitude}/${place.longitude}`}
                      target="_blank"
                      rel="noreferrer"
                    >
                      {t("driver.openStreetMap")}
                    </a>
                  </>
                ) : address ? (
                  <a
                    className="btn btn-secondary"
                    href={`https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`}
                    target="_blank"
                    rel="noreferrer"
                  >
                    {t("driver.openStreetMap")}
                  </a>
                ) : null}
                {phone ? (
                  <a className="btn btn-secondary" href={`tel:${phone.replace(/[^\d+]/g, "")}`}>
                    {t(stop.farm ? "driver.callFarm" : "driver.callBuyer", { phone })}
                  </a>
                ) : null}
              </p>
              {notes ? (
                <p className="driver-notes small">
                  {t(stop.farm ? "driver.pickupNotes" : "driver.buyerNotes", { notes })}
                </p>
              ) : null}
              {stop.items.length > 0 ? (
                <ul className="manifest-items">
                  {stop.items.map((l, i) => (
                    <li key={i}>
                      {format.quantity(l.quantityMilli, l.unit)} {l.productName}
                      {l.chilled ? <span className="chilled-mark"> ❄ {t("manifest.chilled")}</span> : null}
                    </li>
                  ))}
                </ul>
              ) : null}
              {stop.status === "DONE" ? (
                <p className="badge" role="status">
                  {t("driver.delivered")}
                </p>
              ) : stop.status === "FAILED" ? (
                <p className="badge badge-danger" role="status">
                  {t("driver.failed", { reason: stop.failureReason ?? "" })}
                </p>
              ) : delivery ? (
                <div className="driver-actions">
                  <Form method="post">
                    <input type="hidden" name="stopId" value={stop.id} />
                    <SubmitButton
                      name="intent"
                      value="delivered"
                      confirm={t("driver.confirmDelivered", { sequence: stop.sequence, name })}
                    >
                      <Trans
                        t={t}
                        i18nKey="driver.markDelivered"
                        values={{ sequence: stop.sequence }}
                        components={{ hidden: <span className="visually-hidden" /> }}
                      />
                    </SubmitButton>
                  </Form>
                  <details>
                    <summary>{t("driver.couldNotDeliver")}</summary>
                    <Form method="post" className="form">
                      <input type="hidden" name="stopId" value={stop.id} />
                      <div className="field">
                        <label htmlFor={`reason-${stop.id}`}>{t("driver.reason")}</label>
                        <input
                          id={`reason-${stop.id}`}
                          name="reason"
                          required
                          minLength={3}
                          placeholder={t("driver.reasonPlaceholder")}
                        />
                      </div>
                      <SubmitButton name="intent" value="failed" variant="danger">
                        {t("driver.markFailed")}
                      </SubmitButton>
                    </Form>
                  </details>
                </div>
              ) : (
                <div className="driver-actions">
                  <Form method="post">
                    <input type="hidden" name="stopId" value={stop.id} />
                    <SubmitButton name="intent" value="delivered">
                      <Trans
                        t={t}
                        i18nKey="driver.markCollected"
                        values={{ sequence: stop.sequence }}
                        components={{ hidden: <span className="visually-hidden" /> }}
                      />
                    </SubmitButton>
                  </Form>
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}
