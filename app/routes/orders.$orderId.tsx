import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { OrderCarbon } from "~/components/carbon/order-carbon";
import { carbonStylesheet } from "~/components/carbon/styles";
import { isAbandonedPayment, OrderLines, OrderStatusBadge } from "~/components/order-lines";
import { SubmitButton } from "~/components/ui/button";
import { Alert, Card, PageHeader } from "~/components/ui/page";
import { getBuyerOrder } from "~/models/order.server";
import { reconcileCheckoutSession } from "~/services/payment.server";
import { OrderChangeForm } from "~/components/order-change-form";
import { cancelOrderForBuyer, changeOrderForBuyer, getOrderForBuyer } from "~/services/order.server";
import { formatMoney } from "~/utils/format";
import { createStandingOrderFromOrder } from "~/services/standing-order.server";
import orderingCss from "~/styles/ordering.css";
import { formatDate, formatDateTime, formatTimeLeft } from "~/utils/format";
import { redirectWithToast, requireExactRole } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orderingCss }, carbonStylesheet];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Order #${data.order.number} — Foodshed` : "Order — Foodshed" },
];

const OrderActionSchema = z.object({ intent: z.enum(["cancel", "repeat", "change"], { error: "Unknown action" }) });
/** intent=change: one `quantity.<lineId>` field per line the buyer may have changed. */
const ChangeLinesSchema = z
  .array(
    z.object({
      id: z.string().min(1).max(64),
      quantity: z.string().max(20, { error: "Enter a quantity like 2 or 1.5" }),
    }),
  )
  .min(1, { error: "No quantities were sent." })
  .max(500);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireExactRole(request, "BUYER");
  const orderId = params.orderId ?? "";
  const sessionId = new URL(request.url).searchParams.get("session_id");
  if (sessionId) await reconcileCheckoutSession({ orderId, buyerId: user.id, sessionId });
  const order = await getOrderForBuyer({ buyerId: user.id, orderId });
  if (!order) throw new Response("Order not found", { status: 404 });
  return json({ order, distanceUnit: user.distanceUnit, justPaid: Boolean(sessionId) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireExactRole(request, "BUYER");
  const orderId = params.orderId ?? "";
  // Someone else's order is not found, whatever the form says.
  if (!(await getBuyerOrder({ id: orderId, buyerId: user.id }))) throw new Response("Order not found", { status: 404 });
  const form = await request.formData();
  const submission = parseWithZod(form, { schema: OrderActionSchema });
  if (submission.status !== "success") return json({ message: "Unknown action." }, { status: 400 });
  if (submission.value.intent === "change") {
    const lines = ChangeLinesSchema.safeParse(
      [...form.entries()]
        .filter(([key]) => key.startsWith("quantity."))
        .map(([key, value]) => ({ id: key.slice("quantity.".length), quantity: String(value) })),
    );
    if (!lines.success)
      return json({ message: lines.error.issues[0]?.message ?? "Check the quantities." }, { status: 400 });
    const result = await changeOrderForBuyer({
      buyerId: user.id,
      orderId,
      quantities: new Map(lines.data.map((l) => [l.id, l.quantity])),
    });
    if (!result.ok) {
      if (result.status === 404) throw new Response("Order not found", { status: 404 });
      return json(
        { change: { formErrors: result.formErrors, lineErrors: result.lineErrors } },
        { status: result.status },
      );
    }
    return redirectWithToast(
      request,
      `/orders/${orderId}`,
      result.changed
        ? `Order updated. New total ${formatMoney(result.totalMinor, result.currency)} (was ${formatMoney(result.previousTotalMinor, result.currency)}).`
        : "Nothing to change: the quantities are as ordered.",
    );
  }
  if (submission.value.intent === "repeat") {
    const result = await createStandingOrderFromOrder({ buyerId: user.id, orderId });
    if (!result.ok) return json({ message: result.message }, { status: result.status });
    return redirectWithToast(
      request,
      `/standing-orders#standing-${result.id}`,
      result.existing
        ? "This order already repeats every cycle: here is its standing order."
        : "Standing order created: it will repeat in every new cycle.",
    );
  }
  const result = await cancelOrderForBuyer({ buyerId: user.id, orderId });
  if (!result.ok) return json({ message: result.message }, { status: result.status });
  return redirectWithToast(
    request,
    `/orders/${orderId}`,
    result.refunded ? "Order cancelled. Your payment is being refunded." : "Order cancelled.",
  );
}

const PAYMENT_TEXT: Record<string, string> = {
  CARD: "Card (Stripe)",
  ON_DELIVERY: "Pay on delivery or pickup",
  INVOICE: "Invoice",
};

function minuteLabel(minute: number) {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

export default function OrderPage() {
  const { order, distanceUnit, justPaid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const tz = order.hub.timeZone;
  return (
    <>
      <PageHeader
        title={`Order #${order.number}`}
        breadcrumbs={[{ to: "/orders", label: "My orders" }]}
        description={
          <OrderStatusBadge
            status={order.status}
            paymentStatus={order.paymentStatus}
            paymentMethod={order.paymentMethod}
          />
        }
        actions={
          order.paymentMethod === "INVOICE" ? (
            <Link to={`/orders/${order.id}/invoice`} className="btn btn-secondary">
              Invoice
            </Link>
          ) : undefined
        }
      />
      {actionData && "message" in actionData ? <Alert tone="error">{actionData.message}</Alert> : null}
      {order.status === "CONFIRMED" && order.paymentStatus === "PAID" && justPaid ? (
        <Alert tone="success">Payment received. Your order is confirmed.</Alert>
      ) : null}
      {order.status === "PENDING_PAYMENT" ? (
        <Alert tone="warning">
          We are waiting for the card payment to be confirmed. The food is held for you until{" "}
          {order.expiresAt ? formatDateTime(order.expiresAt, tz) : "the payment window ends"}; refresh in a moment.
        </Alert>
      ) : null}
      {isAbandonedPayment(order) ? (
        <Alert tone="info">
          The card payment for this order was not completed, so nothing was ordered and nothing was charged. Your basket
          is where you left it.
        </Alert>
      ) : order.status === "CANCELLED" ? (
        <Alert tone="info">This order was cancelled{order.failureReason ? `: ${order.failureReason}` : "."}</Alert>
      ) : null}
      <div className="order-layout">
        <div className="stack">
          <OrderLines
            groups={order.groups}
            currency={order.currency}
            subtotalMinor={order.subtotalMinor}
            deliveryFeeMinor={order.deliveryFeeMinor}
            totalMinor={order.totalMinor}
            totalGrams={order.totalGrams}
          />
          {order.canChange ? (
            <OrderChangeForm
              groups={order.groups}
              cutoffText={`${formatDateTime(order.cycle.cutoffAt, tz)}, ${formatTimeLeft(order.cycle.cutoffAt)} left`}
              formErrors={actionData && "change" in actionData ? actionData.change.formErrors : []}
              lineErrors={actionData && "change" in actionData ? actionData.change.lineErrors : {}}
            />
          ) : null}
        </div>
        <aside className="stack">
          <Card title="Delivery">
            <div className="summary" style={{ margin: 0 }}>
              <p style={{ margin: 0 }}>
                <strong>{order.fulfilment === "DELIVERY" ? "Home delivery" : `Pickup at ${order.hub.name}`}</strong>
              </p>
              <p className="small" style={{ margin: 0 }}>
                {order.fulfilment === "DELIVERY" ? order.address : order.hub.depotAddress}
              </p>
              <p className="small" style={{ margin: "0.5rem 0 0" }}>
                {order.cycle.name}: {formatDate(order.cycle.deliveryDate, tz)}
                {order.slot ? `, ${minuteLabel(order.slot.startMinute)}–${minuteLabel(order.slot.endMinute)}` : ""}
              </p>
              {order.contactPhone ? (
                <p className="small" style={{ margin: "0.5rem 0 0" }}>
                  Phone for the driver: <a href={`tel:${order.contactPhone}`}>{order.contactPhone}</a>
                </p>
              ) : null}
              {order.notes ? (
                <p className="small" style={{ margin: "0.25rem 0 0", whiteSpace: "pre-line" }}>
                  Notes for the driver: {order.notes}
                </p>
              ) : null}
              <p className="small muted" style={{ margin: 0 }}>
                Payment: {PAYMENT_TEXT[order.paymentMethod]}
                {order.invoiceDueAt ? `, due ${formatDate(order.invoiceDueAt, tz)}` : ""}
              </p>
            </div>
          </Card>
          {order.canCancel || order.canRepeat ? (
            <Card title="Changes">
              {order.changeNote ? <p className="small">{order.changeNote}</p> : null}
              {order.canCancel ? (
                <Form method="post" style={{ marginBottom: "0.75rem" }}>
                  <p className="small">
                    You can cancel until the cut-off ({formatDateTime(order.cycle.cutoffAt, tz)},{" "}
                    {formatTimeLeft(order.cycle.cutoffAt)} left). The food goes back on sale
                    {order.paymentStatus === "PAID" ? " and your card is refunded" : ""}.
                  </p>
                  <SubmitButton
                    name="intent"
                    value="cancel"
                    variant="danger"
                    pendingText="Cancelling…"
                    confirm={`Cancel order #${order.number}? The food goes back on sale${order.paymentStatus === "PAID" ? " and your card is refunded" : ""}. This cannot be undone.`}
                  >
                    Cancel order
                  </SubmitButton>
                </Form>
              ) : null}
              {order.canRepeat && order.status !== "PENDING_PAYMENT" ? (
                <Form method="post">
                  <SubmitButton name="intent" value="repeat" variant="secondary" pendingText="Saving…">
                    Repeat every cycle
                  </SubmitButton>
                </Form>
              ) : null}
            </Card>
          ) : null}
        </aside>
      </div>
      {order.status === "CANCELLED" ? null : (
        <div className="order-carbon">
          <OrderCarbon
            estFoodMetres={order.estFoodMetres}
            estCo2eGrams={order.estCo2eGrams}
            allocFoodMetres={order.allocFoodMetres}
            allocCo2eGrams={order.allocCo2eGrams}
            carbonMethodVersion={order.carbonMethodVersion}
            carbonFactorSet={order.carbonFactorSet}
            carbonDetail={order.carbonDetail}
            distanceUnit={distanceUnit}
          />
        </div>
      )}
    </>
  );
}
