import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OrderCyclePicker } from "~/components/order-cycle-picker";
import { OrderStatusBadge } from "~/components/order-lines";
import { EmptyState, PageHeader, Stat } from "~/components/ui/page";
import { getHubOrders } from "~/services/order-views.server";
import orderingCss from "~/styles/ordering.css";
import { formatMoney, formatWeight } from "~/utils/format";
import { requireRole } from "~/utils/session.server";
import { TableWrap } from "~/components/ui/table-wrap";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orderingCss }];
export const meta: MetaFunction = () => [{ title: "Hub orders — Foodshed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "COORDINATOR");
  const data = await getHubOrders({ coordinatorId: user.id, cycleId: new URL(request.url).searchParams.get("cycle") });
  if (!data) throw new Response("Cycle not found", { status: 404 });
  return json(data);
}

export default function HubOrdersPage() {
  const data = useLoaderData<typeof loader>();
  if (!data.hub) return <EmptyState title="You do not coordinate a hub yet" />;
  const live = data.orders.filter((o) => o.status !== "CANCELLED");
  return (
    <>
      <PageHeader title={`Orders at ${data.hub.name}`} breadcrumbs={[{ to: "/hub", label: "Hub" }]} />
      <OrderCyclePicker cycles={data.cycles} selected={data.cycle?.id ?? null} />
      <dl className="stats">
        <Stat label="Orders" value={live.length} hint={`${data.orders.length - live.length} cancelled`} />
        <Stat
          label="Value"
          value={formatMoney(
            live.reduce((s, o) => s + o.totalMinor, 0),
            data.hub.currency,
          )}
        />
        <Stat label="Weight" value={formatWeight(live.reduce((s, o) => s + o.totalGrams, 0))} />
        <Stat
          label="Deliveries"
          value={live.filter((o) => o.fulfilment === "DELIVERY").length}
          hint={`${live.filter((o) => o.fulfilment === "PICKUP").length} pickups`}
        />
      </dl>
      {data.orders.length === 0 ? (
        <EmptyState title="No orders in this cycle yet" />
      ) : (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Buyer</th>
                <th scope="col">Fulfilment</th>
                <th scope="col">Status</th>
                <th scope="col">Payment</th>
                <th scope="col" className="num">
                  Weight
                </th>
                <th scope="col" className="num">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {data.orders.map((o) => (
                <tr key={o.id}>
                  <td>#{o.number}</td>
                  <td>
                    {o.buyerName}{" "}
                    <span className="small muted">{o.buyerKind === "RESTAURANT" ? "restaurant" : "household"}</span>
                  </td>
                  <td>{o.fulfilment === "DELIVERY" ? `Delivery: ${o.address ?? ""}` : "Pickup"}</td>
                  <td>
                    <OrderStatusBadge
                      status={o.status}
                      paymentStatus={o.paymentStatus}
                      paymentMethod={o.paymentMethod}
                    />
                  </td>
                  <td>
                    {o.paymentMethod === "CARD" ? "Card" : o.paymentMethod === "INVOICE" ? "Invoice" : "On delivery"}
                  </td>
                  <td className="num">{formatWeight(o.totalGrams)}</td>
                  <td className="num">{formatMoney(o.totalMinor, o.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
