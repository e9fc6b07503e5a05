import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OrderCyclePicker } from "~/components/order-cycle-picker";
import { EmptyState, PageHeader } from "~/components/ui/page";
import { formatQuantity } from "~/domain/basket";
import { getFarmOrders } from "~/services/order-views.server";
import orderingCss from "~/styles/ordering.css";
import { formatMoney, formatWeight } from "~/utils/format";
import { requireRole } from "~/utils/session.server";
import type { Unit } from "~generated/prisma/enums.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orderingCss }];
export const meta: MetaFunction = () => [{ title: "Orders for my farm — Foodshed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const data = await getFarmOrders({ ownerId: user.id, cycleId: new URL(request.url).searchParams.get("cycle") });
  if (!data) throw new Response("Cycle not found", { status: 404 });
  return json(data);
}

export default function FarmOrdersPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Orders for my farm"
        description={
          data.cycle
            ? `${data.cycle.name}: what buyers ordered from ${data.farms.map((f) => f.name).join(", ")}.`
            : undefined
        }
      />
      <OrderCyclePicker cycles={data.cycles} selected={data.cycle?.id ?? null} />
      {data.lines.length === 0 ? (
        <EmptyState title="No orders in this cycle yet">
          Orders appear here as buyers place them, until the cut-off.
        </EmptyState>
      ) : (
        <>
          <h2>To pick</h2>
          <div className="table-wrap" style={{ marginBottom: "1.5rem" }}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col" className="num">
                    Quantity
                  </th>
                  <th scope="col" className="num">
                    Weight
                  </th>
                  <th scope="col" className="num">
                    Orders
                  </th>
                  <th scope="col" className="num">
                    Value
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.totals.map((t) => (
                  <tr key={t.productName}>
                    <td>{t.productName}</td>
                    <td className="num">{formatQuantity(t.quantityMilli, t.unit as Unit)}</td>
                    <td className="num">{formatWeight(t.grams)}</td>
                    <td className="num">{t.orders}</td>
                    <td className="num">{formatMoney(t.totalMinor)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>Order lines</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Buyer</th>
                  <th scope="col">Product</th>
                  <th scope="col" className="num">
                    Quantity
                  </th>
                  <th scope="col" className="num">
                    Value
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.lines.map((l) => (
                  <tr key={l.id}>
                    <td>#{l.orderNumber}</td>
                    <td>{l.buyerName}</td>
                    <td>
                      {l.productName} {l.wholesaleApplied ? <span className="badge badge-info">Wholesale</span> : null}
                    </td>
                    <td className="num">{formatQuantity(l.quantityMilli, l.unit as Unit)}</td>
                    <td className="num">{formatMoney(l.lineTotalMinor)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
