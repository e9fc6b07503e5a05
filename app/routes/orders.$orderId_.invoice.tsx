import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { OrderLines } from "~/components/order-lines";
import { OrderAdjustments } from "~/components/orders/order-adjustments";
import { HowToPay } from "~/components/orders/payee";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { getInvoicePayee } from "~/services/hub.server";
import { getOrderForBuyer } from "~/services/order.server";
import orderingCss from "~/styles/ordering.css";
import { requireExactRole } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orderingCss }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches, "buyer");
  return [{ title: data ? t("invoice.metaTitle", { number: data.order.number }) : t("invoice.metaTitleUnknown") }];
};

/** The invoice's reference: FS-000042. */
const invoiceReference = (number: number) => `FS-${String(number).padStart(6, "0")}`;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireExactRole(request, "BUYER");
  const order = await getOrderForBuyer({ buyerId: user.id, orderId: params.orderId ?? "" });
  if (!order || order.paymentMethod !== "INVOICE")
    throw new Response(serverT("buyer")("invoice.notFound"), { status: 404 });
  // How to pay: the hub's payee and bank details (null when it set none).
  const payee = await getInvoicePayee({ orderId: order.id, buyerId: user.id });
  return json({ order, payee });
}

export default function InvoicePage() {
  const { t } = useTranslation("buyer");
  const format = useFormat();
  const { order, payee } = useLoaderData<typeof loader>();
  const tz = order.hub.timeZone;
  const reference = invoiceReference(order.number);
  const lines = order.groups.flatMap((g) => g.lines);
  const issued = {
    totalMinor: order.issuedTotalMinor ?? order.totalMinor,
    subtotalMinor: (order.issuedTotalMinor ?? order.totalMinor) - order.deliveryFeeMinor,
    totalGrams: lines.reduce((s, l) => s + (l.ordered?.grams ?? l.grams), 0),
  };
  return (
    <article className="invoice" aria-labelledby="invoice-title">
      <div className="invoice-head">
        <div>
          <h1 id="invoice-title">{t("invoice.title", { reference })}</h1>
          <p style={{ margin: 0 }}>
            <strong>{order.hub.name}</strong>
            <br />
            {order.hub.depotAddress}
          </p>
        </div>
        <dl>
          <dt>{t("invoice.date")}</dt>
          <dd>{format.date(order.placedAt, tz)}</dd>
          <dt>{t("invoice.terms")}</dt>
          <dd>{order.invoiceTermsDays !== null ? t("terms.netDays", { count: order.invoiceTermsDays }) : "—"}</dd>
          <dt>{t("invoice.due")}</dt>
          <dd data-testid="invoice-due">{order.invoiceDueAt ? format.date(order.invoiceDueAt, tz) : "—"}</dd>
          <dt>{t("invoice.order")}</dt>
          <dd>{t("orders.number", { number: order.number })}</dd>
          <dt>{t("invoice.status")}</dt>
          <dd>
            {order.status === "CANCELLED"
              ? t("invoice.statuses.cancelled")
              : order.paymentStatus === "PAID"
                ? t("invoice.statuses.paid")
                : t("invoice.statuses.unpaid")}
          </dd>
        </dl>
      </div>
      <p>
        <Trans
          t={t}
          i18nKey={order.address ? "invoice.billToAddress" : "invoice.billTo"}
          values={{ name: order.buyer.name, email: order.buyer.email, address: order.address }}
          components={{ strong: <strong /> }}
        />
      </p>
      {/* The invoice as issued: adjustments after the cut-off are its numbered notes, below. */}
      <OrderLines
        groups={order.groups}
        currency={order.currency}
        subtotalMinor={issued.subtotalMinor}
        deliveryFeeMinor={order.deliveryFeeMinor}
        totalMinor={issued.totalMinor}
        totalGrams={issued.totalGrams}
        asIssued
      />
      <OrderAdjustments
        adjustments={order.adjustments}
        currency={order.currency}
        timeZone={tz}
        issuedTotalMinor={order.issuedTotalMinor}
        totalMinor={order.totalMinor}
      />
      <p style={{ marginTop: "1rem" }}>
        <Trans
          t={t}
          i18nKey="invoice.amountDue"
          values={{
            amount: format.money(order.status === "CANCELLED" ? 0 : order.totalMinor, order.currency),
            reference,
          }}
          components={{ strong: <strong /> }}
        />
      </p>
      <HowToPay payee={payee} reference={reference} />
      <p className="no-print row">
        <button type="button" className="btn btn-primary" onClick={() => window.print()}>
          {t("invoice.print")}
        </button>
        <Link to={`/orders/${order.id}`}>{t("invoice.back")}</Link>
      </p>
    </article>
  );
}
