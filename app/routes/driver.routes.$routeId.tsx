import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { SubmitButton } from "~/components/ui/button";
import { Alert, PageHeader } from "~/components/ui/page";
import { formatQuantity } from "~/domain/quantity";
import { getRouteSheet, markStop, startRoute } from "~/services/delivery.server";
import { requireHub } from "~/utils/hub-guard.server";
import coordinatorCss from "~/styles/coordinator.css";
import { formatWeight } from "~/utils/format";
import { redirectWithToast } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = () => [{ title: "Driver — Foodshed" }];

const DriverSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("delivered"), stopId: z.string().min(1) }),
  z.object({
    intent: z.literal("failed"),
    stopId: z.string().min(1),
    reason: z.string().trim().min(3, { error: "Say why the delivery failed (e.g. nobody home)" }).max(300),
  }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const route = await getRouteSheet({ hubId: hub.id, routeId: params.routeId ?? "" });
  if (!route) throw new Response("Route not found", { status: 404 });
  return json({ route, timeZone: hub.timeZone });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { hub } = await requireHub(request);
  const routeId = params.routeId ?? "";
  const parsed = DriverSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return json({ error: issue?.message ?? "Check the form.", stopId: null as string | null }, { status: 400 });
  }
  const input = parsed.data;
  if (input.intent === "start") {
    const started = await startRoute({ hubId: hub.id, routeId });
    if (!started.ok && started.status === 404) throw new Response(started.message, { status: 404 });
    if (!started.ok) return json({ error: started.message, stopId: null as string | null }, { status: started.status });
    return redirectWithToast(
      request,
      `/driver/routes/${routeId}`,
      "Route started: buyers see their orders out for delivery.",
    );
  }
  const marked = await markStop({
    hubId: hub.id,
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
    input.intent === "delivered" ? "Marked delivered." : "Marked failed.",
  );
}

export default function DriverPage() {
  const { route, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const time = (v: string) =>
    new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(v));
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
        description={`${delivery ? "Delivery" : "Collection"} run · ${route.stops.length} stops · ${left} to go`}
      />
      {actionData && "error" in actionData ? <Alert tone="error">{actionData.error}</Alert> : null}
      {delivery && started ? (
        <Alert tone="success">
          <span data-testid="route-started">Route started</span>: its orders are out for delivery and their buyers see
          it.
        </Alert>
      ) : delivery ? (
        <Form method="post" style={{ marginBottom: "1rem" }}>
          <SubmitButton name="intent" value="start" variant="secondary" className="btn-block" pendingText="Starting…">
            Start route (orders go “out for delivery”)
          </SubmitButton>
        </Form>
      ) : null}
      <ol style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {route.stops.map((stop) => {
          const name = stop.farm ? stop.farm.name : `#${stop.order?.number} ${stop.order?.buyer.name}`;
          const address = stop.farm?.address ?? stop.order?.address ?? "";
          const phone = stop.farm?.contactPhone ?? stop.order?.contactPhone ?? stop.order?.buyer.phone;
          return (
            <li
              key={stop.id}
              className="driver-stop"
              data-status={stop.status}
              aria-label={`Stop ${stop.sequence}: ${name}`}
            >
              <h2 style={{ fontSize: "1.1rem" }}>
                {stop.sequence}. {name}
                {stop.partLabel ? <span className="small muted"> — {stop.partLabel}</span> : null}
              </h2>
              <p className="small" style={{ margin: 0 }}>
                {time(stop.arrivalAt)} · {formatWeight(stop.gramsHandled)}
                <br />
                {address ? (
                  <a href={`https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`}>{address}</a>
                ) : null}
                {phone ? (
                  <>
                    <br />
                    <a href={`tel:${phone}`}>{phone}</a>
                  </>
                ) : null}
              </p>
              {stop.items.length > 0 ? (
                <ul className="manifest-items">
                  {stop.items.map((l, i) => (
                    <li key={i}>
                      {formatQuantity(l.quantityMilli, l.unit)} {l.productName}
                      {l.chilled ? <span className="chilled-mark"> ❄</span> : null}
                    </li>
                  ))}
                </ul>
              ) : null}
              {stop.status === "DONE" ? (
                <p className="badge" role="status">
                  Delivered
                </p>
              ) : stop.status === "FAILED" ? (
                <p className="badge badge-danger" role="status">
                  Failed: {stop.failureReason}
                </p>
              ) : delivery ? (
                <div className="driver-actions">
                  <Form method="post">
                    <input type="hidden" name="stopId" value={stop.id} />
                    <SubmitButton
                      name="intent"
                      value="delivered"
                      confirm={`Mark stop ${stop.sequence} (${name}) delivered?`}
                    >
                      Mark delivered<span className="visually-hidden"> — stop {stop.sequence}</span>
                    </SubmitButton>
                  </Form>
                  <details>
                    <summary>Could not deliver</summary>
                    <Form method="post" className="form">
                      <input type="hidden" name="stopId" value={stop.id} />
                      <div className="field">
                        <label htmlFor={`reason-${stop.id}`}>Reason</label>
                        <input
                          id={`reason-${stop.id}`}
                          name="reason"
                          required
                          minLength={3}
                          placeholder="Nobody home, access blocked…"
                        />
                      </div>
                      <SubmitButton name="intent" value="failed" variant="danger">
                        Mark failed
                      </SubmitButton>
                    </Form>
                  </details>
                </div>
              ) : (
                <div className="driver-actions">
                  <Form method="post">
                    <input type="hidden" name="stopId" value={stop.id} />
                    <SubmitButton name="intent" value="delivered">
                      Mark collected<span className="visually-hidden"> — stop {stop.sequence}</span>
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
