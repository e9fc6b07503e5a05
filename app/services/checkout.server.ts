// Checkout: turns the basket into an order. Everything the buyer pays is recomputed here from the
// product and hub rows; the form only says what, where, when and how to pay.
import type { StoredEstimate } from "~/domain/carbon";
import { isOrderingOpen } from "~/domain/cycles";
import { haversineMetres, isInDeliveryZone, roadDistanceMetres, type DeliveryZone, type LatLng } from "~/domain/geo";
import { deliveryFeeMinor, invoiceDueAt, orderTotals, type PricedLine } from "~/domain/pricing";
import { stockMessage } from "~/domain/basket";
import { getCycle, type HubForOrdering } from "~/models/cycle.server";
import { createCheckoutSession, isStripeConfigured, retrieveCheckoutSession } from "~/integrations/stripe.server";
import {
  BasketChangedError,
  CycleClosedError,
  createOrderReservingStock,
  getBuyerOrderByIdempotencyKey,
  getOrderForCheckoutSession,
  MAX_ORDER_INT,
  releaseOrder,
  setOrderCheckoutSession,
  StockConflictError,
  type NewOrderLine,
} from "~/models/order.server";
import { isUniqueViolation } from "~/models/database.server";
import type { SessionUser } from "~/models/user.server";
import { getEnv } from "~/utils/env.server";
import { serverFormat, serverT } from "~/i18n/i18n.server";
import { translateMessage } from "~/i18n/messages";
import type { Fulfilment, PaymentMethod } from "~generated/prisma/enums.ts";
import { getBasketView, type BasketLineView } from "./basket.server";
import {
  estimateOrderForCheckout,
  estimateWithChoices,
  type CarbonChoices,
  type ChoiceSlot,
  type CheckoutCarbon,
} from "./carbon-estimate.server";
import { notifyOrderConfirmed } from "./notification.server";
import { expireStaleOrders } from "./order.server";

export function hubZone(hub: HubForOrdering): DeliveryZone | null {
  if (Array.isArray(hub.zonePolygon) && hub.zonePolygon.length >= 3) {
    const polygon = (hub.zonePolygon as unknown[]).flatMap((p) =>
      Array.isArray(p) && typeof p[0] === "number" && typeof p[1] === "number" ? [{ lat: p[0], lng: p[1] }] : [],
    );
    if (polygon.length >= 3) return { kind: "POLYGON", polygon };
  }
  if (hub.zoneRadiusM)
    return { kind: "RADIUS", center: { lat: hub.depotLat, lng: hub.depotLng }, radiusMetres: hub.zoneRadiusM };
  return null;
}

export function availablePaymentMethods(user: Pick<SessionUser, "buyerKind">): PaymentMethod[] {
  const methods: PaymentMethod[] = [];
  if (isStripeConfigured()) methods.push("CARD");
  methods.push("ON_DELIVERY");
  if (user.buyerKind === "RESTAURANT") methods.push("INVOICE");
  return methods;
}

export interface Quote {
  lines: BasketLineView[];
  subtotalMinor: number;
  deliveryFeeMinor: number;
  totalMinor: number;
  totalGrams: number;
  shortOfMinimumMinor: number;
  wholesaleSavingMinor: number;
  /** What the checkout box shows (`<CarbonEstimate estimate={...} />`). */
  estimate: StoredEstimate;
  roadMetresFromDepot: number | null;
}

/** The carbon estimate of an order about to be placed (checkout and standing orders). */
export function estimateCarbonForLines({
  hubId,
  cycleId = null,
  lines,
  point,
  slot = null,
  buyerKind,
  now,
}: {
  hubId: string;
  /** The cycle the order is for (self-delivering farms' loads so far), when known. */
  cycleId?: string | null;
  lines: ReadonlyArray<Pick<PricedLine, "farmId" | "grams" | "chilled">>;
  point: LatLng | null;
  /** The delivery slot chosen; null: any time. */
  slot?: ChoiceSlot | null;
  buyerKind: SessionUser["buyerKind"];
  now?: Date;
}): Promise<CheckoutCarbon> {
  return estimateOrderForCheckout({
    hubId,
    cycleId,
    lines: lines.map((l) => ({ farmId: l.farmId, grams: l.grams, chilled: l.chilled })),
    delivery: point,
    slot,
    buyerKind,
    now,
  });
}

