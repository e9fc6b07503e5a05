import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { PlanDeliveryProgress } from "~/components/delivery-progress";
import { useFormat } from "~/components/i18n";
import { createLazyMap } from "~/components/map/lazy-map";
import { lastSeenForMap } from "~/components/map/last-seen";
import { mapLinks } from "~/components/map/links";
import { routeColour, RouteSwatch } from "~/components/route-plan-colours";
import { SubmitButton } from "~/components/ui/button";
import { Alert, Card, EmptyState, PageHeader } from "~/components/ui/page";
import { lazyT, metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { findCycleForHub } from "~/models/hub.server";
import { requestPlanningCancel } from "~/models/planning-job.server";
import { requireHub } from "~/utils/hub-guard.server";
import { loadPlanPage } from "./plan-view.server";
import { PlanningProgress } from "./planning-progress";
import { CollectSuggestions } from "./collect-suggestions";
import { RouteDriverForm } from "./route-driver";
import { listActiveHubDrivers } from "~/models/driver.server";
import { startPlanning } from "~/jobs/planning-runner.server";
import { lockPlan, moveStopInPlan } from "~/services/route-planning.server";
import { getPlanDeliveryProgress } from "~/services/delivery-progress.server";
import coordinatorCss from "~/styles/coordinator.css";
import { redirectWithToast } from "~/utils/session.server";
import { TableWrap } from "~/components/ui/table-wrap";

const RouteMap = createLazyMap(() => import("~/components/map/route-map.client"));

export const links: LinksFunction = () => [...mapLinks(), { rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "hub")("plan.metaTitle") }];

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("plan"), effort: z.enum(["quick", "thorough"]).default("quick") }),
  z.object({ intent: z.literal("cancel"), jobId: z.string().min(1) }),
  z.object({
    intent: z.literal("move"),
    planId: z.string().min(1),
    stopId: z.string().min(1),
    toRouteId: z.string().min(1, { error: lazyT("hub:plan.errors.chooseRoute") }),
    position: z.coerce
      .number({ error: lazyT("hub:plan.errors.positionNumber") })
      .int({ error: lazyT("hub:plan.errors.positionWhole") })
      .min(1, { error: lazyT("hub:plan.errors.positionMin") })
      .max(10_000, { error: lazyT("hub:plan.errors.positionMax") }),
    /** "1" when the form is the "Undo the move" button: the stop goes back where it was. */
    undo: z.literal("1").optional(),
  }),
  z.object({ intent: z.enum(["lock", "unlock"]), planId: z.string().min(1) }),
]);

const time = (value: string | Date, timeZone: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(value));
const day = (value: string | Date, timeZone: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short", timeZone }).format(
    new Date(value),
  );
