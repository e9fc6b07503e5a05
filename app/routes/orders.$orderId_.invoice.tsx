import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { OrderLines } from "~/components/order-lines";
import { getOrderForBuyer } from "~/services/order.server";
import orderingCss from "~/styles/ordering.css";
import { formatDate, formatMoney } from "~/utils/format";
import { requireExactRole } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orderingCss }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Invoice ${data.order.number} — Foodshed` : "Invoice — Foodshed" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireExactRole(request, "BUYER");
  const order = await getOrderForBuyer({ buyerId: user.id, orderId: params.orderId ?? "" });
  if (!order || order.paymentMethod !== "INVOICE") throw new Response("Invoice not found", { status: 404 });
  return json({ order });
}

export default function InvoicePage() {
  const { order } = useLoaderData<typeof loader>();
  const tz = order.hub.timeZone;
  return (
    <article className="invoice" aria-labelledby="invoice-title">
      <div className="invoice-head">
        <div>
          <h1 id="invoice-title">Invoice FS-{String(order.number).padStart(6, "0")}</h1>
          <p style={{ margin: 0 }}>
            <strong>{order.hub.name}</strong>
            <br />
            {order.hub.depotAddress}
          </p>
        </div>
        <dl>
          <dt>Invoice date</dt>
          <dd>{formatDate(order.placedAt, tz)}</dd>
          <dt>Terms</dt>
          <dd>Net {order.invoiceTermsDays} days</dd>
          <dt>Due</dt>
          <dd data-testid="invoice-due">{order.invoiceDueAt ? formatDate(order.invoiceDueAt, tz) : "—"}</dd>
          <dt>Order</dt>
          <dd>#{order.number}</dd>
          <dt>Status</dt>
          <dd>
            {order.status === "CANCELLED"
              ? "Cancelled — nothing to pay"
              : order.paymentStatus === "PAID"
                ? "Paid"
                : "Unpaid"}
          </dd>
        </dl>
      </div>
      <p>
        <strong>Bill to:</strong> {order.buyer.name}, {order.buyer.email}
        {order.address ? `, ${order.address}` : ""}
      </p>
      <OrderLines
        groups={order.groups}
        currency={order.currency}
        subtotalMinor={order.subtotalMinor}
        deliveryFeeMinor={order.deliveryFeeMinor}
        totalMinor={order.totalMinor}
        totalGrams={order.totalGrams}
      />
      <p style={{ marginTop: "1rem" }}>
        Amount due: <strong>{formatMoney(order.status === "CANCELLED" ? 0 : order.totalMinor, order.currency)}</strong>.
        Please quote FS-{String(order.number).padStart(6, "0")} with your payment.
      </p>
      <p className="no-print row">
        <button type="button" className="btn btn-primary" onClick={() => window.print()}>
          Print invoice
        </button>
        <Link to={`/orders/${order.id}`}>Back to the order</Link>
      </p>
    </article>
  );
}