async function quote({
  hub,
  cycleId,
  lines,
  fulfilment,
  point,
  slot = null,
  choicesFor = null,
  buyerKind,
  now,
}: {
  hub: HubForOrdering;
  cycleId: string | null;
  lines: BasketLineView[];
  fulfilment: Fulfilment;
  point: LatLng | null;
  /** The delivery slot chosen; null: any time. */
  slot?: ChoiceSlot | null;
  /** The buyer's place and the cycle's slots: the lower-carbon choices are figured too. */
  choicesFor?: { point: LatLng; slots: readonly ChoiceSlot[] } | null;
  buyerKind: SessionUser["buyerKind"];
  now: Date;
}): Promise<Quote & { carbon: CheckoutCarbon; choices: CarbonChoices | null }> {
  const roadMetres =
    fulfilment === "DELIVERY" && point
      ? Math.round(roadDistanceMetres({ lat: hub.depotLat, lng: hub.depotLng }, point, getEnv().ROAD_CIRCUITY))
      : null;
  const fee = deliveryFeeMinor(hub, fulfilment, roadMetres);
  const totals = orderTotals(lines, hub, fee);
  const { carbon, choices } = await estimateWithChoices(
    {
      hubId: hub.id,
      cycleId,
      lines: lines.map((l) => ({ farmId: l.farmId, grams: l.grams, chilled: l.chilled })),
      delivery: fulfilment === "DELIVERY" ? point : null,
      slot: fulfilment === "DELIVERY" ? slot : null,
      buyerKind,
      now,
    },
    choicesFor,
  );
  return { lines, ...totals, estimate: carbon.estimate, carbon, choices, roadMetresFromDepot: roadMetres };
}

export interface CheckoutRequest {
  cycleId: string;
  fulfilment: Fulfilment;
  address?: string;
  lat?: number;
  lng?: number;
  slotId?: string;
  paymentMethod: PaymentMethod;
  invoiceTermsDays?: 14 | 30;
  contactPhone?: string;
  notes?: string;
  /** The buyer allows a farm to replace a product it is short of with another (never costing more). */
  allowSubstitutions?: boolean;
  /** The total the buyer saw; when prices moved in between, the buyer reviews again. */
  expectedTotalMinor?: number;
  /**
   * The checkout form's one-time key (a hidden input made when the page is rendered). A repeated
   * or concurrent submit with the same key leads to the order the first one placed.
   */
  idempotencyKey?: string;
}

export type CheckoutResult =
  | {
      ok: true;
      orderId: string;
      orderNumber: number;
      redirectTo: string;
      status: "CONFIRMED" | "PENDING_PAYMENT";
      /** True when this submit found the order an earlier submit of the same checkout placed. */
      existing: boolean;
    }
  | { ok: false; status: number; formErrors: string[]; fieldErrors: Record<string, string[]> };

const fail = (status: number, formErrors: string[], fieldErrors: Record<string, string[]> = {}): CheckoutResult => ({
  ok: false,
  status,
  formErrors,
  fieldErrors,
});

export async function getCheckoutView({
  user,
  fulfilment,
  point,
  cycleId = null,
  slotId = null,
  now = new Date(),
}: {
  user: SessionUser;
  fulfilment: Fulfilment;
  /** Where to deliver; with pickup, the buyer's own place (for the choices' drive to the hub). */
  point: LatLng | null;
  /** The cycle the buyer chose, when more than one is open. */
  cycleId?: string | null;
  /** The delivery slot the buyer chose; unknown ids count as "any time". */
  slotId?: string | null;
  now?: Date;
}) {
  await expireStaleOrders(now);
  const basket = await getBasketView({ user, guestLines: [], cycleId, now });
  const valid = basket.lines.filter((l) => !l.problem);
  const zone = basket.hub ? hubZone(basket.hub) : null;
  const inZone = point && zone ? isInDeliveryZone(point, zone) : null;
  const slots = basket.cycle?.slots ?? [];
  const slot = slots.find((s) => s.id === slotId) ?? null;
  const quoted =
    basket.hub && valid.length > 0
      ? await quote({
          hub: basket.hub,
          cycleId: basket.cycle?.id ?? null,
          lines: valid,
          fulfilment,
          point: fulfilment === "DELIVERY" && inZone ? point : null,
          slot,
          // Delivery and collection compared for a place the hub delivers to.
          choicesFor: point && inZone ? { point, slots } : null,
          buyerKind: user.buyerKind,
          now,
        })
      : null;
  // The stored-order fields stay on the server; the page gets the estimate and the choices.
  const q: Quote | null = quoted ? (({ carbon: _carbon, choices: _choices, ...rest }) => rest)(quoted) : null;
  return {
    basket,
    quote: q,
    carbonChoices: quoted?.choices ?? null,
    slotId: slot?.id ?? null,
    zone: zone ? { kind: zone.kind, radiusMetres: zone.kind === "RADIUS" ? zone.radiusMetres : null } : null,
    pointInZone: inZone,
    paymentMethods: availablePaymentMethods(user),
  };
}

