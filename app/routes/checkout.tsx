import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useCallback, useRef } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { OrderCycleBanner } from "~/components/order-cycle-banner";
import { OrderingCycleChoice } from "~/components/ordering-cycle-choice";
import { mapLinks } from "~/components/map/links";
import { LocationFields } from "~/components/map/location-fields";
import { CarbonEstimate } from "~/components/carbon/carbon-estimate";
import { bestDelivery, ChoiceFigure, findChoice } from "~/components/carbon/carbon-choices";
import { carbonStylesheet } from "~/components/carbon/styles";
import { SubmitButton } from "~/components/ui/button";
import { ErrorList } from "~/components/ui/field";
import { Alert, Card, EmptyState, PageHeader } from "~/components/ui/page";
import { useFormat } from "~/components/i18n";
import { lazyT, metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { abandonCardOrder, getAbandonedCardOrder } from "~/services/payment.server";
import { getCheckoutView, placeOrder } from "~/services/checkout.server";
import orderingCss from "~/styles/ordering.css";
import { redirectWithToast, requireExactRole } from "~/utils/session.server";

export const links: LinksFunction = () => [...mapLinks(), { rel: "stylesheet", href: orderingCss }, carbonStylesheet];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "buyer")("checkout.metaTitle") }];

const optionalNumber = (min: number, max: number, field: "latitude" | "longitude") =>
  z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? undefined : v),
    z.coerce
      .number({ error: lazyT(`buyer:checkout.errors.${field}.number`) })
      .min(min, { error: lazyT(`buyer:checkout.errors.${field}.range`, { min, max }) })
      .max(max, { error: lazyT(`buyer:checkout.errors.${field}.range`, { min, max }) })
      .optional(),
  );

const tooLong = (count: number) => ({ error: lazyT("validation:fields.text.tooLong", { count }) });

