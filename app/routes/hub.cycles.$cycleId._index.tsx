import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CycleStatusBadge } from "~/components/cycle-status";
import { slotsToText } from "~/components/cycle-form";
import { SubmitButton } from "~/components/ui/button";
import { Alert, Card, PageHeader } from "~/components/ui/page";
import { effectiveCycleStatus } from "~/domain/cycles";
import { findCycleForHub } from "~/models/hub.server";
import { closeCycle } from "~/services/cycle-admin.server";
import { requireHub } from "~/utils/hub-guard.server";
import coordinatorCss from "~/styles/coordinator.css";
import { formatDate, formatDateTime } from "~/utils/format";
import { redirectWithToast } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = () => [{ title: "Delivery cycle — Foodshed" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const cycle = await findCycleForHub({ hubId: hub.id, cycleId: params.cycleId ?? "" });
  if (!cycle) throw new Response("Cycle not found", { status: 404 });
  return json({
    timeZone: hub.timeZone,
    cycle: {
      id: cycle.id,
      name: cycle.name,
      opensAt: cycle.opensAt,
      cutoffAt: cycle.cutoffAt,
      deliveryDate: cycle.deliveryDate,
      storedStatus: cycle.status,
      status: effectiveCycleStatus(cycle, new Date()),
      slots: slotsToText(cycle.slots).split("\n"),
      orders: cycle._count.orders,
      plans: cycle._count.routePlans,
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { hub } = await requireHub(request);
  const form = await request.formData();
  if (form.get("intent") !== "close") return json({ error: "Unknown action." }, { status: 400 });
  const result = await closeCycle({ hubId: hub.id, cycleId: params.cycleId ?? "", now: new Date() });
  if (result === null) throw new Response("Cycle not found", { status: 404 });
  if (result === "not-open") return json({ error: "This cycle is already closed." }, { status: 400 });
  return redirectWithToast(
    request,
    `/hub/cycles/${params.cycleId}`,
    "Ordering closed. You can aggregate the orders and plan routes now.",
  );
}

export default function CyclePage() {
  const { cycle, timeZone } = useLoaderData<typeof loader>();
  const canClose = cycle.storedStatus === "OPEN";
  const closed = cycle.status !== "OPEN" && cycle.status !== "SCHEDULED";
  return (
    <>
      <PageHeader
        title={cycle.name}
        breadcrumbs={[
          { to: "/hub", label: "Hub" },
          { to: "/hub/cycles", label: "Cycles" },
        ]}
        description={<CycleStatusBadge status={cycle.status} />}
        actions={
          <>
            {cycle.storedStatus === "OPEN" || cycle.storedStatus === "CLOSED" ? (
              <Link className="btn btn-secondary" to={`/hub/cycles/${cycle.id}/edit`}>
                Edit
              </Link>
            ) : null}
            {canClose ? (
              <Form method="post">
                <SubmitButton
                  name="intent"
                  value="close"
                  variant="danger"
                  pendingText="Closing…"
                  confirm="Close ordering for this cycle now? Buyers can no longer order or change their orders for it. This cannot be undone."
                >
                  Close ordering now
                </SubmitButton>
              </Form>
            ) : null}
          </>
        }
      />
      {!closed ? (
        <Alert tone="info">
          Ordering is open until {formatDateTime(cycle.cutoffAt, timeZone)}. Plan routes once it has closed.
        </Alert>
      ) : null}
      <div className="grid grid-2">
        <Card title="Dates">
          <dl className="small">
            <dt className="muted">Ordering opens</dt>
            <dd>{formatDateTime(cycle.opensAt, timeZone)}</dd>
            <dt className="muted">Cut-off</dt>
            <dd>{formatDateTime(cycle.cutoffAt, timeZone)}</dd>
            <dt className="muted">Delivery</dt>
            <dd>{formatDate(cycle.deliveryDate, timeZone)}</dd>
            <dt className="muted">Slots</dt>
            <dd>{cycle.slots.join(", ")}</dd>
          </dl>
        </Card>
        <Card title={`${cycle.orders} order${cycle.orders === 1 ? "" : "s"}`}>
          {cycle.orders === 0 && cycle.plans === 0 ? (
            <p className="muted">
              No orders yet. Pick lists, route planning and the carbon report become available once buyers order in this
              cycle.
            </p>
          ) : (
            <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
              <li>
                <Link className="btn btn-secondary" to={`/hub/cycles/${cycle.id}/aggregate`}>
                  Aggregate: pick lists, packing lists, totals
                </Link>
              </li>
              <li>
                <Link className="btn btn-primary" to={`/hub/cycles/${cycle.id}/plan`}>
                  {cycle.plans > 0 ? "Routes and manifests" : "Plan routes"}
                </Link>
              </li>
              <li>
                <Link className="btn btn-secondary" to={`/hub/cycles/${cycle.id}/carbon`}>
                  Carbon report
                </Link>
              </li>
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
