import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CycleStatusBadge } from "~/components/cycle-status";
import { useFormat } from "~/components/i18n";
import { EmptyState, PageHeader } from "~/components/ui/page";
import { effectiveCycleStatus } from "~/domain/cycles";
import { slotsToText } from "~/components/cycle-form";
import { listCyclesForHub } from "~/models/hub.server";
import { requireHub } from "~/utils/hub-guard.server";
import coordinatorCss from "~/styles/coordinator.css";
import { metaT } from "~/i18n/i18n";
import { TableWrap } from "~/components/ui/table-wrap";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "hub")("cycles.list.metaTitle") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const now = new Date();
  const cycles = await listCyclesForHub({ hubId: hub.id });
  return json({
    timeZone: hub.timeZone,
    cycles: cycles.map((c) => ({
      id: c.id,
      name: c.name,
      opensAt: c.opensAt,
      cutoffAt: c.cutoffAt,
      deliveryDate: c.deliveryDate,
      slots: slotsToText(c.slots).replace(/\n/g, ", "),
      orders: c._count.orders,
      status: effectiveCycleStatus(c, now),
    })),
  });
}

export default function CyclesPage() {
  const { cycles, timeZone } = useLoaderData<typeof loader>();
  const { t } = useTranslation("hub");
  const format = useFormat();
  return (
    <>
      <PageHeader
        title={t("cycles.list.title")}
        description={t("cycles.list.description")}
        breadcrumbs={[{ to: "/hub", label: t("common:nav.hub") }]}
        actions={
          <Link className="btn btn-primary" to="/hub/cycles/new">
            {t("cycles.list.newCycle")}
          </Link>
        }
      />
      {cycles.length === 0 ? (
        <EmptyState
          title={t("cycles.list.empty")}
          action={
            <Link className="btn btn-primary" to="/hub/cycles/new">
              {t("cycles.list.createCycle")}
            </Link>
          }
        />
      ) : (
        <TableWrap>
          <table>
            <caption className="visually-hidden">{t("cycles.list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("cycles.list.columns.cycle")}</th>
                <th scope="col">{t("cycles.list.columns.status")}</th>
                <th scope="col">{t("cycles.list.columns.ordering")}</th>
                <th scope="col">{t("cycles.list.columns.delivery")}</th>
                <th scope="col" className="num">
                  {t("cycles.list.columns.orders")}
                </th>
              </tr>
            </thead>
            <tbody>
              {cycles.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/hub/cycles/${c.id}`}>{c.name}</Link>
                  </td>
                  <td>
                    <CycleStatusBadge status={c.status} />
                  </td>
                  <td className="small">
                    {format.dateTime(c.opensAt, timeZone)} → {format.dateTime(c.cutoffAt, timeZone)}
                  </td>
                  <td className="small">
                    {format.date(c.deliveryDate, timeZone)}
                    <br />
                    <span className="muted">{c.slots}</span>
                  </td>
                  <td className="num">{format.number(c.orders)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