const CheckoutSchema = z.object({
  cycleId: z
    .string({ error: lazyT("buyer:checkout.errors.cycleRequired") })
    .trim()
    .min(1, { error: lazyT("buyer:checkout.errors.cycleRequired") })
    .max(64, { error: lazyT("buyer:checkout.errors.cycleUnknown") }),
  fulfilment: z.enum(["DELIVERY", "PICKUP"], { error: lazyT("buyer:checkout.errors.fulfilmentRequired") }),
  address: z.string().trim().max(300, tooLong(300)).optional(),
  lat: optionalNumber(-90, 90, "latitude"),
  lng: optionalNumber(-180, 180, "longitude"),
  slotId: z.string().trim().max(64).optional(),
  paymentMethod: z.enum(["CARD", "ON_DELIVERY", "INVOICE"], { error: lazyT("buyer:checkout.errors.paymentRequired") }),
  invoiceTermsDays: z.preprocess(
    (v) => (v === "" || v === undefined ? undefined : Number(v)),
    z.union([z.literal(14), z.literal(30)], { error: lazyT("buyer:checkout.errors.invoiceTerms") }).optional(),
  ),
  contactPhone: z.string().trim().max(40, tooLong(40)).optional(),
  notes: z.string().trim().max(500, tooLong(500)).optional(),
  /** A checkbox: present ("on") when the buyer allows a farm to substitute a product it is short of. */
  allowSubstitutions: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
  expectedTotalMinor: z.preprocess(
    (v) => (v === "" || v === undefined ? undefined : v),
    z.coerce.number().int().min(0).optional(),
  ),
  idempotencyKey: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,100}$/, {
        error: lazyT("buyer:checkout.errors.outOfDate"),
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
  // slotId= when a slot is chosen (the form re-submitted as a GET): the estimate follows it.
  const slotId = url.searchParams.get("slotId");
  const view = await getCheckoutView({
    user,
    fulfilment,
    point,
    cycleId: cycleId && cycleId.length <= 64 ? cycleId : null,
    slotId: slotId && slotId.length <= 64 ? slotId : null,
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
  const t = serverT("buyer");
  if (formData.get("intent") === "return-to-basket") {
    const back = parseWithZod(formData, { schema: ReturnToBasketSchema });
    if (back.status !== "success")
      return json(back.reply({ formErrors: [t("checkout.returnToBasket.reload")] }), {
        status: 400,
      });
    const released = await abandonCardOrder({ orderId: back.value.orderId, buyerId: user.id });
    return redirectWithToast(
      request,
      "/basket",
      released ? t("checkout.returnToBasket.released") : t("checkout.returnToBasket.noLongerOpen"),
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
    return redirectWithToast(request, result.redirectTo, t("checkout.placed.existing", { number: result.orderNumber }));
  return redirectWithToast(request, result.redirectTo, t("checkout.placed.new", { number: result.orderNumber }));
}

function minuteLabel(minute: number) {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

export default function CheckoutPage() {
  const { t } = useTranslation("buyer");
  const format = useFormat();
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
        <PageHeader title={t("checkout.title")} breadcrumbs={[{ to: "/basket", label: t("common:nav.basket") }]} />
        <OrderCycleBanner cycle={null} nextCycle={basket.nextCycle} />
        <EmptyState
          title={t("checkout.noCycle.title")}
          action={
            <Link to="/basket" className="btn btn-secondary">
              {t("checkout.noCycle.back")}
            </Link>
          }
        >
          {t("checkout.noCycle.body")}
        </EmptyState>
      </>
    );
  }
  const outOfZone = defaults.fulfilment === "DELIVERY" && view.pointInZone === false;
  // Each delivery slot's transport figures, when the buyer's place is known.
  const slotCarbon = defaults.fulfilment === "DELIVERY" && view.carbonChoices !== null;
  const noPoint = defaults.fulfilment === "DELIVERY" && view.pointInZone === null;
  return (
    <>
      <PageHeader
        title={t("checkout.title")}
        breadcrumbs={[{ to: "/basket", label: t("common:nav.basket") }]}
        description={t("checkout.description", { hub: hub.name })}
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
          <p style={{ margin: 0 }}>{t("checkout.cancelled.body", { number: cancelled.number })}</p>
          <Form method="post" className="row" style={{ marginTop: "0.5rem" }}>
            <input type="hidden" name="orderId" value={cancelled.id} />
            <SubmitButton
              name="intent"
              value="return-to-basket"
              variant="secondary"
              className="btn-small"
              pendingText={t("checkout.cancelled.returning")}
            >
              {t("checkout.cancelled.return")}
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
              <legend>{t("checkout.fulfilment.legend")}</legend>
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
                      {f === "DELIVERY"
                        ? t("checkout.fulfilment.delivery")
                        : t("checkout.fulfilment.pickup", { hub: hub.name })}{" "}
                      <ChoiceFigure
                        choice={f === "DELIVERY" ? bestDelivery(view.carbonChoices) : findChoice(view.carbonChoices, f)}
                        from={f === "DELIVERY"}
                        distanceUnit={distanceUnit}
                      />
                    </label>
                    <p className="field-hint">
                      {f === "DELIVERY"
                        ? hub.deliveryFeeMinor
                          ? t("checkout.fulfilment.deliveryHintFrom", {
                              fee: format.money(hub.deliveryFeeMinor, currency),
                            })
                          : t("checkout.fulfilment.deliveryHint")
                        : t("checkout.fulfilment.pickupHint", { address: hub.depotAddress })}
                    </p>
                  </div>
                ))}
              </div>
            </fieldset>
            {defaults.fulfilment === "DELIVERY" ? (
              <fieldset>
                <legend>{t("checkout.address.legend")}</legend>
                <div className="field">
                  <label htmlFor="address">{t("checkout.address.label")}</label>
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
                  legend={t("checkout.address.where")}
                  pinLabel={t("checkout.address.pin")}
                  extraHint={t("checkout.address.pinHint")}
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
                      {view.zone?.radiusMetres
                        ? t("checkout.address.outOfZoneRadius", {
                            hub: hub.name,
                            radius: format.number(view.zone.radiusMetres / 1000, { maximumFractionDigits: 0 }),
                          })
                        : t("checkout.address.outOfZone", { hub: hub.name })}
                    </Alert>
                  </div>
                ) : null}
                {noPoint ? <p className="field-hint">{t("checkout.address.noPoint")}</p> : null}
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
              {recalculating ? t("checkout.updating") : t("checkout.update")}
            </button>
            {cycle.slots.length > 0 ? (
              <fieldset
                aria-invalid={fields.slotId.errors ? true : undefined}
                aria-describedby={
                  [slotCarbon ? "slot-carbon-hint" : null, fields.slotId.errors ? "slot-error" : null]
                    .filter(Boolean)
                    .join(" ") || undefined
                }
              >
                <legend>
                  {defaults.fulfilment === "DELIVERY" ? t("checkout.slot.delivery") : t("checkout.slot.pickup")}
                </legend>
                {slotCarbon ? (
                  <p className="field-hint" id="slot-carbon-hint">
                    {t("checkout.slot.carbonHint")}
                  </p>
                ) : null}
                <div className="choice-list">
                  {[null, ...cycle.slots].map((slot) => {
                    const id = slot?.id ?? "";
                    return (
                      <div className="choice" key={id || "any"}>
                        <input
                          type="radio"
                          id={`slot-${id || "any"}`}
                          name="slotId"
                          value={id}
                          defaultChecked={(view.slotId ?? "") === id}
                          onChange={recalculate}
                        />
                        <label htmlFor={`slot-${id || "any"}`}>
                          {slot
                            ? `${minuteLabel(slot.startMinute)}–${minuteLabel(slot.endMinute)}`
                            : t("checkout.slot.any")}{" "}
                          {slotCarbon ? (
                            <ChoiceFigure
                              choice={findChoice(view.carbonChoices, "DELIVERY", slot?.id ?? null)}
                              distanceUnit={distanceUnit}
                            />
                          ) : null}
                        </label>
                      </div>
                    );
                  })}
                </div>
                <ErrorList id="slot-error" errors={fields.slotId.errors} />
              </fieldset>
            ) : null}
            <fieldset aria-describedby={fields.paymentMethod.errors ? "payment-error" : undefined}>
              <legend>{t("checkout.payment.legend")}</legend>
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
                    <label htmlFor={`pay-${method}`}>{t(`checkout.payment.${method}.label`)}</label>
                    <p className="field-hint">{t(`checkout.payment.${method}.hint`)}</p>
                  </div>
                ))}
              </div>
              {view.paymentMethods.includes("INVOICE") ? (
                <div className="field" style={{ marginTop: "0.75rem" }}>
                  <label htmlFor="invoiceTermsDays">{t("checkout.payment.invoiceTerms")}</label>
                  <select id="invoiceTermsDays" name="invoiceTermsDays" defaultValue="30">
                    <option value="14">{t("terms.netDays", { count: 14 })}</option>
                    <option value="30">{t("terms.netDays", { count: 30 })}</option>
                  </select>
                </div>
              ) : null}
              <ErrorList
                id="payment-error"
                errors={[...(fields.paymentMethod.errors ?? []), ...(fields.invoiceTermsDays.errors ?? [])]}
              />
            </fieldset>
            <div className="field">
              <label htmlFor="contactPhone">{t("checkout.phone")}</label>
              <input
                id="contactPhone"
                name="contactPhone"
                type="tel"
                autoComplete="tel"
                defaultValue={defaults.contactPhone}
              />
            </div>
            <div className="field">
              <label htmlFor="notes">{t("checkout.notes.label")}</label>
              <textarea
                id="notes"
                name="notes"
                rows={2}
                maxLength={500}
                placeholder={t("checkout.notes.placeholder")}
              />
            </div>
            <div className="field field-checkbox">
              <input
                id="allowSubstitutions"
                type="checkbox"
                name="allowSubstitutions"
                aria-describedby="allowSubstitutions-hint"
              />
              <label htmlFor="allowSubstitutions">{t("checkout.substitutions.label")}</label>
              <p id="allowSubstitutions-hint" className="field-hint">
                {t("checkout.substitutions.hint")}
              </p>
            </div>
            <SubmitButton
              pendingText={t("checkout.placing")}
              disabled={!quote || outOfZone || quote.shortOfMinimumMinor > 0}
            >
              {t("checkout.placeOrder", { total: format.money(quote?.totalMinor ?? 0, currency) })}
            </SubmitButton>
          </Form>
        </Card>
        <aside className="stack">
          <section className="card summary" aria-label={t("checkout.summary.label")}>
            <h2>{t("checkout.summary.title")}</h2>
            <ul role="list" style={{ listStyle: "none", padding: 0, margin: "0 0 1rem" }}>
              {basket.groups.map((group) => (
                <li key={group.farmId} style={{ marginBottom: "0.5rem" }}>
                  <strong>{group.farmName}</strong>
                  <ul role="list" style={{ listStyle: "none", padding: 0, margin: 0 }} className="small">
                    {group.lines.map((line) => (
                      <li key={line.productId} className="row" style={{ justifyContent: "space-between" }}>
                        <span>
                          {line.productName} × {format.quantity(line.quantityMilli, line.unit)}
                          {line.wholesaleApplied ? (
                            <span className="badge badge-info" style={{ marginLeft: 4 }}>
                              {t("wholesale")}
                            </span>
                          ) : null}
                        </span>
                        <span>{format.money(line.lineTotalMinor, currency)}</span>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
            {quote ? (
              <dl>
                <dt>{t("totals.subtotal")}</dt>
                <dd>{format.money(quote.subtotalMinor, currency)}</dd>
                {quote.wholesaleSavingMinor > 0 ? (
                  <>
                    <dt>{t("totals.wholesaleSaving")}</dt>
                    <dd>−{format.money(quote.wholesaleSavingMinor, currency)}</dd>
                  </>
                ) : null}
                <dt>{defaults.fulfilment === "DELIVERY" ? t("totals.delivery") : t("totals.pickup")}</dt>
                <dd>{format.money(quote.deliveryFeeMinor, currency)}</dd>
                <dt className="summary-total">{t("totals.total")}</dt>
                <dd className="summary-total" data-testid="checkout-total">
                  {format.money(quote.totalMinor, currency)}
                </dd>
              </dl>
            ) : null}
            {quote && quote.shortOfMinimumMinor > 0 ? (
              <Alert tone="warning">
                {t("checkout.shortOfMinimum", {
                  minimum: format.money(hub.orderMinimumMinor, currency),
                  short: format.money(quote.shortOfMinimumMinor, currency),
                })}
              </Alert>
            ) : null}
          </section>
          <CarbonEstimate estimate={quote?.estimate ?? null} distanceUnit={distanceUnit} />
        </aside>
      </div>
    </>
  );
}
