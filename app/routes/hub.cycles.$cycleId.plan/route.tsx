import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { createLazyMap } from "~/components/map/lazy-map";
import { mapLinks } from "~/components/map/links";
import { routeColour, RouteSwatch } from "~/components/route-plan-colours";
import { SubmitButton } from "~/components/ui/button";
import { Alert, Card, EmptyState, PageHeader } from "~/components/ui/page";
import { formatCo2e } from "~/domain/carbon/format";
import { formatDistance } from "~/domain/geo/format";
import { findCycleForHub } from "~/models/hub.server";
import { requestPlanningCancel } from "~/models/planning-job.server";
import { requireHub } from "~/utils/hub-guard.server";
import { loadPlanPage } from "./plan-view.server";
import { PlanningProgress } from "./planning-progress";
import { startPlanning } from "~/jobs/planning-runner.server";
import { lockPlan, moveStopInPlan } from "~/services/route-planning.server";
import coordinatorCss from "~/styles/coordinator.css";
import { formatWeight } from "~/utils/format";
import { redirectWithToast } from "~/utils/session.server";
import { TableWrap } from "~/components/ui/table-wrap";

const RouteMap = createLazyMap(() => import("~/components/map/route-map.client"));

export const links: LinksFunction = () => [...mapLinks(), { rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = () => [{ title: "Routes — Foodshed" }];

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("plan"), effort: z.enum(["quick", "thorough"]).default("quick") }),
  z.object({ intent: z.literal("cancel"), jobId: z.string().min(1) }),
  z.object({
    intent: z.literal("move"),
    planId: z.string().min(1),
    stopId: z.string().min(1),
    toRouteId: z.string().min(1, { error: "Choose a route" }),
    position: z.coerce
      .number({ error: "Enter the position as a number: 1 is the first stop" })
      .int({ error: "Enter the position as a whole number: 1 is the first stop" })
      .min(1, { error: "Position starts at 1" })
      .max(10_000, { error: "Position must be at most 10,000" }),
  }),
  z.object({ intent: z.enum(["lock", "unlock"]), planId: z.string().min(1) }),
]);

const time = (value: string | Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(value));
const day = (value: string | Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone }).format(
    new Date(value),
  );
const duration = (seconds: number) =>
  `${Math.floor(seconds / 3600)} h ${String(Math.round((seconds % 3600) / 60)).padStart(2, "0")} min`;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const view = await loadPlanPage({ hub, cycleId: params.cycleId ?? "", now: new Date() });
  if (!view) throw new Response("Cycle not found", { status: 404 });
  return json(view, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, hub } = await requireHub(request);
  const cycleId = params.cycleId ?? "";
  const cycle = await findCycleForHub({ hubId: hub.id, cycleId });
  if (!cycle) throw new Response("Cycle not found", { status: 404 });
  const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ error: parsed.error.issues[0]?.message ?? "Check the form." }, { status: 400 });
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
      return json(ok ? { cancelled: true } : { error: "That planning run has already finished." }, {
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
      return redirectWithToast(
        request,
        here,
        result.warnings.length ? `Stop moved. Check: ${result.warnings.join("; ")}` : "Stop moved; figures recomputed.",
      );
    }
    case "lock":
    case "unlock": {
      const result = await lockPlan({ hubId: hub.id, planId: input.planId, locked: input.intent === "lock" });
      if (!result.ok) return json({ error: result.message }, { status: result.status });
      return redirectWithToast(
        request,
        here,
        input.intent === "lock" ? "Plan locked. Re-planning keeps locked routes." : "Plan unlocked.",
      );
    }
  }
}

