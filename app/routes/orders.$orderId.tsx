import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { OrderCarbon } from "~/components/carbon/order-carbon";
import { StopOutcome } from "~/components/delivery/stop-outcome";
import { OrderDeliveryProgress } from "~/components/delivery-progress";
import { carbonStylesheet } from "~/components/carbon/styles";
import { isAbandonedPayment, OrderLines, OrderStatusBadge } from "~/components/order-lines";
import { useFormat } from "~/components/i18n";
import { SubmitButton } from "~/components/ui/button";
import { Alert, Card, PageHeader } from "~/components/ui/page";
import { getBuyerOrder } from "~/models/order.server";
import { getOrderDeliveryOutcome } from "~/services/delivery.server";
import { reconcileCheckoutSession } from "~/services/payment.server";
import { getOrderDeliveryProgress } from "~/services/delivery-progress.server";
import { OrderChangeForm } from "~/components/order-change-form";
import { OrderAdjustments } from "~/components/orders/order-adjustments";
import { cancelOrderForBuyer, changeOrderForBuyer, getOrderForBuyer } from "~/services/order.server";
import { lazyT, metaT } from "~/i18n/i18n";
import { serverFormat, serverT } from "~/i18n/i18n.server";
import { createStandingOrderFromOrder } from "~/services/standing-order.server";
import orderingCss from "~/styles/ordering.css";
import { redirectWithToast, requireExactRole } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orderingCss }, carbonStylesheet];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches, "buyer");
  return [{ title: data ? t("order.metaTitle", { number: data.order.number }) : t("order.metaTitleUnknown") }];
};

const OrderActionSchema = z.object({
  intent: z.enum(["cancel", "repeat", "change"], { error: lazyT("buyer:order.errors.unknownAction") }),
});
/** intent=change: one `quantity.<lineId>` field per line the buyer may have changed. */
const ChangeLinesSchema = z
  .array(
    z.object({
      id: z.string().min(1).max(64),
      quantity: z.string().max(20, { error: lazyT("buyer:quantity.likeExample") }),
    }),
  )
  .min(1, { error: lazyT("buyer:quantity.noneSent") })
  .max(500);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireExactRole(request, "BUYER");
  const orderId = params.orderId ?? "";
  const sessionId = new URL(request.url).searchParams.get("session_id");
  if (sessionId) await reconcileCheckoutSession({ orderId, buyerId: user.id, sessionId });
  const order = await getOrderForBuyer({ buyerId: user.id, orderId });
  if (!order) throw new Response(serverT("buyer")("order.notFound"), { status: 404 });
  // Each delivery part's outcome and proof, once a driver marked it (docs/decisions/032).
  const delivery = await getOrderDeliveryOutcome({ orderId, buyerId: user.id });
  // While it is out for delivery: where the van is (docs/decisions/033); the page polls this loader.
  const progress = await getOrderDeliveryProgress({ buyerId: user.id, orderId });
  return json({ order, distanceUnit: user.distanceUnit, justPaid: Boolean(sessionId), delivery, progress });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireExactRole(request, "BUYER");
  const orderId = params.orderId ?? "";
  const t = serverT("buyer");
  // Someone else's order is not found, whatever the form says.
  if (!(await getBuyerOrder({ id: orderId, buyerId: user.id })))
    throw new Response(t("order.notFound"), { status: 404 });
  const form = await request.formData();
  const submission = parseWithZod(form, { schema: OrderActionSchema });
  if (submission.status !== "success") return json({ message: t("order.errors.unknownActionSent") }, { status: 400 });
  if (submission.value.intent === "change") {
    const lines = ChangeLinesSchema.safeParse(
      [...form.entries()]
        .filter(([key]) => key.startsWith("quantity."))
        .map(([key, value]) => ({ id: key.slice("quantity.".length), quantity: String(value) })),
    );
    if (!lines.success)
      return json({ message: lines.error.issues[0]?.message ?? t("quantity.check") }, { status: 400 });
    const result = await changeOrderForBuyer({
      buyerId: user.id,
      orderId,
      quantities: new Map(lines.data.map((l) => [l.id, l.quantity])),
    });
    if (!result.ok) {
      if (result.status === 404) throw new Response(t("order.notFound"), { status: 404 });
      return json(
        { change: { formErrors: result.formErrors, lineErrors: result.lineErrors } },
        { status: result.status },
      );
    }
    const format = serverFormat();
    return redirectWithToast(
      request,
      `/orders/${orderId}`,
      result.changed
        ? t("order.toast.changed", {
            total: format.money(result.totalMinor, result.currency),
            previous: format.money(result.previousTotalMinor, result.currency),
          })
        : t("order.toast.unchanged"),
    );
  }
  if (submission.value.intent === "repeat") {
    const result = await createStandingOrderFromOrder({ buyerId: user.id, orderId });
    if (!result.ok) return json({ message: result.message }, { status: result.status });
    return redirectWithToast(
      request,
      `/standing-orders#standing-${result.id}`,
      result.existing ? t("order.toast.alreadyRepeats") : t("order.toast.repeats"),
    );
  }
  const result = await cancelOrderForBuyer({ buyerId: user.id, orderId });
  if (!result.ok) return json({ message: result.message }, { status: result.status });
  return redirectWithToast(
    request,
    `/orders/${orderId}`,
    result.refunded ? t("order.toast.cancelledRefunded") : t("order.toast.cancelled"),
  );
}

