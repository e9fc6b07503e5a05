import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { CycleStatusBadge } from "~/components/cycle-status";
import { useFormat } from "~/components/i18n";
import { farmStatusLabel, orderStatusLabel } from "~/i18n/labels";
import { Card, EmptyState, PageHeader, Stat } from "~/components/ui/page";
import { effectiveCycleStatus } from "~/domain/cycles";
import { getAdminHome, getBuyerHome, getCoordinatorHome, getFarmerHome } from "~/models/dashboard.server";
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
    case "DRIVER":
      // A driver's home is their routes (docs/decisions/030); log-in lands here, then there.
      throw redirect("/driver");
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
  const { t } = useTranslation();
  return (
    <>
      <section className="hero">
        <h1>{t("home.guest.title")}</h1>
        <p>{t("home.guest.intro")}</p>
        <div className="row">
          <Link to="/map" className="btn btn-primary" style={{ background: "#fff", color: "var(--green-900)" }}>
            {t("home.guest.findProducers")}
          </Link>
          <Link to="/signup" className="btn btn-secondary">
            {t("home.guest.createAccount")}
          </Link>
        </div>
      </section>
      <div className="grid grid-3">
        <Card title={t("home.guest.households.title")}>
          <p>{t("home.guest.households.body")}</p>
          <Link to="/signup?as=HOUSEHOLD">{t("home.guest.households.signUp")}</Link>
        </Card>
        <Card title={t("home.guest.restaurants.title")}>
          <p>{t("home.guest.restaurants.body")}</p>
          <Link to="/signup?as=RESTAURANT">{t("home.guest.restaurants.signUp")}</Link>
        </Card>
        <Card title={t("home.guest.farmers.title")}>
          <p>{t("home.guest.farmers.body")}</p>
          <Link to="/signup?as=FARMER">{t("home.guest.farmers.signUp")}</Link>
        </Card>
      </div>
    </>
  );
}

type Data<K extends string> = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { kind: K }>;

