import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CycleStatusBadge } from "~/components/cycle-status";
import { EmptyState, PageHeader } from "~/components/ui/page";
import { effectiveCycleStatus } from "~/domain/cycles";
import { getHubOverview } from "~/models/hub.server";
import { requireHub } from "~/utils/hub-guard.server";
import coordinatorCss from "~/styles/coordinator.css";
import { formatDate } from "~/utils/format";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = () => [{ title: "Hub — Foodshed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const overview = await getHubOverview({ hubId: hub.id });
  const now = new Date();
  return json({
    hub: { name: hub.name, depotAddress: hub.depotAddress, timeZone: hub.timeZone },
    vehicles: overview.vehicles,
    farms: overview.farms,
    cycles: overview.cycles.map((c) => ({
      id: c.id,
      name: c.name,
      deliveryDate: c.deliveryDate,
      orders: c._count.orders,
      status: effectiveCycleStatus(c, now),
    })),
  });
}

export default function HubOverview() {
  const { hub, cycles, vehicles, farms } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title={hub.name}
        description={`Depot: ${hub.depotAddress}`}
        actions={
          <>
            <Link className="btn btn-primary" to="/hub/cycles/new">
              New cycle
            </Link>
            <Link className="btn btn-secondary" to="/hub/settings">
              Settings
            </Link>
          </>
        }
      />
      <dl className="stats">
        <div className="stat">
          <dt>Vehicles in service</dt>
          <dd>
            <span className="stat-value">{vehicles}</span>
            <Link to="/hub/vehicles" className="stat-hint">
              Manage vehicles
            </Link>
          </dd>
        </div>
        <div className="stat">
          <dt>Farms supplying</dt>
          <dd>
            <span className="stat-value">{farms}</span>
          </dd>
        </div>
        <div className="stat">
          <dt>Cycles</dt>
          <dd>
            <span className="stat-value">{cycles.length}</span>
            <Link to="/hub/cycles" className="stat-hint">
              All cycles
            </Link>
          </dd>
        </div>
      </dl>
      <h2>Recent and upcoming cycles</h2>
      {cycles.length === 0 ? (
        <EmptyState
          title="No delivery cycles yet"
          action={
            <Link className="btn btn-primary" to="/hub/cycles/new">
              Create the first cycle
            </Link>
          }
        >
          A cycle has an ordering window, a cut-off and a delivery date with time slots.
        </EmptyState>
      ) : (
        <ul className="cycle-cards" role="list">
          {cycles.map((c) => (
            <li key={c.id} className="card cycle-card">
              <div className="row" style={{ justifyContent: "space-between" }}>
                <Link to={`/hub/cycles/${c.id}`} className="cycle-card-title">
                  {c.name}
                </Link>
                <CycleStatusBadge status={c.status} />
              </div>
              <p className="muted small">
                Delivery {formatDate(c.deliveryDate, hub.timeZone)} · {c.orders} order{c.orders === 1 ? "" : "s"}
              </p>
              {c.orders === 0 ? (
                <p className="small muted">
                  No orders yet: pick lists, routes and the carbon report appear once buyers order
                  {c.status === "SCHEDULED" ? " (ordering has not opened)" : ""}.
                </p>
              ) : (
                <div className="row">
                  <Link to={`/hub/cycles/${c.id}/aggregate`}>Aggregate</Link>
                  <Link to={`/hub/cycles/${c.id}/plan`}>Routes</Link>
                  <Link to={`/hub/cycles/${c.id}/carbon`}>Carbon</Link>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
