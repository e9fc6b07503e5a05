import { DEFAULT_CURRENCY } from "~/domain/money";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { Card, EmptyState, PageHeader, Stat } from "~/components/ui/page";
import { getFarmDashboard } from "~/services/farm.server";
import discoveryCss from "~/styles/discovery.css";
import { farmStatusLabel } from "~/i18n/labels";
import { metaT } from "~/i18n/i18n";
import { requireRole } from "~/utils/session.server";
import { TableWrap } from "~/components/ui/table-wrap";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: discoveryCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "farmer")("dashboard.metaTitle") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const dashboard = await getFarmDashboard({ ownerId: user.id });
  if (!dashboard) return redirect("/farm/new");
  return json(dashboard);
}

export default function FarmDashboard() {
  const { farm, productCount, inStockCount, archivedCount, lowStock, openCycle } = useLoaderData<typeof loader>();
  const { t } = useTranslation("farmer");
  const format = useFormat();
  const currency = farm.hub?.currency ?? DEFAULT_CURRENCY;
  return (
    <>
      <PageHeader
        title={farm.name}
        description={
          farm.status === "ACTIVE" ? (
            <Trans
              t={t}
              i18nKey="dashboard.listed"
              values={{ path: `/farms/${farm.slug}` }}
              components={{ page: <Link to={`/farms/${farm.slug}`} /> }}
            />
          ) : (
            t("dashboard.notListed", { status: farmStatusLabel(farm.status, t) })
          )
        }
        actions={
          <>
            <Link to="/farm/products/new" className="btn btn-primary">
              {t("dashboard.addProduct")}
            </Link>
            <Link to="/farm/edit" className="btn btn-secondary">
              {t("dashboard.editFarm")}
            </Link>
            <Link to="/farm/payouts" className="btn btn-secondary">
              {t("dashboard.payouts")}
            </Link>
            <Link to="/farm/statements" className="btn btn-secondary">
              {t("dashboard.statements")}
            </Link>
          </>
        }
      />
      <dl className="stats">
        <Stat
          label={t("dashboard.stats.listed")}
          value={format.number(productCount)}
          hint={archivedCount ? t("dashboard.stats.archived", { count: archivedCount }) : undefined}
        />
        <Stat label={t("dashboard.stats.inStock")} value={format.number(inStockCount)} />
        <Stat label={t("dashboard.stats.lowStock")} value={format.number(lowStock.length)} />
        <Stat
          label={t("dashboard.stats.ordersThisCycle")}
          value={format.number(openCycle?.orderCount ?? 0)}
          hint={openCycle ? format.money(openCycle.totalMinor, currency) : t("dashboard.stats.noOpenCycle")}
        />
      </dl>
      <div className="grid grid-2" style={{ alignItems: "start" }}>
        <Card
          title={t("dashboard.lowStock.title")}
          actions={
            <Link to="/farm/products" className="btn btn-ghost btn-small">
              {t("dashboard.lowStock.allProducts")}
            </Link>
          }
        >
          {productCount === 0 ? (
            <EmptyState
              title={t("dashboard.noProducts.title")}
              action={
                <div className="row" style={{ justifyContent: "center" }}>
                  <Link to="/farm/products/new" className="btn btn-primary">
                    {t("dashboard.addProduct")}
                  </Link>
                  <Link to="/farm/products/import" className="btn btn-secondary">
                    {t("dashboard.noProducts.importCsv")}
                  </Link>
                </div>
              }
            >
              {t("dashboard.noProducts.body")}
            </EmptyState>
          ) : lowStock.length === 0 ? (
            <p className="muted">{t("dashboard.lowStock.none")}</p>
          ) : (
            <TableWrap>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("dashboard.lowStock.columns.product")}</th>
                    <th scope="col" className="num">
                      {t("dashboard.lowStock.columns.stock")}
                    </th>
                    <th scope="col" className="num">
                      {t("dashboard.lowStock.columns.alertAt")}
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
                            <span className="badge badge-danger">{t("dashboard.lowStock.soldOut")}</span>
                          </>
                        ) : null}
                      </td>
                      <td className="num">{format.quantity(product.stockMilli, product.unit)}</td>
                      <td className="num">{format.quantity(product.lowStockMilli, product.unit)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </Card>
        <Card title={t("dashboard.openCycle.title")}>
          {!openCycle ? (
            <p className="muted">{t("dashboard.openCycle.none")}</p>
          ) : (
            <>
              <p className="small muted">
                {t("dashboard.openCycle.summary", {
                  cycle: openCycle.cycle.name,
                  cutoff: format.dateTime(openCycle.cycle.cutoffAt, openCycle.cycle.hub.timeZone),
                  delivery: format.date(openCycle.cycle.deliveryDate, openCycle.cycle.hub.timeZone),
                })}
              </p>
              {openCycle.products.length === 0 ? (
                <p className="muted">{t("dashboard.openCycle.noOrders")}</p>
              ) : (
                <TableWrap>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t("dashboard.openCycle.columns.product")}</th>
                        <th scope="col" className="num">
                          {t("dashboard.openCycle.columns.ordered")}
                        </th>
                        <th scope="col" className="num">
                          {t("dashboard.openCycle.columns.orders")}
                        </th>
                        <th scope="col" className="num">
                          {t("dashboard.openCycle.columns.value")}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {openCycle.products.map((line) => (
                        <tr key={line.productId}>
                          <td>{line.productName}</td>
                          <td className="num">{format.quantity(line.quantityMilli, line.unit)}</td>
                          <td className="num">{format.number(line.orders)}</td>
                          <td className="num">{format.money(line.totalMinor, currency)}</td>
                        </tr>
                      ))}
                    </tbody>
                    <tfoot>
                      <tr>
                        <td>{t("dashboard.openCycle.total")}</td>
                        <td />
                        <td className="num">{format.number(openCycle.orderCount)}</td>
                        <td className="num">{format.money(openCycle.totalMinor, currency)}</td>
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