function BuyerHome({ data }: { data: Data<"buyer"> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <PageHeader
        title={t("home.hello", { name: data.name })}
        description={t("home.buyer.description")}
        actions={
          <>
            <Link to="/map" className="btn btn-primary">
              {t("home.buyer.browseProducers")}
            </Link>
            <Link to="/basket" className="btn btn-secondary">
              {t("home.buyer.viewBasket")}
            </Link>
          </>
        }
      />
      {data.cycle ? (
        <Card title={t("home.buyer.orderingOpen")}>
          <p>
            <Trans
              t={t}
              i18nKey="home.buyer.cycleOpen"
              values={{
                cycle: data.cycle.name,
                hub: data.cycle.hub.name,
                timeLeft: format.timeLeft(data.cycle.cutoffAt),
                cutoff: format.dateTime(data.cycle.cutoffAt, data.cycle.hub.timeZone),
                delivery: format.date(data.cycle.deliveryDate, data.cycle.hub.timeZone),
              }}
              components={{ strong: <strong /> }}
            />
          </p>
        </Card>
      ) : (
        <Card title={t("home.buyer.noCycle.title")}>
          <p className="muted">{t("home.buyer.noCycle.body")}</p>
        </Card>
      )}
      <Card title={t("home.buyer.recentOrders")} actions={<Link to="/orders">{t("home.buyer.allOrders")}</Link>}>
        {data.orders.length ? (
          <TableWrap>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("home.buyer.columns.order")}</th>
                  <th scope="col">{t("home.buyer.columns.placed")}</th>
                  <th scope="col">{t("home.buyer.columns.status")}</th>
                  <th scope="col" className="num">
                    {t("home.buyer.columns.total")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.orders.map((order) => (
                  <tr key={order.id}>
                    <td>
                      <Link to={`/orders/${order.id}`}>{t("home.buyer.orderNumber", { number: order.number })}</Link>
                    </td>
                    <td>{format.dateTime(order.placedAt, order.hub.timeZone)}</td>
                    <td>
                      <span className="badge">{orderStatusLabel(order.status, t)}</span>
                    </td>
                    <td className="num">{format.money(order.totalMinor, order.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <EmptyState title={t("home.buyer.noOrders.title")}>{t("home.buyer.noOrders.body")}</EmptyState>
        )}
      </Card>
    </>
  );
}

function FarmerHome({ data }: { data: Data<"farmer"> }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("home.hello", { name: data.name })} description={t("home.farmer.description")} />
      {data.farms.length ? (
        <div className="grid grid-2">
          {data.farms.map((farm) => (
            <Card key={farm.id} title={farm.name}>
              <p>
                {t("home.farmer.activeProducts", { count: farm._count.products })}
                {farm.status !== "ACTIVE" ? (
                  <span className="badge badge-warning"> {farmStatusLabel(farm.status, t)}</span>
                ) : null}
              </p>
              <div className="row">
                <Link to="/farm" className="btn btn-primary">
                  {t("home.farmer.dashboard")}
                </Link>
                <Link to="/farm/products" className="btn btn-secondary">
                  {t("home.farmer.products")}
                </Link>
              </div>
            </Card>
          ))}
        </div>
      ) : (
        <EmptyState
          title={t("home.farmer.setUp.title")}
          action={
            <Link to="/farm/new" className="btn btn-primary">
              {t("home.farmer.setUp.create")}
            </Link>
          }
        >
          {t("home.farmer.setUp.body")}
        </EmptyState>
      )}
    </>
  );
}

function CoordinatorHome({ data }: { data: Data<"coordinator"> }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!data.hubs.length) {
    return (
      <>
        <PageHeader title={t("home.hello", { name: data.name })} />
        <EmptyState title={t("home.coordinator.noHub.title")}>{t("home.coordinator.noHub.body")}</EmptyState>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t("home.hello", { name: data.name })} description={t("home.coordinator.description")} />
      {data.hubs.map((hub) => (
        <Card key={hub.id} title={hub.name} actions={<Link to="/hub">{t("home.coordinator.openHub")}</Link>}>
          <dl className="stats">
            <Stat label={t("home.coordinator.farms")} value={hub._count.farms} />
            <Stat label={t("home.coordinator.members")} value={hub._count.members} />
            <Stat label={t("home.coordinator.vehicles")} value={hub._count.vehicles} />
          </dl>
          {hub.cycles.length ? (
            <ul>
              {hub.cycles.map((cycle) => (
                <li key={cycle.id}>
                  <Trans
                    t={t}
                    i18nKey="home.coordinator.cycleLine"
                    values={{
                      cycle: cycle.name,
                      delivery: format.date(cycle.deliveryDate, hub.timeZone),
                      orders: t("home.coordinator.orders", { count: cycle._count.orders }),
                    }}
                    components={{ cycle: <Link to={`/hub/cycles/${cycle.id}`} /> }}
                  />{" "}
                  <CycleStatusBadge status={cycle.effectiveStatus} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("home.coordinator.noCycles")}</p>
          )}
        </Card>
      ))}
    </>
  );
}

function AdminHome({ data }: { data: Data<"admin"> }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("home.admin.title")} description={t("home.admin.description")} />
      <dl className="stats">
        <Stat label={t("home.admin.buyers")} value={data.roles.BUYER ?? 0} />
        <Stat label={t("home.admin.farmers")} value={data.roles.FARMER ?? 0} />
        <Stat label={t("home.admin.coordinators")} value={data.roles.COORDINATOR ?? 0} />
        <Stat label={t("home.admin.farmsAwaitingApproval")} value={data.farms.PENDING ?? 0} />
        <Stat label={t("home.admin.hubs")} value={data.hubs} />
        <Stat label={t("home.admin.orders")} value={data.orders} />
      </dl>
      <div className="row">
        <Link to="/admin/users" className="btn btn-primary">
          {t("home.admin.manageUsers")}
        </Link>
        <Link to="/admin/farms" className="btn btn-secondary">
          {t("home.admin.approveFarms")}
        </Link>
      </div>
    </>
  );
}
