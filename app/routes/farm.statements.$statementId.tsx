// One statement of the farmer's own farm, printable (docs/decisions/037): every line sold as packed,
// gross, the hub's commission, net, and the payout. Another farm's statement, or one not approved
// yet, is not found (404).
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { getOwnStatement } from "~/services/statement.server";
import orderingCss from "~/styles/ordering.css";
import { requireRole } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orderingCss }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches, "farmer");
  return [{ title: data ? t("statement.metaTitle", { cycle: data.statement.cycleName }) : t("statements.metaTitle") }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const statement = await getOwnStatement({ ownerId: user.id, statementId: params.statementId ?? "" });
  if (!statement) throw new Response(serverT("farmer")("statement.notFound"), { status: 404 });
  return json({ statement });
}

export default function FarmStatementPage() {
  const { statement: s } = useLoaderData<typeof loader>();
  const { t } = useTranslation("farmer");
  const format = useFormat();
  const quantity = (milli: number) => format.number(milli / 1000, { maximumFractionDigits: 3 });
  return (
    <article className="invoice" aria-labelledby="statement-title">
      <div className="invoice-head">
        <div>
          <h1 id="statement-title">{t("statement.title", { cycle: s.cycleName })}</h1>
          <p style={{ margin: 0 }}>
            <strong>{s.farmName}</strong>
            {s.farmAddress ? (
              <>
                <br />
                {s.farmAddress}
              </>
            ) : null}
          </p>
        </div>
        <dl>
          <dt>{t("statement.hub")}</dt>
          <dd>{s.hubName}</dd>
          <dt>{t("statement.delivery")}</dt>
          <dd>{format.date(s.deliveryDate)}</dd>
          <dt>{t("statement.approved")}</dt>
          <dd>{s.approvedAt ? format.date(s.approvedAt) : "—"}</dd>
          <dt>{t("statement.status")}</dt>
          <dd data-testid="statement-status">{t(`statement.statuses.${s.status}`)}</dd>
        </dl>
      </div>
      <div className="table-wrap">
        <table data-testid="statement-lines">
          <caption className="visually-hidden">{t("statement.linesCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("statement.order")}</th>
              <th scope="col">{t("statement.product")}</th>
              <th scope="col" className="num">
                {t("statement.quantity")}
              </th>
              <th scope="col" className="num">
                {t("statement.unitPrice")}
              </th>
              <th scope="col" className="num">
                {t("statement.lineTotal")}
              </th>
            </tr>
          </thead>
          <tbody>
            {s.lines.length === 0 ? (
              <tr>
                <td colSpan={5} className="muted">
                  {t("statement.noLines")}
                </td>
              </tr>
            ) : (
              s.lines.map((line, index) => (
                <tr key={`${line.orderId}-${index}`}>
                  <td>{t("statement.orderNumber", { number: line.orderNumber })}</td>
                  <td>{line.productName}</td>
                  <td className="num">
                    {quantity(line.quantityMilli)} {t(`units.symbol.${line.unit}`)}
                  </td>
                  <td className="num">{format.money(line.unitPriceMinor, s.currency)}</td>
                  <td className="num">
                    {format.money(line.lineTotalMinor, s.currency)}
                    {line.orderedTotalMinor !== null && line.orderedTotalMinor !== line.lineTotalMinor ? (
                      <>
                        <br />
                        <span className="small muted">
                          {t("statement.ordered", { amount: format.money(line.orderedTotalMinor, s.currency) })}
                        </span>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                {t("statement.gross")}
              </th>
              <td className="num" data-testid="statement-gross">
                {format.money(s.grossMinor, s.currency)}
              </td>
            </tr>
            <tr>
              <th scope="row" colSpan={4}>
                {t("statement.commission", {
                  percent: format.number(s.commissionBasisPoints / 100, { maximumFractionDigits: 2 }),
                })}
              </th>
              <td className="num" data-testid="statement-commission">
                {format.money(0 - s.commissionMinor, s.currency)}
              </td>
            </tr>
            <tr>
              <th scope="row" colSpan={4}>
                {t("statement.net")}
              </th>
              <td className="num" data-testid="statement-net">
                <strong>{format.money(s.netMinor, s.currency)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p data-testid="statement-payout">
        {s.status === "PAID"
          ? s.payoutMethod === "STRIPE"
            ? t("statement.paidStripe", { date: format.date(s.paidAt ?? s.deliveryDate), transfer: s.stripeTransferId })
            : t("statement.paidBank", { date: format.date(s.paidAt ?? s.deliveryDate), reference: s.payoutReference })
          : t("statement.notPaidYet")}
        {s.reversedMinor > 0
          ? ` ${t("statement.reversed", { amount: format.money(s.reversedMinor, s.currency) })}`
          : null}
      </p>
      <p className="no-print row">
        <button type="button" className="btn btn-primary" onClick={() => window.print()}>
          {t("statement.print")}
        </button>
        <a className="btn btn-secondary" href={`/farm/statements/${s.id}.csv`} download>
          {t("statement.downloadCsv")}
        </a>
        <Link to="/farm/statements">{t("statement.back")}</Link>
      </p>
    </article>
  );
}
