import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { OrderCyclePicker } from "~/components/order-cycle-picker";
import { EmptyState, PageHeader } from "~/components/ui/page";
import { formatQuantity } from "~/domain/basket";
import { getFarmOrders } from "~/services/order-views.server";
import orderingCss from "~/styles/ordering.css";
import { formatMoney, formatWeight } from "~/utils/format";
import { requireRole } from "~/utils/session.server";
import type { Unit } from "~generated/prisma/enums.ts";
import { TableWrap } from "~/components/ui/table-wrap";

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
        actions={
          data.cycle && data.lines.length > 0 ? (
            <>
              <Button variant="secondary" onClick={() => window.print()}>
                Print pick list
              </Button>
              <a
                className="btn btn-secondary"
                href={`/farm/orders.csv?cycle=${encodeURIComponent(data.cycle.id)}`}
                download
              >
                Download CSV
              </a>
            </>
          ) : undefined
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
          <p className="small muted no-print">
            Products marked <ChilledMark /> go in the cold box. Tick each line as you pick it; on paper, the Picked
            column is an empty box.
          </p>
          <TableWrap className="pick-list" style={{ marginBottom: "1.5rem" }}>
            <table>
              <caption className="visually-hidden">Products to pick</caption>
              <thead>
                <tr>
                  <th scope="col" className="pick-tick">
                    Picked
                  </th>
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
                    <td className="pick-tick">
                      <input type="checkbox" aria-label={`Picked ${t.productName}`} />
                    </td>
                    <td>
                      {t.productName} {t.chilled ? <ChilledMark /> : null}
                    </td>
                    <td className="num">{formatQuantity(t.quantityMilli, t.unit as Unit)}</td>
                    <td className="num">{formatWeight(t.grams)}</td>
                    <td className="num">{t.orders}</td>
                    <td className="num">{formatMoney(t.totalMinor, data.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <h2>Order lines</h2>
          <TableWrap className="pick-list">
            <table>
              <caption className="visually-hidden">Order lines</caption>
              <thead>
                <tr>
                  <th scope="col" className="pick-tick">
                    Picked
                  </th>
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
                    <td className="pick-tick">
                      <input type="checkbox" aria-label={`Picked order ${l.orderNumber}: ${l.productName}`} />
                    </td>
                    <td>#{l.orderNumber}</td>
                    <td>{l.buyerName}</td>
                    <td>
                      {l.productName} {l.chilled ? <ChilledMark /> : null}{" "}
                      {l.wholesaleApplied ? <span className="badge badge-info">Wholesale</span> : null}
                    </td>
                    <td className="num">{formatQuantity(l.quantityMilli, l.unit as Unit)}</td>
                    <td className="num">{formatMoney(l.lineTotalMinor, data.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </>
  );
}

/** Chilled goods: a word and a symbol, never colour alone. */
function ChilledMark() {
  return (
    <span className="badge badge-info chilled-mark">
      <span aria-hidden="true">❄ </span>Chilled
    </span>
  );
}
