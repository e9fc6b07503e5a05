import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { OrderCyclePicker } from "~/components/order-cycle-picker";
import { OrderStatusBadge } from "~/components/order-lines";
import { EmptyState, PageHeader, Stat } from "~/components/ui/page";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { getHubOrders } from "~/services/order-views.server";
import orderingCss from "~/styles/ordering.css";
import { requireRole } from "~/utils/session.server";
import { TableWrap } from "~/components/ui/table-wrap";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orderingCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "hub")("orders.metaTitle") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "COORDINATOR");
  const data = await getHubOrders({ coordinatorId: user.id, cycleId: new URL(request.url).searchParams.get("cycle") });
  if (!data) throw new Response(serverT("hub")("orders.cycleNotFound"), { status: 404 });
  return json(data);
}

export default function HubOrdersPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("hub");
  const format = useFormat();
  if (!data.hub) return <EmptyState title={t("orders.noHub")} />;
  const live = data.orders.filter((o) => o.status !== "CANCELLED");
  return (
    <>
      <PageHeader
        title={t("orders.title", { hub: data.hub.name })}
        breadcrumbs={[{ to: "/hub", label: t("common:nav.hub") }]}
      />
      <OrderCyclePicker cycles={data.cycles} selected={data.cycle?.id ?? null} />
      <dl className="stats">
        <Stat
          label={t("orders.stats.orders")}
          value={format.number(live.length)}
          hint={t("orders.stats.cancelled", { count: data.orders.length - live.length })}
        />
        <Stat
          label={t("orders.stats.value")}
          value={format.money(
            live.reduce((s, o) => s + o.totalMinor, 0),
            data.hub.currency,
          )}
        />
        <Stat label={t("orders.stats.weight")} value={format.weight(live.reduce((s, o) => s + o.totalGrams, 0))} />
        <Stat
          label={t("orders.stats.deliveries")}
          value={format.number(live.filter((o) => o.fulfilment === "DELIVERY").length)}
          hint={t("orders.stats.pickups", { count: live.filter((o) => o.fulfilment === "PICKUP").length })}
        />
      </dl>
      {data.orders.length === 0 ? (
        <EmptyState title={t("orders.noOrders")} />
      ) : (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("orders.columns.order")}</th>
                <th scope="col">{t("orders.columns.buyer")}</th>
                <th scope="col">{t("orders.columns.fulfilment")}</th>
                <th scope="col">{t("orders.columns.status")}</th>
                <th scope="col">{t("orders.columns.payment")}</th>
                <th scope="col" className="num">
                  {t("orders.columns.weight")}
                </th>
                <th scope="col" className="num">
                  {t("orders.columns.total")}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.orders.map((o) => (
                <tr key={o.id}>
                  <td>#{o.number}</td>
                  <td>
                    {o.buyerName}{" "}
                    <span className="small muted">
                      {o.buyerKind === "RESTAURANT" ? t("common:roles.restaurant") : t("common:roles.household")}
                    </span>
                  </td>
                  <td>
                    {o.fulfilment === "DELIVERY"
                      ? t("orders.delivery", { address: o.address ?? "" })
                      : t("orders.pickup")}
                  </td>
                  <td>
                    <OrderStatusBadge
                      status={o.status}
                      paymentStatus={o.paymentStatus}
                      paymentMethod={o.paymentMethod}
                    />
                  </td>
                  <td>
                    {o.paymentMethod === "CARD"
                      ? t("orders.payment.card")
                      : o.paymentMethod === "INVOICE"
                        ? t("orders.payment.invoice")
                        : t("orders.payment.onDelivery")}
                  </td>
                  <td className="num">{format.weight(o.totalGrams)}</td>
                  <td className="num">{format.money(o.totalMinor, o.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