/**
 * Places the order: validates the cycle, the basket, the delivery point and the payment method,
 * reserves stock and creates the order in one transaction, then (card) opens a Stripe Checkout
 * Session. Every failure leaves nothing half-written.
 */
export async function placeOrder({
  user,
  origin,
  input,
  now = new Date(),
}: {
  user: SessionUser;
  /** Where the buyer reached us (scheme and host), for Stripe's return links when APP_URL is not set. */
  origin: string;
  input: CheckoutRequest;
  now?: Date;
}): Promise<CheckoutResult> {
  const t = serverT("messages");
  const format = serverFormat();
  if (user.role !== "BUYER") return fail(403, [t("checkout.buyersOnly")]);
  // A repeated submit of the same checkout form: lead to the order it already placed.
  if (input.idempotencyKey) {
    const existing = await getBuyerOrderByIdempotencyKey({ buyerId: user.id, idempotencyKey: input.idempotencyKey });
    if (existing) return existingOrderResult({ user, origin, orderId: existing.id, now });
  }
  const basket = await getBasketView({ user, guestLines: [], now });
  if (basket.lines.length === 0) return fail(400, [t("checkout.emptyBasket")]);
  if (basket.problems.length > 0) return fail(409, basket.problems);
  const hub = basket.hub;
  if (!hub) return fail(400, [t("checkout.noHub")]);

  const cycle = await getCycle({ id: input.cycleId, hubId: hub.id });
  if (!cycle) return fail(400, [t("checkout.chooseCycle")], { cycleId: [t("checkout.chooseCycle")] });
  if (!isOrderingOpen(cycle, now)) {
    return fail(409, [t("checkout.cycleClosedBasketKept", { cycle: cycle.name })]);
  }
  let slotId: string | null = null;
  let slot: ChoiceSlot | null = null;
  if (input.slotId) {
    slot = cycle.slots.find((s) => s.id === input.slotId) ?? null;
    if (!slot) return fail(400, [t("checkout.chooseSlot")], { slotId: [t("checkout.chooseListedSlot")] });
    slotId = input.slotId;
  }

  let point: LatLng | null = null;
  if (input.fulfilment === "DELIVERY") {
    if (!input.address || input.lat === undefined || input.lng === undefined) {
      return fail(400, [t("checkout.enterAddressAndPosition")], {
        ...(input.address ? {} : { address: [t("checkout.enterAddress")] }),
        ...(input.lat === undefined || input.lng === undefined ? { lat: [t("checkout.enterLatLng")] } : {}),
      });
    }
    point = { lat: input.lat, lng: input.lng };
    const zone = hubZone(hub);
    if (!zone || !isInDeliveryZone(point, zone)) {
      const oneDecimal = { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false };
      const km = format.number(haversineMetres(point, { lat: hub.depotLat, lng: hub.depotLng }) / 1000, oneDecimal);
      const message =
        zone?.kind === "RADIUS"
          ? t("checkout.outsideZoneRadius", {
              hub: hub.name,
              km,
              radius: format.number(zone.radiusMetres / 1000, { maximumFractionDigits: 0, useGrouping: false }),
            })
          : t("checkout.outsideZone", { hub: hub.name, km });
      return fail(400, [message], { address: [message] });
    }
  }

  const methods = availablePaymentMethods(user);
  if (!methods.includes(input.paymentMethod)) {
    const message =
      input.paymentMethod === "INVOICE"
        ? t("checkout.invoiceRestaurantsOnly")
        : input.paymentMethod === "CARD"
          ? t("checkout.cardUnavailable")
          : t("checkout.choosePayment");
    return fail(400, [message], { paymentMethod: [message] });
  }
  if (input.paymentMethod === "INVOICE" && input.invoiceTermsDays !== 14 && input.invoiceTermsDays !== 30) {
    return fail(400, [t("checkout.invoiceTerms")], { invoiceTermsDays: [t("checkout.invoiceTermsShort")] });
  }

  const q = await quote({
    hub,
    cycleId: cycle.id,
    lines: basket.lines,
    fulfilment: input.fulfilment,
    point,
    slot,
    buyerKind: user.buyerKind,
    now,
  });
  if (q.shortOfMinimumMinor > 0) {
    return fail(400, [
      t("checkout.belowMinimum", {
        hub: hub.name,
        minimum: format.money(hub.orderMinimumMinor, hub.currency),
        missing: format.money(q.shortOfMinimumMinor, hub.currency),
      }),
    ]);
  }
  if (input.expectedTotalMinor !== undefined && input.expectedTotalMinor !== q.totalMinor) {
    return fail(409, [t("checkout.totalChanged", { total: format.money(q.totalMinor, hub.currency) })]);
  }

  const tooLarge = [
    q.totalMinor,
    q.subtotalMinor,
    q.totalGrams,
    ...q.lines.flatMap((l) => [l.lineTotalMinor, l.quantityMilli, l.grams]),
  ].some((n) => !Number.isSafeInteger(n) || n > MAX_ORDER_INT);
  if (tooLarge) {
    return fail(400, [t("checkout.tooLarge", { max: format.money(MAX_ORDER_INT, hub.currency) })]);
  }

  const isCard = input.paymentMethod === "CARD";
  const env = getEnv();
  const lines: NewOrderLine[] = q.lines.map((l) => ({
    productId: l.productId,
    farmId: l.farmId,
    productName: l.productName,
    unit: l.unit,
    quantityMilli: l.quantityMilli,
    unitPriceMinor: l.unitPriceMinor,
    lineTotalMinor: l.lineTotalMinor,
    grams: l.grams,
    chilled: l.chilled,
    wholesaleApplied: l.wholesaleApplied,
    soldByWeight: l.soldByWeight,
  }));
  let created: { id: string; number: number; reused: boolean };
  try {
    created = await createOrderReservingStock({
      now,
      lines,
      fromBasketOfUserId: user.id,
      // A second card submit of the same basket (another tab, a double click) finds the first one's order.
      reusePendingOrder: isCard,
      // Card orders keep the basket until the payment succeeds, so a cancelled payment loses nothing.
      clearBasketOfUserId: isCard ? null : user.id,
      order: {
        buyerId: user.id,
        hubId: hub.id,
        cycleId: cycle.id,
        slotId,
        fulfilment: input.fulfilment,
        status: isCard ? "PENDING_PAYMENT" : "CONFIRMED",
        paymentMethod: input.paymentMethod,
        invoiceTermsDays: input.paymentMethod === "INVOICE" ? (input.invoiceTermsDays ?? 30) : null,
        invoiceDueAt: input.paymentMethod === "INVOICE" ? invoiceDueAt(now, input.invoiceTermsDays ?? 30) : null,
        address: input.fulfilment === "DELIVERY" ? (input.address ?? null) : null,
        lat: point?.lat ?? null,
        lng: point?.lng ?? null,
        contactPhone: input.contactPhone || null,
        notes: input.notes ?? "",
        allowSubstitutions: input.allowSubstitutions ?? false,
        currency: hub.currency,
        subtotalMinor: q.subtotalMinor,
        deliveryFeeMinor: q.deliveryFeeMinor,
        totalMinor: q.totalMinor,
        totalGrams: q.totalGrams,
        expiresAt: isCard ? new Date(now.getTime() + env.CARD_ORDER_EXPIRY_MINUTES * 60_000) : null,
        ...q.carbon.fields,
        placedAt: now,
        idempotencyKey: input.idempotencyKey ?? null,
      },
    });
  } catch (error) {
    if (error instanceof BasketChangedError || isUniqueViolation(error)) {
      // Another submit of this checkout got there first (it consumed the basket, or placed the
      // order with this form's key): lead to its order.
      const existing = input.idempotencyKey
        ? await getBuyerOrderByIdempotencyKey({ buyerId: user.id, idempotencyKey: input.idempotencyKey })
        : null;
      if (existing) return existingOrderResult({ user, origin, orderId: existing.id, now });
      return fail(409, [t("checkout.basketChanged")]);
    }
    if (error instanceof StockConflictError) {
      if (error.archived) return fail(409, [t("checkout.noLongerSold", { product: error.productName })]);
      // Unpaid card orders past their time may hold the stock: release them and try once more.
      if ((await expireStaleOrders(now)) > 0) return placeOrder({ user, origin, input, now });
      return fail(409, [
        t("checkout.lowerQuantity", {
          stock: translateMessage(stockMessage(error.availableMilli, error.unit, error.productName)),
        }),
      ]);
    }
    if (error instanceof CycleClosedError) return fail(409, [t("checkout.cycleClosed", { cycle: cycle.name })]);
    throw error;
  }

  if (isCard) {
    if (created.reused) return existingOrderResult({ user, origin, orderId: created.id, now });
    const started = await startCardPayment({ user, origin, orderId: created.id });
    if (started)
      return {
        ok: true,
        orderId: created.id,
        orderNumber: created.number,
        redirectTo: started,
        status: "PENDING_PAYMENT",
        existing: false,
      };
    await releaseOrder({
      id: created.id,
      from: ["PENDING_PAYMENT"],
      to: "CANCELLED",
      data: { failureReason: "Card payment could not be started.", cancelledAt: now },
    });
    return fail(502, [t("checkout.cardNotResponding")]);
  }

  await notifyOrderConfirmed({
    id: created.id,
    number: created.number,
    totalMinor: q.totalMinor,
    currency: hub.currency,
    buyer: { email: user.email, name: user.name, locale: user.locale },
    cycleName: cycle.name,
  });
  return {
    ok: true,
    orderId: created.id,
    orderNumber: created.number,
    redirectTo: `/orders/${created.id}?placed=1`,
    status: "CONFIRMED",
    existing: false,
  };
}

