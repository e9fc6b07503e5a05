import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useCallback, useRef } from "react";
import { z } from "zod";
import { OrderCycleBanner } from "~/components/order-cycle-banner";
import { OrderingCycleChoice } from "~/components/ordering-cycle-choice";
import { mapLinks } from "~/components/map/links";
import { LocationFields } from "~/components/map/location-fields";
import { CarbonEstimate } from "~/components/carbon/carbon-estimate";
import { carbonStylesheet } from "~/components/carbon/styles";
import { SubmitButton } from "~/components/ui/button";
import { ErrorList } from "~/components/ui/field";
import { Alert, Card, EmptyState, PageHeader } from "~/components/ui/page";
import { formatQuantity } from "~/domain/basket";
import { abandonCardOrder, getAbandonedCardOrder } from "~/services/payment.server";
import { getCheckoutView, placeOrder } from "~/services/checkout.server";
import orderingCss from "~/styles/ordering.css";
import { formatMoney } from "~/utils/format";
import { redirectWithToast, requireExactRole } from "~/utils/session.server";

export const links: LinksFunction = () => [...mapLinks(), { rel: "stylesheet", href: orderingCss }, carbonStylesheet];
export const meta: MetaFunction = () => [{ title: "Checkout — Foodshed" }];

const optionalNumber = (min: number, max: number, label: string) =>
  z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? undefined : v),
    z.coerce
      .number({ error: `Enter the ${label} as a number` })
      .min(min, { error: `${label} must be between ${min} and ${max}` })
      .max(max, { error: `${label} must be between ${min} and ${max}` })
      .optional(),
  );

const CheckoutSchema = z.object({
  cycleId: z
    .string({ error: "Choose a delivery cycle" })
    .trim()
    .min(1, { error: "Choose a delivery cycle" })
    .max(64, { error: "Choose one of the listed delivery cycles" }),
  fulfilment: z.enum(["DELIVERY", "PICKUP"], { error: "Choose home delivery or pickup" }),
  address: z.string().trim().max(300, { error: "Use at most 300 characters" }).optional(),
  lat: optionalNumber(-90, 90, "Latitude"),
  lng: optionalNumber(-180, 180, "Longitude"),
  slotId: z.string().trim().max(64).optional(),
  paymentMethod: z.enum(["CARD", "ON_DELIVERY", "INVOICE"], { error: "Choose how to pay" }),
  invoiceTermsDays: z.preprocess(
    (v) => (v === "" || v === undefined ? undefined : Number(v)),
    z.union([z.literal(14), z.literal(30)], { error: "Choose 14 or 30 days" }).optional(),
  ),
  contactPhone: z.string().trim().max(40, { error: "Use at most 40 characters" }).optional(),
  notes: z.string().trim().max(500, { error: "Use at most 500 characters" }).optional(),
  expectedTotalMinor: z.preprocess(
    (v) => (v === "" || v === undefined ? undefined : v),
    z.coerce.number().int().min(0).optional(),
  ),
  idempotencyKey: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,100}$/, {
        error: "This checkout form is out of date. Reload the page and place the order again.",
      })
      .optional(),
  ),
});

