import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CycleStatusBadge } from "~/components/cycle-status";
import { Card, EmptyState, PageHeader, Stat } from "~/components/ui/page";
import { effectiveCycleStatus } from "~/domain/cycles";
import { getAdminHome, getBuyerHome, getCoordinatorHome, getFarmerHome } from "~/models/dashboard.server";
import { formatDate, formatDateTime, formatMoney, formatTimeLeft, ORDER_STATUS_LABEL } from "~/utils/format";
import { getUser } from "~/utils/session.server";
import { TableWrap } from "~/components/ui/table-wrap";

/** The coordinator's hubs with each cycle's effective status (the words every page uses). */
async function coordinatorHome(userId: string, now: Date) {
  const home = await getCoordinatorHome({ userId, now });
  return {
    ...home,
    hubs: home.hubs.map((hub) => ({
      ...hub,
      cycles: hub.cycles.map((cycle) => ({ ...cycle, effectiveStatus: effectiveCycleStatus(cycle, now) })),
    })),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const now = new Date();
  if (!user) return json({ kind: "guest" as const });
  switch (user.role) {
    case "BUYER":
      return json({
        kind: "buyer" as const,
        name: user.name,
        ...(await getBuyerHome({ userId: user.id, hubId: user.hubId, now })),
      });
    case "FARMER":
      return json({ kind: "farmer" as const, name: user.name, ...(await getFarmerHome({ userId: user.id })) });
    case "COORDINATOR":
      return json({
        kind: "coordinator" as const,
        name: user.name,
        ...(await coordinatorHome(user.id, now)),
      });
    case "ADMIN":
      return json({ kind: "admin" as const, name: user.name, ...(await getAdminHome()) });
  }
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  switch (data.kind) {
    case "guest":
      return <GuestHome />;
    case "buyer":
      return <BuyerHome data={data} />;
    case "farmer":
      return <FarmerHome data={data} />;
    case "coordinator":
      return <CoordinatorHome data={data} />;
    case "admin":
      return <AdminHome data={data} />;
  }
}

function GuestHome() {
  return (
    <>
      <section className="hero">
        <h1>Food from farms near you, delivered on one planned route.</h1>
        <p>
          Foodshed connects local farms and producers with households and restaurants nearby. Order from several farms
          in one basket; your food hub collects, packs and delivers it — and tells you how far it travelled and what
          that delivery emitted.
        </p>
        <div className="row">
          <Link to="/map" className="btn btn-primary" style={{ background: "#fff", color: "var(--green-900)" }}>
            Find producers near you
          </Link>
          <Link to="/signup" className="btn btn-secondary">
            Create an account
          </Link>
        </div>
      </section>
      <div className="grid grid-3">
        <Card title="For households">
          <p>
            Browse farms on a map, fill one basket from several of them and choose home delivery or pickup at the hub.
          </p>
          <Link to="/signup?as=HOUSEHOLD">Sign up as a household</Link>
        </Card>
        <Card title="For restaurants">
          <p>
            Wholesale prices at volume, invoices on net terms and a standing order that repeats every delivery cycle.
          </p>
          <Link to="/signup?as=RESTAURANT">Sign up as a restaurant</Link>
        </Card>
        <Card title="For farmers">
          <p>
            List what you have, see what was ordered for the next delivery and print your pick list. The hub collects.
          </p>
          <Link to="/signup?as=FARMER">Sign up as a farmer</Link>
        </Card>
      </div>
    </>
  );
}

type Data<K extends string> = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { kind: K }>;

function BuyerHome({ data }: { data: Data<"buyer"> }) {
  return (
    <>
      <PageHeader
        title={`Hello, ${data.name}`}
        description="Order from farms near you for the next delivery."
        actions={
          <>
            <Link to="/map" className="btn btn-primary">
              Browse producers
            </Link>
            <Link to="/basket" className="btn btn-secondary">
              View basket
            </Link>
          </>
        }
      />
      {data.cycle ? (
        <Card title="Ordering is open">
          <p>
            <strong>{data.cycle.name}</strong> from {data.cycle.hub.name}: order within{" "}
            <strong>{formatTimeLeft(data.cycle.cutoffAt)}</strong> (cut-off {formatDateTime(data.cycle.cutoffAt)}) for
            delivery on <strong>{formatDate(data.cycle.deliveryDate)}</strong>.
          </p>
        </Card>
      ) : (
        <Card title="No delivery cycle is open">
          <p className="muted">
            Your hub has not opened ordering for the next delivery yet. You can still browse producers.
          </p>
        </Card>
      )}
      <Card title="Recent orders" actions={<Link to="/orders">All orders</Link>}>
        {data.orders.length ? (
          <TableWrap>
            <table>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Placed</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.orders.map((order) => (
                  <tr key={order.id}>
                    <td>
                      <Link to={`/orders/${order.id}`}>#{order.number}</Link>
                    </td>
                    <td>{formatDateTime(order.placedAt)}</td>
                    <td>
                      <span className="badge">{ORDER_STATUS_LABEL[order.status] ?? order.status}</span>
                    </td>
                    <td className="num">{formatMoney(order.totalMinor, order.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <EmptyState title="No orders yet">Find a farm on the map and add something to your basket.</EmptyState>
        )}
      </Card>
    </>
  );
}

function FarmerHome({ data }: { data: Data<"farmer"> }) {
  return (
    <>
      <PageHeader title={`Hello, ${data.name}`} description="Your farm on Foodshed." />
      {data.farms.length ? (
        <div className="grid grid-2">
          {data.farms.map((farm) => (
            <Card key={farm.id} title={farm.name}>
              <p>
                {farm._count.products} active product{farm._count.products === 1 ? "" : "s"}
                {farm.status !== "ACTIVE" ? (
                  <span className="badge badge-warning"> {farm.status.toLowerCase()}</span>
                ) : null}
              </p>
              <div className="row">
                <Link to="/farm" className="btn btn-primary">
                  Farm dashboard
                </Link>
                <Link to="/farm/products" className="btn btn-secondary">
                  Products
                </Link>
              </div>
            </Card>
          ))}
        </div>
      ) : (
        <EmptyState
          title="Set up your farm"
          action={
            <Link to="/farm/new" className="btn btn-primary">
              Create your farm
            </Link>
          }
        >
          Tell buyers who you are and where you are, then list your products.
        </EmptyState>
      )}
    </>
  );
}

function CoordinatorHome({ data }: { data: Data<"coordinator"> }) {
  if (!data.hubs.length) {
    return (
      <>
        <PageHeader title={`Hello, ${data.name}`} />
        <EmptyState title="You do not coordinate a hub yet">Ask an administrator to assign you to a hub.</EmptyState>
      </>
    );
  }
  return (
    <>
      <PageHeader title={`Hello, ${data.name}`} description="Your hub this week." />
      {data.hubs.map((hub) => (
        <Card key={hub.id} title={hub.name} actions={<Link to="/hub">Open hub</Link>}>
          <dl className="stats">
            <Stat label="Farms" value={hub._count.farms} />
            <Stat label="Members" value={hub._count.members} />
            <Stat label="Vehicles" value={hub._count.vehicles} />
          </dl>
          {hub.cycles.length ? (
            <ul>
              {hub.cycles.map((cycle) => (
                <li key={cycle.id}>
                  <Link to={`/hub/cycles/${cycle.id}`}>{cycle.name}</Link> — delivery {formatDate(cycle.deliveryDate)},{" "}
                  {cycle._count.orders} order{cycle._count.orders === 1 ? "" : "s"},{" "}
                  <CycleStatusBadge status={cycle.effectiveStatus} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No upcoming delivery cycles. Create one from the Cycles page.</p>
          )}
        </Card>
      ))}
    </>
  );
}

function AdminHome({ data }: { data: Data<"admin"> }) {
  return (
    <>
      <PageHeader title="Administration" description="Users, farms and hubs across Foodshed." />
      <dl className="stats">
        <Stat label="Buyers" value={data.roles.BUYER ?? 0} />
        <Stat label="Farmers" value={data.roles.FARMER ?? 0} />
        <Stat label="Coordinators" value={data.roles.COORDINATOR ?? 0} />
        <Stat label="Farms awaiting approval" value={data.farms.PENDING ?? 0} />
        <Stat label="Hubs" value={data.hubs} />
        <Stat label="Orders" value={data.orders} />
      </dl>
      <div className="row">
        <Link to="/admin/users" className="btn btn-primary">
          Manage users
        </Link>
        <Link to="/admin/farms" className="btn btn-secondary">
          Approve farms
        </Link>
      </div>
    </>
  );
}