/**
 * Opens (or, with Stripe's idempotency key per order, finds again) the order's Checkout Session
 * and returns its URL; null when Stripe failed (logged).
 */
async function startCardPayment({
  user,
  origin,
  orderId,
}: {
  user: SessionUser;
  /** Where the buyer reached us (scheme and host), for Stripe's return links when APP_URL is not set. */
  origin: string;
  orderId: string;
}): Promise<string | null> {
  const order = await getOrderForCheckoutSession({ id: orderId, buyerId: user.id });
  if (!order) return null;
  const env = getEnv();
  const base = (env.APP_URL ?? origin).replace(/\/$/, "");
  try {
    const session = await createCheckoutSession({
      orderId: order.id,
      orderNumber: order.number,
      currency: order.currency,
      customerEmail: user.email,
      lineItems: [
        ...order.lines.map((l) => ({
          name: `${l.productName} (${l.farm.name})`,
          description: l.wholesaleApplied ? serverT("messages")("checkout.stripe.wholesale") : undefined,
          unitAmountMinor: l.lineTotalMinor,
          quantity: 1,
        })),
        ...(order.deliveryFeeMinor > 0
          ? [
              {
                name: serverT("messages")("checkout.stripe.delivery"),
                unitAmountMinor: order.deliveryFeeMinor,
                quantity: 1,
              },
            ]
          : []),
      ],
      successUrl: `${base}/orders/${order.id}?paid=1&session_id={CHECKOUT_SESSION_ID}`,
      cancelUrl: `${base}/checkout?cancelled=${order.id}`,
      expiresAt: order.expiresAt ?? new Date(Date.now() + env.CARD_ORDER_EXPIRY_MINUTES * 60_000),
    });
    if (order.stripeCheckoutSessionId !== session.id)
      await setOrderCheckoutSession({ id: order.id, sessionId: session.id });
    return session.url;
  } catch (error) {
    console.error("[checkout] Stripe Checkout Session failed:", error);
    return null;
  }
}