function minuteLabel(minute: number) {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

export default function OrderPage() {
  const { t } = useTranslation("buyer");
  const format = useFormat();
  const { order, distanceUnit, justPaid, delivery: deliveryParts, progress } = useLoaderData<typeof loader>();
  const marked = deliveryParts.filter((part) => part.outcome.status !== "PENDING");
  const actionData = useActionData<typeof action>();
  const tz = order.hub.timeZone;
  const cutoff = { cutoff: format.dateTime(order.cycle.cutoffAt, tz), timeLeft: format.timeLeft(order.cycle.cutoffAt) };
  const paid = order.paymentStatus === "PAID";
  const delivery = format.date(order.cycle.deliveryDate, tz);
  return (
    <>
      <PageHeader
        title={t("order.title", { number: order.number })}
        breadcrumbs={[{ to: "/orders", label: t("common:nav.myOrders") }]}
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
              {t("order.invoice")}
            </Link>
          ) : undefined
        }
      />
      {actionData && "message" in actionData ? <Alert tone="error">{actionData.message}</Alert> : null}
      {order.status === "CONFIRMED" && order.paymentStatus === "PAID" && justPaid ? (
        <Alert tone="success">{t("order.alerts.paid")}</Alert>
      ) : null}
      {order.status === "PENDING_PAYMENT" ? (
        <Alert tone="warning">
          {order.expiresAt
            ? t("order.alerts.pendingUntil", { until: format.dateTime(order.expiresAt, tz) })
            : t("order.alerts.pending")}
        </Alert>
      ) : null}
      {isAbandonedPayment(order) ? (
        <Alert tone="info">{t("order.alerts.abandoned")}</Alert>
      ) : order.status === "CANCELLED" ? (
        <Alert tone="info">
          {order.failureReason
            ? t("order.alerts.cancelledBecause", { reason: order.failureReason })
            : t("order.alerts.cancelled")}
        </Alert>
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
          <OrderAdjustments
            adjustments={order.adjustments}
            currency={order.currency}
            timeZone={order.hub.timeZone}
            issuedTotalMinor={order.issuedTotalMinor}
            totalMinor={order.totalMinor}
          />
          {order.canChange ? (
            <OrderChangeForm
              groups={order.groups}
              cutoffText={t("order.cutoffLeft", cutoff)}
              formErrors={actionData && "change" in actionData ? actionData.change.formErrors : []}
              lineErrors={actionData && "change" in actionData ? actionData.change.lineErrors : {}}
            />
          ) : null}
        </div>
        <aside className="stack">
          <OrderDeliveryProgress progress={progress} />
          <Card title={t("order.delivery.title")}>
            <div className="summary" style={{ margin: 0 }}>
              <p style={{ margin: 0 }}>
                <strong>
                  {order.fulfilment === "DELIVERY"
                    ? t("order.delivery.home")
                    : t("order.delivery.pickup", { hub: order.hub.name })}
                </strong>
              </p>
              <p className="small" style={{ margin: 0 }}>
                {order.fulfilment === "DELIVERY" ? order.address : order.hub.depotAddress}
              </p>
              <p className="small" style={{ margin: "0.5rem 0 0" }}>
                {order.slot
                  ? t("order.delivery.whenSlot", {
                      cycle: order.cycle.name,
                      date: delivery,
                      slot: `${minuteLabel(order.slot.startMinute)}–${minuteLabel(order.slot.endMinute)}`,
                    })
                  : t("order.delivery.when", { cycle: order.cycle.name, date: delivery })}
              </p>
              {order.contactPhone ? (
                <p className="small" style={{ margin: "0.5rem 0 0" }}>
                  <Trans
                    t={t}
                    i18nKey="order.delivery.phone"
                    values={{ phone: order.contactPhone }}
                    components={{ phone: <a href={`tel:${order.contactPhone}`} /> }}
                  />
                </p>
              ) : null}
              {order.notes ? (
                <p className="small" style={{ margin: "0.25rem 0 0", whiteSpace: "pre-line" }}>
                  {t("order.delivery.notes", { notes: order.notes })}
                </p>
              ) : null}
              <p className="small muted" style={{ margin: 0 }}>
                {order.invoiceDueAt
                  ? t("order.delivery.paymentDue", {
                      method: t(`order.payment.${order.paymentMethod}`),
                      due: format.date(order.invoiceDueAt, tz),
                    })
                  : t("order.delivery.payment", { method: t(`order.payment.${order.paymentMethod}`) })}
              </p>
            </div>
          </Card>
          {marked.length > 0 ? (
            <Card title={t("order.deliveryOutcome.title")}>
              <div className="stack" data-testid="delivery-outcome">
                {marked.map((part) => (
                  <div key={part.id}>
                    {part.cargo && deliveryParts.length > 1 ? (
                      <p className="small muted" style={{ margin: 0 }}>
                        {t(`order.deliveryOutcome.part.${part.cargo}`)}
                      </p>
                    ) : null}
                    <StopOutcome outcome={part.outcome} timeZone={tz} />
                  </div>
                ))}
              </div>
            </Card>
          ) : null}
          {order.canCancel || order.canRepeat ? (
            <Card title={t("order.changes.title")}>
              {order.changeNote ? <p className="small">{order.changeNote}</p> : null}
              {order.canCancel ? (
                <Form method="post" style={{ marginBottom: "0.75rem" }}>
                  <p className="small">
                    {paid ? t("order.changes.cancelNotePaid", cutoff) : t("order.changes.cancelNote", cutoff)}
                  </p>
                  <SubmitButton
                    name="intent"
                    value="cancel"
                    variant="danger"
                    pendingText={t("order.changes.cancelling")}
                    confirm={
                      paid
                        ? t("order.changes.confirmPaid", { number: order.number })
                        : t("order.changes.confirm", { number: order.number })
                    }
                  >
                    {t("order.changes.cancel")}
                  </SubmitButton>
                </Form>
              ) : null}
              {order.canRepeat && order.status !== "PENDING_PAYMENT" ? (
                <Form method="post">
                  <SubmitButton
                    name="intent"
                    value="repeat"
                    variant="secondary"
                    pendingText={t("common:actions.saving")}
                  >
                    {t("order.changes.repeat")}
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