const durationParts = (seconds: number) => ({
  hours: Math.floor(seconds / 3600),
  minutes: String(Math.round((seconds % 3600) / 60)).padStart(2, "0"),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const view = await loadPlanPage({ hub, cycleId: params.cycleId ?? "", now: new Date() });
  if (!view) throw new Response(serverT("hub")("cycles.notFound"), { status: 404 });
  // Done / failed / to go per route, polled while routes are out (docs/decisions/033).
  const deliveryProgress = await getPlanDeliveryProgress({
    hubId: hub.id,
    timeZone: hub.timeZone,
    cycleId: params.cycleId ?? "",
  });
  // The hub's active drivers, for each route's driver select (docs/decisions/030).
  const drivers = view.plan ? await listActiveHubDrivers({ hubId: hub.id }) : [];
  return json(
    { ...view, deliveryProgress, drivers, lastMove: lastMoveOf(new URL(request.url).searchParams, view) },
    { headers: { "Cache-Control": "no-store" } },
  );
}

const UndoParams = z.object({
  undoStop: z.string().min(1),
  undoRoute: z.string().min(1),
  undoPosition: z.coerce.number().int().min(1).max(10_000),
});

/**
 * The move just made, from the address the move redirected to, with what undoes it: only while the
 * stop and the route it came from are still on the plan shown.
 */
function lastMoveOf(params: URLSearchParams, view: NonNullable<Awaited<ReturnType<typeof loadPlanPage>>>) {
  const parsed = UndoParams.safeParse(Object.fromEntries(params));
  if (!parsed.success || !view.plan) return null;
  const { undoStop, undoRoute, undoPosition } = parsed.data;
  const now = view.routes.find((r) => r.stops.some((s) => s.id === undoStop));
  const back = view.routes.find((r) => r.id === undoRoute);
  if (!now || !back || now.locked || back.locked) return null;
  const stop = now.stops.find((s) => s.id === undoStop)!;
  return {
    planId: view.plan.id,
    stopId: undoStop,
    stop: stop.label,
    route: now.name,
    toRouteId: back.id,
    position: undoPosition,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, hub } = await requireHub(request);
  const cycleId = params.cycleId ?? "";
  const cycle = await findCycleForHub({ hubId: hub.id, cycleId });
  if (!cycle) throw new Response(serverT("hub")("cycles.notFound"), { status: 404 });
  const t = serverT("hub");
  const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return json({ error: parsed.error.issues[0]?.message ?? t("plan.errors.checkForm") }, { status: 400 });
  const input = parsed.data;
  const here = `/hub/cycles/${cycleId}/plan`;
  switch (input.intent) {
    case "plan": {
      const result = await startPlanning({ hubId: hub.id, cycleId, userId: user.id, effort: input.effort });
      if (!result.ok) return json({ error: result.message }, { status: result.status });
      return json({ jobId: result.jobId });
    }
    case "cancel": {
      const ok = await requestPlanningCancel({ hubId: hub.id, cycleId, jobId: input.jobId });
      return json(ok ? { cancelled: true } : { error: t("plan.errors.alreadyFinished") }, {
        status: ok ? 200 : 400,
      });
    }
    case "move": {
      const result = await moveStopInPlan({
        hubId: hub.id,
        planId: input.planId,
        stopId: input.stopId,
        toRouteId: input.toRouteId,
        position: input.position,
        timeZone: hub.timeZone,
        deliveryDate: cycle.deliveryDate,
      });
      if (!result.ok) return json({ error: result.message }, { status: result.status });
      if (input.undo) {
        const undone = serverT("messages")("planning.move.undone", { stop: result.stopLabel });
        return redirectWithToast(
          request,
          here,
          result.warnings.length
            ? `${undone} ${t("plan.toast.stopMovedCheck", { warnings: result.warnings.join("; ") })}`
            : undone,
        );
      }
      // The page after a move offers to undo it (lastMoveOf in the loader).
      const undo = new URLSearchParams({
        undoStop: result.undo.stopId,
        undoRoute: result.undo.toRouteId,
        undoPosition: String(result.undo.position),
      });
      return redirectWithToast(
        request,
        `${here}?${undo}`,
        result.warnings.length
          ? t("plan.toast.stopMovedCheck", { warnings: result.warnings.join("; ") })
          : t("plan.toast.stopMoved"),
      );
    }
    case "lock":
    case "unlock": {
      const result = await lockPlan({ hubId: hub.id, planId: input.planId, locked: input.intent === "lock" });
      if (!result.ok) return json({ error: result.message }, { status: result.status });
      return redirectWithToast(
        request,
        here,
        input.intent === "lock" ? t("plan.toast.locked") : t("plan.toast.unlocked"),
      );
    }
  }
}

export default function PlanPage() {
  const { cycle, plan, routes, job, depot, timeZone, deliveryStarted, collect, deliveryProgress, drivers, lastMove } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("hub");
  const format = useFormat();
  const planFetcher = useFetcher<typeof action>();
  const fetched = planFetcher.data as { jobId?: string; error?: string } | undefined;
  const runningJobId = fetched?.jobId ?? (job?.status === "RUNNING" ? job.id : null);
  const lastJobDone = fetched?.jobId && job?.id === fetched.jobId && job.status !== "RUNNING";
  const error = (actionData && "error" in actionData ? actionData.error : null) ?? fetched?.error ?? null;
  const open = cycle.status === "OPEN" || cycle.status === "SCHEDULED";
  const locked = plan?.status === "LOCKED";
  // A delivered cycle's plan is a record of what happened: no unlocking or re-planning.
  const delivered = cycle.status === "DELIVERED";
  const moveTargets = routes.map((r) => ({ id: r.id, kind: r.kind, label: `${r.name} — ${r.vehicle.name}` }));
  return (
    <>
      <PageHeader
        title={t("plan.title", { cycle: cycle.name })}
        breadcrumbs={[
          { to: "/hub/cycles", label: t("common:nav.cycles") },
          { to: `/hub/cycles/${cycle.id}`, label: cycle.name },
        ]}
        description={t("plan.description")}
        actions={
          plan ? (
            <>
              <Link className="btn btn-secondary" to={`/hub/cycles/${cycle.id}/carbon`}>
                {t("plan.carbonReport")}
              </Link>
              {delivered ? null : (
                <Form method="post">
                  <input type="hidden" name="planId" value={plan.id} />
                  <SubmitButton name="intent" value={locked ? "unlock" : "lock"} variant="secondary">
                    {locked ? t("plan.unlock") : t("plan.lock")}
                  </SubmitButton>
                </Form>
              )}
            </>
          ) : null
        }
      />
      {error ? <Alert tone="error">{error}</Alert> : null}
      {lastMove && !locked ? (
        <Form method="post" className="undo-move no-print" aria-label={t("plan.undo.label")}>
          <Alert tone="info">
            <span>{t("plan.undo.moved", { stop: lastMove.stop, route: lastMove.route })}</span>{" "}
            <input type="hidden" name="intent" value="move" />
            <input type="hidden" name="undo" value="1" />
            <input type="hidden" name="planId" value={lastMove.planId} />
            <input type="hidden" name="stopId" value={lastMove.stopId} />
            <input type="hidden" name="toRouteId" value={lastMove.toRouteId} />
            <input type="hidden" name="position" value={lastMove.position} />
            <SubmitButton variant="secondary" className="btn-small" pendingText={t("plan.undo.pending")}>
              {t("plan.undo.submit")}
            </SubmitButton>
          </Alert>
        </Form>
      ) : null}
      {open ? <Alert tone="warning">{t("plan.stillOpen")}</Alert> : null}
      <PlanDeliveryProgress progress={deliveryProgress} timeZone={timeZone} />
      {delivered ? (
        <Alert tone="info">{t("plan.delivered")}</Alert>
      ) : deliveryStarted && !runningJobId ? (
        <Card title={t("plan.deliveryStarted")}>
          <p>{deliveryStarted}</p>
        </Card>
      ) : runningJobId && !lastJobDone ? (
        <PlanningProgress cycleId={cycle.id} jobId={runningJobId} />
      ) : (
        <Card title={plan ? t("plan.planAgain") : t("plan.planRoutes")}>
          {job && job.status !== "DONE" && job.status !== "RUNNING" ? (
            <Alert tone={job.status === "FAILED" ? "error" : "info"}>{job.message}</Alert>
          ) : null}
          <planFetcher.Form method="post" className="row">
            <input type="hidden" name="intent" value="plan" />
            <fieldset className="row" style={{ border: 0, padding: 0 }}>
              <legend className="visually-hidden">{t("plan.searchEffort")}</legend>
              <label className="row small">
                <input type="radio" name="effort" value="quick" defaultChecked /> {t("plan.quick")}
              </label>
              <label className="row small">
                <input type="radio" name="effort" value="thorough" /> {t("plan.thorough")}
              </label>
            </fieldset>
            <button
              type="submit"
              className="btn btn-primary"
              disabled={open || planFetcher.state !== "idle"}
              onClick={(event) => {
                if (plan && !window.confirm(t("plan.confirmReplan"))) event.preventDefault();
              }}
            >
              {planFetcher.state !== "idle" ? t("plan.starting") : plan ? t("plan.planAgain") : t("plan.planRoutes")}
            </button>
          </planFetcher.Form>
          {plan ? (
            <p className="small muted" style={{ marginTop: "0.5rem" }}>
              {t("plan.keepsLocked")} {t("plan.assignDriver.hint")}
            </p>
          ) : null}
        </Card>
      )}
      {!plan ? (
        <EmptyState title={t("plan.noRoutes")}>{t("plan.noRoutesBody", { count: cycle.orders })}</EmptyState>
      ) : (
        <>
          {plan.notice ? <Alert tone="warning">{plan.notice}</Alert> : null}
          <dl className="stats">
            <div className="stat">
              <dt>{t("plan.stats.routes")}</dt>
              <dd>
                <span className="stat-value">{format.number(routes.length)}</span>
              </dd>
            </div>
            <div className="stat">
              <dt>{t("plan.stats.distance")}</dt>
              <dd>
                <span className="stat-value">{format.distance(plan.totalDistanceM, "KM")}</span>
                <span className="stat-hint">
                  {plan.distanceSource === "osrm" ? t("plan.stats.roadNetwork") : t("plan.stats.straightLine")}
                </span>
              </dd>
            </div>
            <div className="stat">
              <dt>{t("plan.stats.co2e")}</dt>
              <dd>
                <span className="stat-value">{format.co2e(plan.totalCo2eGrams)}</span>
              </dd>
            </div>
            <div className="stat">
              <dt>{t("plan.stats.unassigned")}</dt>
              <dd>
                <span className="stat-value">{format.number(plan.unassigned.length)}</span>
              </dd>
            </div>
          </dl>
          {plan.unassigned.length > 0 ? (
            <Card title={t("plan.notOnAnyRoute")}>
              <ul>
                {plan.unassigned.map((u) => (
                  <li key={`${u.kind}-${u.id}`}>
                    <Trans
                      t={t}
                      i18nKey="plan.unassignedItem"
                      values={{ label: u.label, reason: u.reason }}
                      components={{ label: <strong /> }}
                    />
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          {collect ? <CollectSuggestions data={collect} /> : null}
          <div className="plan-layout">
            <div>
              {routes.map((route) => (
                <section key={route.id} className="card route-card" aria-labelledby={`route-${route.id}`}>
                  <h3 id={`route-${route.id}`}>
                    <RouteSwatch index={route.index} />
                    {t("plan.routeHeading", { route: route.name, vehicle: route.vehicle.name })}
                    {route.vehicle.refrigerated ? (
                      <span className="badge badge-info">{t("plan.refrigerated")}</span>
                    ) : null}
                    {route.locked ? <span className="badge badge-neutral">{t("plan.lockedBadge")}</span> : null}
                  </h3>
                  <ul className="route-figures">
                    <li>
                      {day(route.startAt, timeZone, format.locale)}{" "}
                      <strong>
                        {time(route.startAt, timeZone, format.locale)}–{time(route.endAt, timeZone, format.locale)}
                      </strong>
                    </li>
                    <li>
                      {route.rangeMetres === null ? (
                        <strong>{format.distance(route.distanceM, "KM")}</strong>
                      ) : (
                        <Trans
                          t={t}
                          i18nKey="plan.distanceOfRange"
                          values={{
                            distance: format.distance(route.distanceM, "KM"),
                            range: format.distance(route.rangeMetres, "KM"),
                          }}
                          components={{ strong: <strong /> }}
                        />
                      )}
                    </li>
                    <li>
                      <strong>{t("plan.duration", durationParts(route.durationS))}</strong>
                    </li>
                    <li>
                      <Trans
                        t={t}
                        i18nKey="plan.load"
                        values={{
                          load: format.weight(route.loadGrams),
                          capacity: format.weight(route.vehicle.capacityGrams),
                        }}
                        components={{ strong: <strong /> }}
                      />
                    </li>
                    <li>
                      <Trans
                        t={t}
                        i18nKey="plan.co2e"
                        values={{ co2e: format.co2e(route.co2eGrams) }}
                        components={{ strong: <strong /> }}
                      />
                    </li>
                    <li className="no-print">
                      <Link to={`/hub/routes/${route.id}/manifest`}>{t("plan.manifest")}</Link> ·{" "}
                      <Link to={`/driver/routes/${route.id}`}>{t("plan.driverView")}</Link>
                    </li>
                  </ul>
                  <RouteDriverForm
                    routeId={route.id}
                    routeName={route.name}
                    driverId={route.driverId}
                    driverName={route.driverName}
                    drivers={drivers}
                  />
                  {route.warnings.length ? (
                    <ul className="violations" role="alert">
                      {route.warnings.map((w) => (
                        <li key={w}>{w}</li>
                      ))}
                    </ul>
                  ) : null}
                  <TableWrap>
                    <table className="stops-table">
                      <caption className="visually-hidden">
                        {t("plan.stopsCaption", { route: route.name, vehicle: route.vehicle.name })}
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col" className="num">
                            #
                          </th>
                          <th scope="col">{t("plan.columns.stop")}</th>
                          <th scope="col">{t("plan.columns.arrival")}</th>
                          <th scope="col" className="num">
                            {route.kind === "COLLECTION" ? t("plan.columns.collect") : t("plan.columns.drop")}
                          </th>
                          <th scope="col" className="num">
                            {t("plan.columns.onBoardAfter")}
                          </th>
                          <th scope="col" className="num">
                            {t("plan.columns.co2e")}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {route.stops.map((stop) => (
                          <tr key={stop.id}>
                            <td className="num">{stop.sequence}</td>
                            <td>
                              {stop.label}
                              {stop.chilled ? <span className="chilled-mark"> ❄</span> : null}
                              <br />
                              <span className="small muted">{stop.detail}</span>
                            </td>
                            <td>{time(stop.arrivalAt, timeZone, format.locale)}</td>
                            <td className="num">{format.weight(stop.gramsHandled)}</td>
                            <td className="num">{format.weight(stop.loadGramsAfter)}</td>
                            <td className="num">{format.co2e(stop.co2eGrams)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </TableWrap>
                  {!locked && !route.locked && route.stops.length > 0 ? (
                    <Form
                      method="post"
                      className="move-form no-print"
                      aria-label={t("plan.move.formLabel", { route: route.name })}
                    >
                      <input type="hidden" name="intent" value="move" />
                      <input type="hidden" name="planId" value={plan.id} />
                      <div className="field">
                        <label htmlFor={`stop-${route.id}`}>{t("plan.move.stop")}</label>
                        <select id={`stop-${route.id}`} name="stopId">
                          {route.stops.map((s) => (
                            <option key={s.id} value={s.id}>{`${s.sequence}. ${s.label}`}</option>
                          ))}
                        </select>
                      </div>
                      <div className="field">
                        <label htmlFor={`to-${route.id}`}>{t("plan.move.toRoute")}</label>
                        <select id={`to-${route.id}`} name="toRouteId" defaultValue={route.id}>
                          {moveTargets
                            .filter((target) => target.kind === route.kind)
                            .map((target) => (
                              <option key={target.id} value={target.id}>
                                {target.label}
                              </option>
                            ))}
                        </select>
                      </div>
                      <div className="field">
                        <label htmlFor={`pos-${route.id}`}>{t("plan.move.atPosition")}</label>
                        <input
                          id={`pos-${route.id}`}
                          name="position"
                          type="number"
                          min={1}
                          defaultValue={1}
                          inputMode="numeric"
                        />
                      </div>
                      <SubmitButton variant="secondary" className="btn-small" pendingText={t("plan.move.moving")}>
                        <Trans
                          t={t}
                          i18nKey="plan.move.submit"
                          components={{ hidden: <span className="visually-hidden" /> }}
                        />
                      </SubmitButton>
                    </Form>
                  ) : null}
                </section>
              ))}
            </div>
            <div className="plan-map">
              <RouteMap
                height="520px"
                placeholder={t("plan.mapLoading")}
                depot={depot}
                routes={routes.map((r) => {
                  // Refreshed with the live progress's polling (docs/decisions/033).
                  const seen = deliveryProgress?.routes.find((p) => p.id === r.id)?.lastSeen ?? null;
                  return {
                    id: r.id,
                    label: `${r.name} (${r.vehicle.name})`,
                    colour: routeColour(r.index),
                    dashed: r.kind === "COLLECTION",
                    stops: r.stops.map((s) => ({ lat: s.lat, lng: s.lng, sequence: s.sequence, label: s.label })),
                    lastSeen: lastSeenForMap(seen, timeZone, format.locale),
                  };
                })}
              />
              <p className="small muted">{t("plan.mapLegend")}</p>
            </div>
          </div>
        </>
      )}
    </>
  );
}