/**
 * Where a repeated submit goes: a card order still awaiting payment → its open Checkout Session
 * (the same one); any other order → its page.
 */
async function existingOrderResult({
  user,
  origin,
  orderId,
  now,
}: {
  user: SessionUser;
  /** Where the buyer reached us (scheme and host), for Stripe's return links when APP_URL is not set. */
  origin: string;
  orderId: string;
  now: Date;
}): Promise<CheckoutResult> {
  const order = await getOrderForCheckoutSession({ id: orderId, buyerId: user.id });
  if (!order) return fail(409, [serverT("messages")("checkout.basketChangedCheckOrders")]);
  const page: CheckoutResult = {
    ok: true,
    orderId: order.id,
    orderNumber: order.number,
    redirectTo: `/orders/${order.id}`,
    status: "CONFIRMED",
    existing: true,
  };
  if (order.status !== "PENDING_PAYMENT" || (order.expiresAt && order.expiresAt <= now)) return page;
  if (order.stripeCheckoutSessionId) {
    try {
      const session = await retrieveCheckoutSession(order.stripeCheckoutSessionId);
      if (session.status === "open" && session.url)
        return { ...page, redirectTo: session.url, status: "PENDING_PAYMENT" };
      return page;
    } catch (error) {
      console.error("[checkout] could not look up the Checkout Session:", error);
      return page;
    }
  }
  // The first submit is still opening its session: Stripe's idempotency key per order returns the same one.
  const url = await startCardPayment({ user, origin, orderId: order.id });
  return url ? { ...page, redirectTo: url, status: "PENDING_PAYMENT" } : page;
}
