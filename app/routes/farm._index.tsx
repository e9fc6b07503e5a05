import { DEFAULT_CURRENCY } from "~/domain/money";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Card, EmptyState, PageHeader, Stat } from "~/components/ui/page";
import { formatQuantity } from "~/domain/quantity";
import { getFarmDashboard } from "~/services/farm.server";
import discoveryCss from "~/styles/discovery.css";
import { formatDate, formatDateTime, formatMoney } from "~/utils/format";
import { requireRole } from "~/utils/session.server";
import { TableWrap } from "~/components/ui/table-wrap";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: discoveryCss }];
export const meta: MetaFunction = () => [{ title: "My farm — Foodshed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const dashboard = await getFarmDashboard({ ownerId: user.id });
  if (!dashboard) return redirect("/farm/new");
  return json(dashboard);
}

export default function FarmDashboard() {
  const { farm, productCount, inStockCount, archivedCount, lowStock, openCycle } = useLoaderData<typeof loader>();
  const currency = farm.hub?.currency ?? DEFAULT_CURRENCY;
  return (
    <>
      <PageHeader
        title={farm.name}
        description={
          farm.status === "ACTIVE" ? (
            <>
              Listed on the producers map. Public page: <Link to={`/farms/${farm.slug}`}>/farms/{farm.slug}</Link>
            </>
          ) : (
            `Your farm is ${farm.status.toLowerCase()}: buyers cannot see it. Contact the hub to reactivate it.`
          )
        }
        actions={
          <>
            <Link to="/farm/products/new" className="btn btn-primary">
              Add a product
            </Link>
            <Link to="/farm/edit" className="btn btn-secondary">
              Edit farm
            </Link>
          </>
        }
      />
      <dl className="stats">
        <Stat
          label="Products listed"
          value={productCount}
          hint={archivedCount ? `${archivedCount} archived` : undefined}
        />
        <Stat label="In stock" value={inStockCount} />
        <Stat label="Low on stock" value={lowStock.length} />
        <Stat
          label="Orders this cycle"
          value={openCycle?.orderCount ?? 0}
          hint={openCycle ? formatMoney(openCycle.totalMinor, currency) : "No open cycle"}
        />
      </dl>
      <div className="grid grid-2" style={{ alignItems: "start" }}>
        <Card
          title="Low on stock"
          actions={
            <Link to="/farm/products" className="btn btn-ghost btn-small">
              All products
            </Link>
          }
        >
          {productCount === 0 ? (
            <EmptyState
              title="No products yet"
              action={
                <div className="row" style={{ justifyContent: "center" }}>
                  <Link to="/farm/products/new" className="btn btn-primary">
                    Add a product
                  </Link>
                  <Link to="/farm/products/import" className="btn btn-secondary">
                    Import a CSV
                  </Link>
                </div>
              }
            >
              Add what you sell so buyers can find you on the map.
            </EmptyState>
          ) : lowStock.length === 0 ? (
            <p className="muted">Every product is above its low-stock alert level.</p>
          ) : (
            <TableWrap>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Product</th>
                    <th scope="col" className="num">
                      Stock
                    </th>
                    <th scope="col" className="num">
                      Alert at
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {lowStock.map((product) => (
                    <tr key={product.id}>
                      <td>
                        <Link to={`/farm/products/${product.id}`}>{product.name}</Link>
                        {product.stockMilli === 0 ? (
                          <>
                            {" "}
                            <span className="badge badge-danger">Sold out</span>
                          </>
                        ) : null}
                      </td>
                      <td className="num">{formatQuantity(product.stockMilli, product.unit)}</td>
                      <td className="num">{formatQuantity(product.lowStockMilli, product.unit)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </Card>
        <Card title="Orders for the open cycle">
          {!openCycle ? (
            <p className="muted">
              No delivery cycle is open for ordering right now. Orders appear here as buyers place them.
            </p>
          ) : (
            <>
              <p className="small muted">
                {openCycle.cycle.name}: ordering closes {formatDateTime(openCycle.cycle.cutoffAt)}, delivery{" "}
                {formatDate(openCycle.cycle.deliveryDate)}.
              </p>
              {openCycle.products.length === 0 ? (
                <p className="muted">No orders for your products yet in this cycle.</p>
              ) : (
                <TableWrap>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Product</th>
                        <th scope="col" className="num">
                          Ordered
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
                      {openCycle.products.map((line) => (
                        <tr key={line.productId}>
                          <td>{line.productName}</td>
                          <td className="num">{formatQuantity(line.quantityMilli, line.unit)}</td>
                          <td className="num">{line.orders}</td>
                          <td className="num">{formatMoney(line.totalMinor, currency)}</td>
                        </tr>
                      ))}
                    </tbody>
                    <tfoot>
                      <tr>
                        <td>Total</td>
                        <td />
                        <td className="num">{openCycle.orderCount}</td>
                        <td className="num">{formatMoney(openCycle.totalMinor, currency)}</td>
                      </tr>
                    </tfoot>
                  </table>
                </TableWrap>
              )}
            </>
          )}
        </Card>
      </div>
    </>
  );
}
