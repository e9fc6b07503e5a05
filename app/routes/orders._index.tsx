import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { OrderStatusBadge } from "~/components/order-lines";
import { EmptyState, PageHeader } from "~/components/ui/page";
import { isBusinessBuyer } from "~/domain/carbon/statement";
import { metaT } from "~/i18n/i18n";
import { getOrderHistory } from "~/services/order.server";
import orderingCss from "~/styles/ordering.css";
import { requireExactRole } from "~/utils/session.server";
import { TableWrap } from "~/components/ui/table-wrap";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orderingCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "buyer")("orders.metaTitle") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireExactRole(request, "BUYER");
  return json({
    orders: await getOrderHistory({ buyerId: user.id }),
    // Restaurants and other businesses get a transport emissions statement for their reporting.
    transportStatement: isBusinessBuyer(user.buyerKind),
  });
}

export default function OrdersPage() {
  const { t } = useTranslation("buyer");
  const format = useFormat();
  const { orders, transportStatement } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title={t("common:nav.myOrders")}
        actions={
          <>
            {transportStatement ? (
              <Link to="/orders/transport-statement" className="btn btn-secondary">
                {t("orders.transportStatement")}
              </Link>
            ) : null}
            <Link to="/standing-orders" className="btn btn-secondary">
              {t("common:nav.standingOrders")}
            </Link>
          </>
        }
      />
      {orders.length === 0 ? (
        <EmptyState
          title={t("orders.empty.title")}
          action={
            <Link to="/map" className="btn btn-primary">
              {t("orders.empty.findProducers")}
            </Link>
          }
        >
          {t("orders.empty.body")}
        </EmptyState>
      ) : (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("orders.columns.order")}</th>
                <th scope="col">{t("orders.columns.delivery")}</th>
                <th scope="col">{t("orders.columns.status")}</th>
                <th scope="col" className="num">
                  {t("totals.total")}
                </th>
                <th scope="col" className="num">
                  {t("orders.columns.co2e")}
                </th>
              </tr>
            </thead>
            <tbody>
              {orders.map((order) => (
                <tr key={order.id}>
                  <td>
                    <Link to={`/orders/${order.id}`}>{t("orders.number", { number: order.number })}</Link>
                    <div className="small muted">
                      {order.fulfilment === "DELIVERY"
                        ? t("orders.linesDelivery", { count: order.lineCount })
                        : t("orders.linesPickup", { count: order.lineCount })}
                    </div>
                  </td>
                  <td>{format.date(order.deliveryDate, order.timeZone)}</td>
                  <td>
                    <OrderStatusBadge
                      status={order.status}
                      paymentStatus={order.paymentStatus}
                      paymentMethod={order.paymentMethod}
                    />
                  </td>
                  <td className="num">{format.money(order.totalMinor, order.currency)}</td>
                  <td className="num">
                    {order.co2eGrams !== null
                      ? order.co2eIsAllocated
                        ? format.co2e(order.co2eGrams)
                        : t("orders.co2eEstimated", { co2e: format.co2e(order.co2eGrams) })
                      : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