export default function PlanPage() {
  const { cycle, plan, routes, job, depot, timeZone, deliveryStarted } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
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
        title={`Routes — ${cycle.name}`}
        breadcrumbs={[
          { to: "/hub/cycles", label: "Cycles" },
          { to: `/hub/cycles/${cycle.id}`, label: cycle.name },
        ]}
        description="Collection runs bring goods from farms to the hub the day before; delivery runs take orders to buyers in their slot."
        actions={
          plan ? (
            <>
              <Link className="btn btn-secondary" to={`/hub/cycles/${cycle.id}/carbon`}>
                Carbon report
              </Link>
              {delivered ? null : (
                <Form method="post">
                  <input type="hidden" name="planId" value={plan.id} />
                  <SubmitButton name="intent" value={locked ? "unlock" : "lock"} variant="secondary">
                    {locked ? "Unlock plan" : "Lock plan"}
                  </SubmitButton>
                </Form>
              )}
            </>
          ) : null
        }
      />
      {error ? <Alert tone="error">{error}</Alert> : null}
      {open ? (
        <Alert tone="warning">Ordering is still open. Close ordering on the cycle page before planning routes.</Alert>
      ) : null}
      {delivered ? (
        <Alert tone="info">
          This cycle has been delivered: its routes are kept as a record and can no longer be changed.
        </Alert>
      ) : deliveryStarted && !runningJobId ? (
        <Card title="Delivery has started">
          <p>{deliveryStarted}</p>
        </Card>
      ) : runningJobId && !lastJobDone ? (
        <PlanningProgress cycleId={cycle.id} jobId={runningJobId} />
      ) : (
        <Card title={plan ? "Plan again" : "Plan routes"}>
          {job && job.status !== "DONE" && job.status !== "RUNNING" ? (
            <Alert tone={job.status === "FAILED" ? "error" : "info"}>{job.message}</Alert>
          ) : null}
          <planFetcher.Form method="post" className="row">
            <input type="hidden" name="intent" value="plan" />
            <fieldset className="row" style={{ border: 0, padding: 0 }}>
              <legend className="visually-hidden">Search effort</legend>
              <label className="row small">
                <input type="radio" name="effort" value="quick" defaultChecked /> Quick (about 4 s)
              </label>
              <label className="row small">
                <input type="radio" name="effort" value="thorough" /> Thorough (about 15 s, shorter routes)
              </label>
            </fieldset>
            <button
              type="submit"
              className="btn btn-primary"
              disabled={open || planFetcher.state !== "idle"}
              onClick={(event) => {
                if (
                  plan &&
                  !window.confirm("Plan again? The current plan is replaced; locked routes are kept as they are.")
                )
                  event.preventDefault();
              }}
            >
              {planFetcher.state !== "idle" ? "Starting…" : plan ? "Plan again" : "Plan routes"}
            </button>
          </planFetcher.Form>
          {plan ? (
            <p className="small muted" style={{ marginTop: "0.5rem" }}>
              Re-planning keeps locked routes as they are.
            </p>
          ) : null}
        </Card>
      )}
      {!plan ? (
        <EmptyState title="No routes yet">{`Plan routes for the ${cycle.orders} orders of this cycle.`}</EmptyState>
      ) : (
        <>
          {plan.notice ? <Alert tone="warning">{plan.notice}</Alert> : null}
          <dl className="stats">
            <div className="stat">
              <dt>Routes</dt>
              <dd>
                <span className="stat-value">{routes.length}</span>
              </dd>
            </div>
            <div className="stat">
              <dt>Distance</dt>
              <dd>
                <span className="stat-value">{formatDistance(plan.totalDistanceM, "KM")}</span>
                <span className="stat-hint">
                  {plan.distanceSource === "osrm" ? "road network" : "straight line × road factor"}
                </span>
              </dd>
            </div>
            <div className="stat">
              <dt>CO2e (hub routes)</dt>
              <dd>
                <span className="stat-value">{formatCo2e(plan.totalCo2eGrams)}</span>
              </dd>
            </div>
            <div className="stat">
              <dt>Unassigned</dt>
              <dd>
                <span className="stat-value">{plan.unassigned.length}</span>
              </dd>
            </div>
          </dl>
          {plan.unassigned.length > 0 ? (
            <Card title="Not on any route">
              <ul>
                {plan.unassigned.map((u) => (
                  <li key={`${u.kind}-${u.id}`}>
                    <strong>{u.label}</strong>: {u.reason}
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          <div className="plan-layout">
            <div>
              {routes.map((route) => (
                <section key={route.id} className="card route-card" aria-labelledby={`route-${route.id}`}>
                  <h3 id={`route-${route.id}`}>
                    <RouteSwatch index={route.index} />
                    {route.name}: {route.vehicle.name}
                    {route.vehicle.refrigerated ? <span className="badge badge-info">Refrigerated</span> : null}
                    {route.locked ? <span className="badge badge-neutral">Locked</span> : null}
                  </h3>
                  <ul className="route-figures">
                    <li>
                      {day(route.startAt, timeZone)}{" "}
                      <strong>
                        {time(route.startAt, timeZone)}–{time(route.endAt, timeZone)}
                      </strong>
                    </li>
                    <li>
                      <strong>{formatDistance(route.distanceM, "KM")}</strong>
                    </li>
                    <li>
                      <strong>{duration(route.durationS)}</strong>
                    </li>
                    <li>
                      Load <strong>{formatWeight(route.loadGrams)}</strong> of{" "}
                      {formatWeight(route.vehicle.capacityGrams)}
                    </li>
                    <li>
                      <strong>{formatCo2e(route.co2eGrams)}</strong> CO2e
                    </li>
                    <li className="no-print">
                      <Link to={`/hub/routes/${route.id}/manifest`}>Manifest</Link> ·{" "}
                      <Link to={`/driver/routes/${route.id}`}>Driver view</Link>
                    </li>
                  </ul>
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
                        Stops of {route.name}, {route.vehicle.name}
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col" className="num">
                            #
                          </th>
                          <th scope="col">Stop</th>
                          <th scope="col">Arrival</th>
                          <th scope="col" className="num">
                            {route.kind === "COLLECTION" ? "Collect" : "Drop"}
                          </th>
                          <th scope="col" className="num">
                            On board after
                          </th>
                          <th scope="col" className="num">
                            CO2e
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
                            <td>{time(stop.arrivalAt, timeZone)}</td>
                            <td className="num">{formatWeight(stop.gramsHandled)}</td>
                            <td className="num">{formatWeight(stop.loadGramsAfter)}</td>
                            <td className="num">{formatCo2e(stop.co2eGrams)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </TableWrap>
                  {!locked && !route.locked && route.stops.length > 0 ? (
                    <Form method="post" className="move-form no-print" aria-label={`Move a stop of ${route.name}`}>
                      <input type="hidden" name="intent" value="move" />
                      <input type="hidden" name="planId" value={plan.id} />
                      <div className="field">
                        <label htmlFor={`stop-${route.id}`}>Move stop</label>
                        <select id={`stop-${route.id}`} name="stopId">
                          {route.stops.map((s) => (
                            <option key={s.id} value={s.id}>{`${s.sequence}. ${s.label}`}</option>
                          ))}
                        </select>
                      </div>
                      <div className="field">
                        <label htmlFor={`to-${route.id}`}>to route</label>
                        <select id={`to-${route.id}`} name="toRouteId" defaultValue={route.id}>
                          {moveTargets
                            .filter((t) => t.kind === route.kind)
                            .map((t) => (
                              <option key={t.id} value={t.id}>
                                {t.label}
                              </option>
                            ))}
                        </select>
                      </div>
                      <div className="field">
                        <label htmlFor={`pos-${route.id}`}>at position</label>
                        <input
                          id={`pos-${route.id}`}
                          name="position"
                          type="number"
                          min={1}
                          defaultValue={1}
                          inputMode="numeric"
                        />
                      </div>
                      <SubmitButton variant="secondary" className="btn-small" pendingText="Moving…">
                        Move<span className="visually-hidden"> the stop</span>
                      </SubmitButton>
                    </Form>
                  ) : null}
                </section>
              ))}
            </div>
            <div className="plan-map">
              <RouteMap
                height="520px"
                placeholder="Loading the route map…"
                depot={depot}
                routes={routes.map((r) => ({
                  id: r.id,
                  label: `${r.name} (${r.vehicle.name})`,
                  colour: routeColour(r.index),
                  dashed: r.kind === "COLLECTION",
                  stops: r.stops.map((s) => ({ lat: s.lat, lng: s.lng, sequence: s.sequence, label: s.label })),
                }))}
              />
              <p className="small muted">Dashed lines: collection runs. Solid: delivery runs. H: the hub.</p>
            </div>
          </div>
        </>
      )}
    </>
  );
}
