import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { useFormat } from "~/components/i18n";
import { Button, SubmitButton } from "~/components/ui/button";
import { Alert, PageHeader } from "~/components/ui/page";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { listActiveHubDrivers } from "~/models/driver.server";
import { StopOutcome } from "~/components/delivery/stop-outcome";
import { stopCarriesLine } from "~/domain/planning";
import { getRouteSheet, stopOutcomeView } from "~/services/delivery.server";
import { assignRouteDriver } from "~/services/driver.server";
import { requireHub } from "~/utils/hub-guard.server";
import { redirectWithToast } from "~/utils/session.server";
import coordinatorCss from "~/styles/coordinator.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "hub")("manifest.metaTitle") }];

// "" is "nobody": the route goes back to the coordinator's login. The plan page's per-route select
// posts here too, with `returnTo=plan` (one action, one set of rules).
const AssignSchema = z.object({
  intent: z.literal("assign"),
  driverId: z
    .string()
    .max(64)
    .transform((value) => value || null),
  returnTo: z.literal("plan").optional(),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const route = await getRouteSheet({ hubId: hub.id, routeId: params.routeId ?? "" });
  if (!route) throw new Response(serverT("hub")("driver.routeNotFound"), { status: 404 });
  // Each stop's outcome and proof (docs/decisions/032): photo, who took it or where it was left, what was short.
  const stops = route.stops.map((stop) => ({
    ...stop,
    outcome: stopOutcomeView(
      stop,
      (stop.order?.lines ?? []).filter((l) => stopCarriesLine(stop.cargo, l.chilled)),
    ),
  }));
  return json({
    route: { ...route, stops },
    timeZone: hub.timeZone,
    drivers: await listActiveHubDrivers({ hubId: hub.id }),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { hub } = await requireHub(request);
  const routeId = params.routeId ?? "";
  const t = serverT("hub");
  const parsed = AssignSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ error: t("manifest.assign.notADriver") }, { status: 400 });
  const result = await assignRouteDriver({ hubId: hub.id, routeId, driverId: parsed.data.driverId });
  if (!result.ok && result.status === 404) throw new Response(result.message, { status: 404 });
  if (!result.ok) return json({ error: result.message }, { status: result.status });
  return redirectWithToast(
    request,
    parsed.data.returnTo === "plan"
      ? `/hub/cycles/${result.cycleId}/plan#route-${routeId}`
      : `/hub/routes/${routeId}/manifest`,
    parsed.data.driverId ? t("manifest.assign.saved") : t("manifest.assign.cleared"),
  );
}

function AssignDriver({
  driverId,
  driverName,
  drivers,
}: {
  driverId: string | null;
  driverName: string | null;
  drivers: Array<{ id: string; name: string }>;
}) {
  const { t } = useTranslation("hub");
  const actionData = useActionData<typeof action>();
  const error = actionData && "error" in actionData ? actionData.error : null;
  // A driver deactivated after a delivered cycle keeps their route: named, not offered.
  const gone = driverId !== null && !drivers.some((d) => d.id === driverId);
  return (
    <Form method="post" className="form assign-driver no-print">
      <input type="hidden" name="intent" value="assign" />
      <div className="field">
        <label htmlFor="assign-driver">{t("manifest.assign.label")}</label>
        <select
          id="assign-driver"
          name="driverId"
          defaultValue={driverId ?? ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "assign-driver-hint assign-driver-error" : "assign-driver-hint"}
        >
          <option value="">{t("manifest.assign.nobody")}</option>
          {gone ? <option value={driverId}>{t("manifest.assign.inactive", { name: driverName ?? "" })}</option> : null}
          {drivers.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        <p id="assign-driver-hint" className="field-hint">
          {drivers.length === 0 ? t("manifest.assign.noDrivers") : null} {t("manifest.assign.replanWarning")}
        </p>
        {error ? (
          <p id="assign-driver-error" className="field-errors" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <SubmitButton pendingText={t("manifest.assign.saving")}>{t("manifest.assign.save")}</SubmitButton>
    </Form>
  );
}

export default function ManifestPage() {
  const { route, timeZone, drivers } = useLoaderData<typeof loader>();
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
      <AssignDriver driverId={route.driverId} driverName={route.driver?.name ?? null} drivers={drivers} />
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
                <div className="small" style={{ marginTop: "0.35rem" }}>
                  <StopOutcome
                    outcome={stop.outcome}
                    timeZone={timeZone}
                    testId={`manifest-outcome-${stop.sequence}`}
                  />
                </div>
              ) : null}
            </div>
            <span
              className="manifest-check"
              role="img"
              aria-label={stop.status === "PENDING" ? t("manifest.toTick") : t(`proof.outcome.${stop.status}`)}
            />
          </li>
        ))}
      </ol>
    </>
  );
}
