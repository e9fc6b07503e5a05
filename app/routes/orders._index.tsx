import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { OrderStatusBadge } from "~/components/order-lines";
import { EmptyState, PageHeader } from "~/components/ui/page";
import { formatCo2e } from "~/domain/carbon/format";
import { getOrderHistory } from "~/services/order.server";
import orderingCss from "~/styles/ordering.css";
import { formatDate, formatMoney } from "~/utils/format";
import { requireExactRole } from "~/utils/session.server";
import { TableWrap } from "~/components/ui/table-wrap";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orderingCss }];
export const meta: MetaFunction = () => [{ title: "My orders — Foodshed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireExactRole(request, "BUYER");
  return json({ orders: await getOrderHistory({ buyerId: user.id }) });
}

export default function OrdersPage() {
  const { orders } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="My orders"
        actions={
          <Link to="/standing-orders" className="btn btn-secondary">
            Standing orders
          </Link>
        }
      />
      {orders.length === 0 ? (
        <EmptyState
          title="No orders yet"
          action={
            <Link to="/map" className="btn btn-primary">
              Find producers
            </Link>
          }
        >
          When you place an order it appears here with its status and its food miles.
        </EmptyState>
      ) : (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Delivery</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col" className="num">
                  CO2e
                </th>
              </tr>
            </thead>
            <tbody>
              {orders.map((order) => (
                <tr key={order.id}>
                  <td>
                    <Link to={`/orders/${order.id}`}>#{order.number}</Link>
                    <div className="small muted">
                      {order.lineCount} item{order.lineCount === 1 ? "" : "s"} ·{" "}
                      {order.fulfilment === "DELIVERY" ? "delivery" : "pickup"}
                    </div>
                  </td>
                  <td>{formatDate(order.deliveryDate)}</td>
                  <td>
                    <OrderStatusBadge
                      status={order.status}
                      paymentStatus={order.paymentStatus}
                      paymentMethod={order.paymentMethod}
                    />
                  </td>
                  <td className="num">{formatMoney(order.totalMinor, order.currency)}</td>
                  <td className="num">
                    {order.co2eGrams !== null
                      ? `${formatCo2e(order.co2eGrams)}${order.co2eIsAllocated ? "" : " (est.)"}`
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
