import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { CycleStatusBadge } from "~/components/cycle-status";
import { EmptyState, PageHeader } from "~/components/ui/page";
import { effectiveCycleStatus } from "~/domain/cycles";
import { metaT } from "~/i18n/i18n";
import { getHubOverview } from "~/models/hub.server";
import { requireHub } from "~/utils/hub-guard.server";
import coordinatorCss from "~/styles/coordinator.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "hub")("dashboard.metaTitle") }];

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
  const { t } = useTranslation("hub");
  const format = useFormat();
  return (
    <>
      <PageHeader
        title={hub.name}
        description={t("dashboard.depot", { address: hub.depotAddress })}
        actions={
          <>
            <Link className="btn btn-primary" to="/hub/cycles/new">
              {t("dashboard.newCycle")}
            </Link>
            <Link className="btn btn-secondary" to="/hub/settings">
              {t("common:nav.settings")}
            </Link>
            <Link className="btn btn-secondary" to="/hub/exports">
              {t("dashboard.exports")}
            </Link>
          </>
        }
      />
      <dl className="stats">
        <div className="stat">
          <dt>{t("dashboard.vehiclesInService")}</dt>
          <dd>
            <span className="stat-value">{format.number(vehicles)}</span>
            <Link to="/hub/vehicles" className="stat-hint">
              {t("dashboard.manageVehicles")}
            </Link>
          </dd>
        </div>
        <div className="stat">
          <dt>{t("dashboard.farmsSupplying")}</dt>
          <dd>
            <span className="stat-value">{format.number(farms)}</span>
          </dd>
        </div>
        <div className="stat">
          <dt>{t("common:nav.cycles")}</dt>
          <dd>
            <span className="stat-value">{format.number(cycles.length)}</span>
            <Link to="/hub/cycles" className="stat-hint">
              {t("dashboard.allCycles")}
            </Link>
          </dd>
        </div>
      </dl>
      <h2>{t("dashboard.recentCycles")}</h2>
      {cycles.length === 0 ? (
        <EmptyState
          title={t("dashboard.noCycles.title")}
          action={
            <Link className="btn btn-primary" to="/hub/cycles/new">
              {t("dashboard.noCycles.create")}
            </Link>
          }
        >
          {t("dashboard.noCycles.body")}
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
                {t("dashboard.cycleLine", {
                  date: format.date(c.deliveryDate, hub.timeZone),
                  orders: t("dashboard.orders", { count: c.orders }),
                })}
              </p>
              {c.orders === 0 ? (
                <p className="small muted">
                  {c.status === "SCHEDULED" ? t("dashboard.noOrdersNotOpen") : t("dashboard.noOrders")}
                </p>
              ) : (
                <div className="row">
                  <Link to={`/hub/cycles/${c.id}/aggregate`}>{t("dashboard.aggregate")}</Link>
                  <Link to={`/hub/cycles/${c.id}/plan`}>{t("dashboard.routes")}</Link>
                  <Link to={`/hub/cycles/${c.id}/carbon`}>{t("dashboard.carbon")}</Link>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