/** "Return to basket" after cancelling on Stripe's page: releases the unpaid card order (a POST, never a GET). */
const ReturnToBasketSchema = z.object({
  intent: z.literal("return-to-basket"),
  orderId: z.string().trim().min(1).max(64),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireExactRole(request, "BUYER");
  const url = new URL(request.url);
  // Back from Stripe Checkout after "cancel": nothing changes on this GET; the page offers a
  // "Return to basket" button that POSTs (and placing the order again leads to the same payment).
  const cancelledId = url.searchParams.get("cancelled");
  const cancelled =
    cancelledId && cancelledId.length <= 64
      ? await getAbandonedCardOrder({ orderId: cancelledId, buyerId: user.id })
      : null;
  const fulfilment = url.searchParams.get("fulfilment") === "PICKUP" ? "PICKUP" : "DELIVERY";
  const lat = Number(url.searchParams.get("lat") ?? user.lat ?? NaN);
  const lng = Number(url.searchParams.get("lng") ?? user.lng ?? NaN);
  const point =
    Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180 ? { lat, lng } : null;
  // ?cycle= from the cycle choice; cycleId= when "Update total" re-submits the form as a GET.
  const cycleId = url.searchParams.get("cycle") ?? url.searchParams.get("cycleId");
  const view = await getCheckoutView({
    user,
    fulfilment,
    point,
    cycleId: cycleId && cycleId.length <= 64 ? cycleId : null,
  });
  if (view.basket.lines.length === 0) return redirect("/basket");
  return json({
    view,
    defaults: {
      fulfilment,
      address: url.searchParams.get("address") ?? user.address ?? "",
      lat: point ? String(point.lat) : "",
      lng: point ? String(point.lng) : "",
      contactPhone: "",
    },
    buyerKind: user.buyerKind,
    distanceUnit: user.distanceUnit,
    cancelled,
    // A new one-time key per rendering of the form: a double submit of it places one order.
    idempotencyKey: crypto.randomUUID(),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireExactRole(request, "BUYER");
  const formData = await request.formData();
  if (formData.get("intent") === "return-to-basket") {
    const back = parseWithZod(formData, { schema: ReturnToBasketSchema });
    if (back.status !== "success")
      return json(back.reply({ formErrors: ["Reload the page and choose “Return to basket” again."] }), {
        status: 400,
      });
    const released = await abandonCardOrder({ orderId: back.value.orderId, buyerId: user.id });
    return redirectWithToast(
      request,
      "/basket",
      released
        ? "Payment cancelled. Nothing was charged and your basket is as you left it."
        : "That payment is no longer open. Your basket is as you left it.",
    );
  }
  const submission = parseWithZod(formData, { schema: CheckoutSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const result = await placeOrder({ user, origin: new URL(request.url).origin, input: submission.value });
  if (!result.ok)
    return json(submission.reply({ formErrors: result.formErrors, fieldErrors: result.fieldErrors }), {
      status: result.status,
    });
  if (result.status === "PENDING_PAYMENT") return redirect(result.redirectTo);
  if (result.existing)
    return redirectWithToast(request, result.redirectTo, `Order #${result.orderNumber} is already placed: here it is.`);
  return redirectWithToast(request, result.redirectTo, `Order #${result.orderNumber} placed. Thank you!`);
}

const PAYMENT_LABEL = {
  CARD: { label: "Pay by card now", hint: "Secure payment with Stripe Checkout." },
  ON_DELIVERY: { label: "Pay on delivery or pickup", hint: "Card or cash when your food arrives." },
  INVOICE: { label: "Invoice (restaurants)", hint: "Pay by bank transfer within the agreed terms." },
} as const;

function minuteLabel(minute: number) {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

export default function CheckoutPage() {
  const { view, defaults, distanceUnit, cancelled, idempotencyKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const recalc = useRef<HTMLButtonElement>(null);
  // A point chosen on the map or by address search updates the zone check, fee and estimate.
  const recalculate = useCallback(() => recalc.current?.click(), []);
  const [form, fields] = useForm<z.input<typeof CheckoutSchema>>({
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: defaults,
  });
  const { basket, quote } = view;
  const currency = basket.currency;
  const cycle = basket.cycle;
  const hub = basket.hub;
  const recalculating = navigation.state === "loading" && navigation.location?.pathname === "/checkout";
  if (!cycle || !hub) {
    return (
      <>
        <PageHeader title="Checkout" breadcrumbs={[{ to: "/basket", label: "Basket" }]} />
        <OrderCycleBanner cycle={null} nextCycle={basket.nextCycle} />
        <EmptyState
          title="No delivery cycle is open"
          action={
            <Link to="/basket" className="btn btn-secondary">
              Back to basket
            </Link>
          }
        >
          Your basket is kept. Come back when the next cycle opens.
        </EmptyState>
      </>
    );
  }
  const outOfZone = defaults.fulfilment === "DELIVERY" && view.pointInZone === false;
  const noPoint = defaults.fulfilment === "DELIVERY" && view.pointInZone === null;
  return (
    <>
      <PageHeader
        title="Checkout"
        breadcrumbs={[{ to: "/basket", label: "Basket" }]}
        description={`Ordering through ${hub.name}.`}
      />
      <OrderCycleBanner cycle={cycle} timeZone={hub.timeZone} />
      <OrderingCycleChoice
        cycles={basket.openCycles}
        selected={cycle.id}
        timeZone={hub.timeZone}
        keep={{ fulfilment: defaults.fulfilment }}
      />
      {cancelled ? (
        <Alert tone="warning">
          <p style={{ margin: 0 }}>
            You left the card payment for order #{cancelled.number}. Nothing was charged; its items are held for you
            until the payment window closes. Place the order again below to return to the same payment, or give the
            items back:
          </p>
          <Form method="post" className="row" style={{ marginTop: "0.5rem" }}>
            <input type="hidden" name="orderId" value={cancelled.id} />
            <SubmitButton
              name="intent"
              value="return-to-basket"
              variant="secondary"
              className="btn-small"
              pendingText="Returning to your basket…"
            >
              Return to basket
            </SubmitButton>
          </Form>
        </Alert>
      ) : null}
      <div className="checkout-layout">
        <Card>
          <Form method="post" className="form" {...getFormProps(form)} style={{ maxWidth: "none" }}>
            <input type="hidden" name="cycleId" value={cycle.id} />
            <input type="hidden" name="expectedTotalMinor" value={quote?.totalMinor ?? ""} />
            <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
            <ErrorList id={form.errorId} errors={form.errors} />
            {basket.problems.length > 0 ? <Alert tone="error">{basket.problems.join(" ")}</Alert> : null}
            <fieldset>
              <legend>How do you want your food?</legend>
              <div className="choice-list">
                {(["DELIVERY", "PICKUP"] as const).map((f) => (
                  <div className="choice" key={f}>
                    <input
                      type="radio"
                      id={`fulfilment-${f}`}
                      name="fulfilment"
                      value={f}
                      defaultChecked={defaults.fulfilment === f}
                      onChange={() => recalc.current?.click()}
                    />
                    <label htmlFor={`fulfilment-${f}`}>
                      {f === "DELIVERY" ? "Home delivery" : `Pickup at ${hub.name}`}
                    </label>
                    <p className="field-hint">
                      {f === "DELIVERY"
                        ? `Delivered inside the hub's zone${hub.deliveryFeeMinor ? `, from ${formatMoney(hub.deliveryFeeMinor, currency)}` : ""}.`
                        : `Free. Collect from ${hub.depotAddress}.`}
                    </p>
                  </div>
                ))}
              </div>
            </fieldset>
            {defaults.fulfilment === "DELIVERY" ? (
              <fieldset>
                <legend>Delivery address</legend>
                <div className="field">
                  <label htmlFor="address">Address</label>
                  <input
                    id="address"
                    name="address"
                    defaultValue={defaults.address}
                    autoComplete="street-address"
                    aria-invalid={fields.address.errors || outOfZone ? true : undefined}
                    aria-describedby={fields.address.errors ? "address-error" : outOfZone ? "zone-warning" : undefined}
                  />
                  <ErrorList id="address-error" errors={fields.address.errors} />
                </div>
                <LocationFields
                  legend="Where to deliver"
                  pinLabel="Delivery point"
                  extraHint="We use it to check the delivery zone and the fee."
                  lat={{ name: "lat", id: "lat", errors: fields.lat.errors, defaultValue: defaults.lat }}
                  lng={{ name: "lng", id: "lng", errors: fields.lng.errors, defaultValue: defaults.lng }}
                  initialCenter={
                    defaults.lat && defaults.lng
                      ? [Number(defaults.lat), Number(defaults.lng)]
                      : [hub.depotLat, hub.depotLng]
                  }
                  initialZoom={defaults.lat ? 14 : 11}
                  addressInputId="address"
                  onPointChosen={recalculate}
                />
                {outOfZone ? (
                  <div id="zone-warning">
                    <Alert tone="warning">
                      That point is outside {hub.name}&apos;s delivery zone
                      {view.zone?.radiusMetres
                        ? ` (${(view.zone.radiusMetres / 1000).toFixed(0)} km around the hub)`
                        : ""}
                      . Choose pickup at the hub instead, or check the position.
                    </Alert>
                  </div>
                ) : null}
                {noPoint ? (
                  <p className="field-hint">
                    Place the pin at your address (or type its latitude and longitude) so we can check the zone and the
                    fee.
                  </p>
                ) : null}
              </fieldset>
            ) : null}
            <button
              ref={recalc}
              type="submit"
              formMethod="get"
              formAction="/checkout"
              className="btn btn-secondary btn-small"
              formNoValidate
            >
              {recalculating ? "Updating…" : "Update total and estimate"}
            </button>
            {cycle.slots.length > 0 ? (
              <div className="field">
                <label htmlFor="slotId">{defaults.fulfilment === "DELIVERY" ? "Delivery slot" : "Pickup slot"}</label>
                <select
                  id="slotId"
                  name="slotId"
                  defaultValue=""
                  aria-invalid={fields.slotId.errors ? true : undefined}
                  aria-describedby={fields.slotId.errors ? "slot-error" : undefined}
                >
                  <option value="">Any time that day</option>
                  {cycle.slots.map((slot) => (
                    <option key={slot.id} value={slot.id}>
                      {minuteLabel(slot.startMinute)}–{minuteLabel(slot.endMinute)}
                    </option>
                  ))}
                </select>
                <ErrorList id="slot-error" errors={fields.slotId.errors} />
              </div>
            ) : null}
            <fieldset aria-describedby={fields.paymentMethod.errors ? "payment-error" : undefined}>
              <legend>Payment</legend>
              <div className="choice-list">
                {view.paymentMethods.map((method, index) => (
                  <div className="choice" key={method}>
                    <input
                      type="radio"
                      id={`pay-${method}`}
                      name="paymentMethod"
                      value={method}
                      defaultChecked={index === 0}
                    />
                    <label htmlFor={`pay-${method}`}>{PAYMENT_LABEL[method].label}</label>
                    <p className="field-hint">{PAYMENT_LABEL[method].hint}</p>
                  </div>
                ))}
              </div>
              {view.paymentMethods.includes("INVOICE") ? (
                <div className="field" style={{ marginTop: "0.75rem" }}>
                  <label htmlFor="invoiceTermsDays">Invoice terms</label>
                  <select id="invoiceTermsDays" name="invoiceTermsDays" defaultValue="30">
                    <option value="14">Net 14 days</option>
                    <option value="30">Net 30 days</option>
                  </select>
                </div>
              ) : null}
              <ErrorList
                id="payment-error"
                errors={[...(fields.paymentMethod.errors ?? []), ...(fields.invoiceTermsDays.errors ?? [])]}
              />
            </fieldset>
            <div className="field">
              <label htmlFor="contactPhone">Phone for the driver (optional)</label>
              <input
                id="contactPhone"
                name="contactPhone"
                type="tel"
                autoComplete="tel"
                defaultValue={defaults.contactPhone}
              />
            </div>
            <div className="field">
              <label htmlFor="notes">Notes (optional)</label>
              <textarea
                id="notes"
                name="notes"
                rows={2}
                maxLength={500}
                placeholder="Leave by the back door, ring twice…"
              />
            </div>
            <SubmitButton
              pendingText="Placing your order…"
              disabled={!quote || outOfZone || quote.shortOfMinimumMinor > 0}
            >
              {view.paymentMethods[0] === "CARD" ? "Place order" : "Place order"} ·{" "}
              {formatMoney(quote?.totalMinor ?? 0, currency)}
            </SubmitButton>
          </Form>
        </Card>
        <aside className="stack">
          <section className="card summary" aria-label="Order summary">
            <h2>Your order</h2>
            <ul role="list" style={{ listStyle: "none", padding: 0, margin: "0 0 1rem" }}>
              {basket.groups.map((group) => (
                <li key={group.farmId} style={{ marginBottom: "0.5rem" }}>
                  <strong>{group.farmName}</strong>
                  <ul role="list" style={{ listStyle: "none", padding: 0, margin: 0 }} className="small">
                    {group.lines.map((line) => (
                      <li key={line.productId} className="row" style={{ justifyContent: "space-between" }}>
                        <span>
                          {line.productName} × {formatQuantity(line.quantityMilli, line.unit)}
                          {line.wholesaleApplied ? (
                            <span className="badge badge-info" style={{ marginLeft: 4 }}>
                              Wholesale
                            </span>
                          ) : null}
                        </span>
                        <span>{formatMoney(line.lineTotalMinor, currency)}</span>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
            {quote ? (
              <dl>
                <dt>Subtotal</dt>
                <dd>{formatMoney(quote.subtotalMinor, currency)}</dd>
                {quote.wholesaleSavingMinor > 0 ? (
                  <>
                    <dt>Wholesale saving</dt>
                    <dd>−{formatMoney(quote.wholesaleSavingMinor, currency)}</dd>
                  </>
                ) : null}
                <dt>{defaults.fulfilment === "DELIVERY" ? "Delivery" : "Pickup"}</dt>
                <dd>{formatMoney(quote.deliveryFeeMinor, currency)}</dd>
                <dt className="summary-total">Total</dt>
                <dd className="summary-total" data-testid="checkout-total">
                  {formatMoney(quote.totalMinor, currency)}
                </dd>
              </dl>
            ) : null}
            {quote && quote.shortOfMinimumMinor > 0 ? (
              <Alert tone="warning">
                Minimum order {formatMoney(hub.orderMinimumMinor, currency)}: add{" "}
                {formatMoney(quote.shortOfMinimumMinor, currency)} more.
              </Alert>
            ) : null}
          </section>
          <CarbonEstimate estimate={quote?.estimate ?? null} distanceUnit={distanceUnit} />
        </aside>
      </div>
    </>
  );
}
