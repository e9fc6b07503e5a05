// After the cut-off a farm (or the hub) records what was really packed for a line: the actual
// weight of an estimated-weight product, a shortage, or a substitute the buyer allowed. The line,
// the order's totals, its billing notes and its money move in one transaction; a card refund is
// made after commit (and retried by the scheduler until Stripe confirms it). docs/decisions/036.
import type { AdjustmentKind, Unit } from "~generated/prisma/enums.ts";
import { message } from "~/domain/message";
import { parseQuantityToMilli } from "~/domain/quantity";
import { effectiveCycleStatus, type CycleClock } from "~/domain/cycles";
import { moneyMove, packLine, type AdjustmentError, type PackedInput } from "~/domain/order-adjustment";
import { priceLine } from "~/domain/pricing";
import { serverT } from "~/i18n/i18n.server";
import { isStripeConfigured, listPaymentRefunds, refundPartOfPayment } from "~/integrations/stripe.server";
import { isUniqueViolation, withTransaction } from "~/models/database.server";
import {
  addLedgerEntry,
  createAdjustment,
  findAdjustmentByRequestKey,
  findOrderByPaymentIntent,
  getLineForAdjustment,
  listCyclePackingLines,
  listFarmSubstitutes,
  listRefundsToMake,
  listSubstituteCandidates,
  lockOrder,
  nextNoteNumber,
  readOrderMoney,
  recordRefundError,
  recordRefundMade,
  refreshOrderTotals,
  writePackedLine,
  type LineForAdjustment,
} from "~/models/order-adjustment.server";
import { giveBackStock, StockConflictError, takeStock } from "~/models/product.server";
import { findCurrentPlanId } from "~/models/route-plan.server";
import { notifyOrderAdjusted } from "./notification.server";
import { recomputePlanCarbon } from "./route-planning.server";

/** The form as submitted (already checked by the route's zod schema); quantities are text in the line's unit. */
export interface AdjustInput {
  kind: "asOrdered" | "short" | "weight" | "substitute";
  /** Units packed (short, weight) or of the substitute. */
  quantity?: string;
  /** The actual weight of what was packed, in kg ("1.13"). */
  actualWeightKg?: string;
  substituteProductId?: string;
}

export interface AdjustLineRequest {
  /** Who records it (kept on the adjustment). */
  userId: string;
  /** On whose behalf: the line's farmer (pick list) or the order's hub (packing page). */
  actor: { farmerId: string } | { hubId: string };
  lineId: string;
  /** The line's version the form was made from: a newer one answers 409. */
  version: number;
  /** The form's one-time key: the same key twice records one adjustment. */
  requestKey: string;
  input: AdjustInput;
  note: string;
  now?: Date;
}

export type AdjustLineResult =
  | { ok: true; adjustmentId: string; replay: boolean; orderNumber: number; totalMinor: number }
  | { ok: false; status: 400 | 404 | 409; message: string };

const KIND: Record<AdjustInput["kind"], AdjustmentKind> = {
  asOrdered: "AS_ORDERED",
  short: "SHORT",
  weight: "WEIGHT",
  substitute: "SUBSTITUTE",
};

class Refusal extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

const m = (key: string, values: Record<string, unknown> = {}) => serverT("messages")(`adjust.${key}`, values);

/** Who may adjust: the line's farmer, or the order's hub (its coordinator, checked by the route). */
export function mayAdjust(line: Pick<LineForAdjustment, "farm" | "order">, actor: AdjustLineRequest["actor"]): boolean {
  return "farmerId" in actor ? line.farm.ownerId === actor.farmerId : line.order.hubId === actor.hubId;
}

/** Why the line cannot be adjusted now, or null. */
export function adjustRefusal(
  line: Pick<LineForAdjustment, "order">,
  now: Date,
): { status: 409; message: string } | null {
  if (line.order.status !== "CONFIRMED")
    return { status: 409, message: m("notConfirmed", { number: line.order.number }) };
  if (effectiveCycleStatus(line.order.cycle, now) === "OPEN") return { status: 409, message: m("beforeCutoff") };
  return null;
}

const FIELD = {
  quantity: {
    label: message("messages:adjust.fields.quantity"),
    lower: message("messages:adjust.fieldsLower.quantity"),
  },
  weight: { label: message("messages:adjust.fields.weight"), lower: message("messages:adjust.fieldsLower.weight") },
};

const ERROR_KEYS: Record<AdjustmentError, string> = {
  notShort: "notShort",
  notSoldByWeight: "notSoldByWeight",
  weightOutOfRange: "weightOutOfRange",
  quantityOutOfRange: "quantityOutOfRange",
  substituteQuantity: "substituteQuantity",
};

export async function adjustOrderLine(request: AdjustLineRequest): Promise<AdjustLineResult> {
  const now = request.now ?? new Date();
  let outcome: { adjustmentId: string; replay: boolean; orderNumber: number; totalMinor: number; refundMinor: number };
  try {
    outcome = await withTransaction(async (tx) => {
      const line = await getLineForAdjustment(tx, { lineId: request.lineId });
      if (!line || !mayAdjust(line, request.actor)) throw new Refusal(404, m("notFound"));
      await lockOrder(tx, { orderId: line.orderId });
      // Under the order's lock: a submit of the same form that got here first has committed.
      const replay = await findAdjustmentByRequestKey(tx, { requestKey: request.requestKey });
      if (replay) {
        if (replay.lineId !== line.id) throw new Refusal(409, m("keyReused"));
        return {
          adjustmentId: replay.id,
          replay: true,
          orderNumber: line.order.number,
          totalMinor: replay.orderTotalAfterMinor,
          refundMinor: 0,
        };
      }
      // Read again under the lock: a cancel, a payment or another adjustment may have just committed.
      const current = (await getLineForAdjustment(tx, { lineId: line.id }))!;
      const refusal = adjustRefusal(current, now);
      if (refusal) throw new Refusal(refusal.status, refusal.message);
      if (current.version !== request.version) throw new Refusal(409, m("stale"));
      return applyAdjustment(tx, current, request, now);
    });
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, status: error.status, message: error.message };
    if (error instanceof StockConflictError)
      return { ok: false, status: 409, message: m("substituteStock", { product: error.productName }) };
    // Two submits of one form raced past the lookup: the other one recorded it.
    if (isUniqueViolation(error)) {
      const existing = await withTransaction((tx) =>
        findAdjustmentByRequestKey(tx, { requestKey: request.requestKey }),
      );
      if (existing) {
        const line = await withTransaction((tx) => getLineForAdjustment(tx, { lineId: existing.lineId }));
        return {
          ok: true,
          adjustmentId: existing.id,
          replay: true,
          orderNumber: line?.order.number ?? 0,
          totalMinor: existing.orderTotalAfterMinor,
        };
      }
    }
    throw error;
  }
  if (!outcome.replay) {
    if (outcome.refundMinor > 0) await makeAdjustmentRefunds({ now, adjustmentId: outcome.adjustmentId });
    await notifyOrderAdjusted({ adjustmentId: outcome.adjustmentId }).catch((error) =>
      console.error("[adjust] could not notify the buyer:", error),
    );
  }
  return {
    ok: true,
    adjustmentId: outcome.adjustmentId,
    replay: outcome.replay,
    orderNumber: outcome.orderNumber,
    totalMinor: outcome.totalMinor,
  };
}

async function applyAdjustment(
  tx: Parameters<Parameters<typeof withTransaction>[0]>[0],
  line: LineForAdjustment,
  request: AdjustLineRequest,
  now: Date,
) {
  const order = line.order;
  const ordered = {
    productId: line.orderedProductId ?? line.productId,
    productName: line.orderedProductName ?? line.productName,
    quantityMilli: line.orderedQuantityMilli ?? line.quantityMilli,
    lineTotalMinor: line.orderedTotalMinor ?? line.lineTotalMinor,
    grams: line.orderedGrams ?? line.grams,
  };
  const unitPriceMinor = line.unitPriceMinor;
  let packedInput: PackedInput;
  let product = { id: ordered.productId, name: ordered.productName };
  const input = request.input;
  const quantity = (unit: Unit) => {
    const parsed = parseQuantityToMilli(input.quantity, { unit, label: FIELD.quantity });
    if (!parsed.ok) throw new Refusal(400, parsed.error);
    return parsed.value;
  };
  if (input.kind === "substitute") {
    if (!order.allowSubstitutions) throw new Refusal(409, m("noConsent", { number: order.number }));
    if (!input.substituteProductId) throw new Refusal(400, m("substituteUnknown"));
    if (input.substituteProductId === ordered.productId) throw new Refusal(400, m("substituteSame"));
    const candidates = await listSubstituteCandidates(tx, { farmId: line.farmId, excludeProductId: ordered.productId });
    const substitute = candidates.find((c) => c.id === input.substituteProductId);
    if (!substitute) throw new Refusal(400, m("substituteUnknown"));
    const quantityMilli = quantity(substitute.unit);
    const priced = priceLine(
      { ...substitute, farmId: line.farmId, chilled: false },
      quantityMilli,
      order.buyer.buyerKind,
    );
    packedInput = {
      kind: "substitute",
      quantityMilli,
      product: { unitPriceMinor: priced.unitPriceMinor, gramsPerUnit: substitute.gramsPerUnit },
    };
    product = { id: substitute.id, name: substitute.name };
  } else if (input.kind === "short") {
    packedInput = { kind: "short", quantityMilli: quantity(line.unit) };
  } else if (input.kind === "weight") {
    // Kilograms with up to three decimals are grams in thousandths of a kilogram.
    const weight = parseQuantityToMilli(input.actualWeightKg, { label: FIELD.weight });
    if (!weight.ok) throw new Refusal(400, weight.error);
    packedInput = {
      kind: "weight",
      quantityMilli: input.quantity?.trim() ? quantity(line.unit) : ordered.quantityMilli,
      actualGrams: weight.value,
    };
  } else {
    packedInput = { kind: "asOrdered" };
  }
  const packed = packLine(
    {
      quantityMilli: ordered.quantityMilli,
      unitPriceMinor,
      lineTotalMinor: ordered.lineTotalMinor,
      grams: ordered.grams,
      soldByWeight: line.soldByWeight,
    },
    packedInput,
  );
  if (!packed.ok) throw new Refusal(400, m(`errors.${ERROR_KEYS[packed.error]}`));

  // Stock: a substitute's units are taken (only where enough is left); an earlier substitute's
  // units go back. A shortage gives nothing back: the units were never there.
  const previousSubstitute = line.productId !== ordered.productId ? line.productId : null;
  if (previousSubstitute)
    await giveBackStock({ db: tx, productId: previousSubstitute, quantityMilli: line.quantityMilli });
  if (input.kind === "substitute")
    await takeStock({
      db: tx,
      productId: product.id,
      quantityMilli: packed.line.quantityMilli,
      asLine: { productName: product.name, unit: line.unit },
    });

  const totalBefore = order.totalMinor;
  const written = await writePackedLine(tx, {
    lineId: line.id,
    fromVersion: line.version,
    productId: product.id,
    productName: product.name,
    quantityMilli: packed.line.quantityMilli,
    lineTotalMinor: packed.line.lineTotalMinor,
    grams: packed.line.grams,
    ordered,
    now,
  });
  if (!written) throw new Refusal(409, m("stale"));
  const totalAfter = await refreshOrderTotals(tx, { orderId: order.id });

  // The money: the invoice as issued (first adjustment), a note for the difference, and for a
  // paid card order what to refund or absorb.
  const card = order.paymentMethod === "CARD" && order.paymentStatus === "PAID";
  const { money, hasInvoice, hasCharge } = await readOrderMoney(tx, { orderId: order.id, dueMinor: totalBefore });
  const base = { hubId: order.hubId, orderId: order.id, currency: order.currency, createdAt: now };
  if (!hasInvoice)
    await addLedgerEntry(tx, { ...base, key: `invoice:${order.id}`, kind: "INVOICE", amountMinor: totalBefore });
  if (card && !hasCharge) {
    // Paid before the ledger existed: the charge was the order's total (card orders cannot change).
    await addLedgerEntry(tx, { ...base, key: `charge:${order.id}`, kind: "CHARGE", amountMinor: totalBefore });
    money.chargedMinor = totalBefore;
  }
  const move = moneyMove(money, totalAfter, card);
  const adjustment = await createAdjustment(tx, {
    requestKey: request.requestKey,
    orderId: order.id,
    lineId: line.id,
    hubId: order.hubId,
    farmId: line.farmId,
    kind: KIND[input.kind],
    byUserId: request.userId,
    fromProductName: line.productName,
    toProductName: product.name,
    fromQuantityMilli: line.quantityMilli,
    toQuantityMilli: packed.line.quantityMilli,
    fromGrams: line.grams,
    toGrams: packed.line.grams,
    fromTotalMinor: line.lineTotalMinor,
    toTotalMinor: packed.line.lineTotalMinor,
    orderTotalBeforeMinor: totalBefore,
    orderTotalAfterMinor: totalAfter,
    note: request.note,
    refundMinor: move.refundMinor,
    createdAt: now,
  });
  if (move.noteMinor !== 0) {
    await addLedgerEntry(tx, {
      ...base,
      key: `note:${adjustment.id}`,
      adjustmentId: adjustment.id,
      kind: move.noteMinor < 0 ? "CREDIT_NOTE" : "DEBIT_NOTE",
      amountMinor: move.noteMinor,
      noteNumber: await nextNoteNumber(tx, { hubId: order.hubId }),
    });
  }
  if (move.absorbedMinor !== 0) {
    await addLedgerEntry(tx, {
      ...base,
      key: `absorbed:${adjustment.id}`,
      adjustmentId: adjustment.id,
      kind: "ABSORBED",
      amountMinor: move.absorbedMinor,
    });
  }
  // Carbon follows the packed weights: a planned cycle's allocation is recomputed.
  const planId = await findCurrentPlanId({ cycleId: order.cycle.id, db: tx });
  if (planId) await recomputePlanCarbon({ db: tx, planId, now });
  return {
    adjustmentId: adjustment.id,
    replay: false,
    orderNumber: order.number,
    totalMinor: totalAfter,
    refundMinor: move.refundMinor,
  };
}

/**
 * Makes the card refunds adjustments decided and Stripe has not confirmed (one adjustment, or every
 * pending one for the scheduler). The idempotency key is the adjustment's id, so a retry after a
 * timeout never refunds twice. Returns how many were made.
 */
export async function makeAdjustmentRefunds({
  now = new Date(),
  adjustmentId,
}: { now?: Date; adjustmentId?: string } = {}) {
  if (!isStripeConfigured()) return 0;
  const pending = (await withTransaction((tx) => listRefundsToMake(tx))).filter(
    (p) => !adjustmentId || p.id === adjustmentId,
  );
  let made = 0;
  for (const item of pending) {
    const paymentIntentId = item.order.stripePaymentIntentId;
    if (!paymentIntentId) continue;
    try {
      const refund = await refundPartOfPayment({
        paymentIntentId,
        amountMinor: item.refundMinor,
        orderId: item.orderId,
        adjustmentId: item.id,
      });
      await withTransaction((tx) =>
        recordRefundMade(tx, {
          adjustmentId: item.id,
          stripeRefundId: refund.id,
          hubId: item.hubId,
          orderId: item.orderId,
          amountMinor: item.refundMinor,
          currency: item.order.currency,
          now,
        }),
      );
      made++;
    } catch (error) {
      console.error(`[adjust] refund for adjustment ${item.id} failed, will retry:`, error);
      await withTransaction((tx) =>
        recordRefundError(tx, {
          adjustmentId: item.id,
          message: error instanceof Error ? error.message : String(error),
        }),
      );
    }
  }
  return made;
}

/**
 * Records every refund Stripe holds for a payment in the order's ledger, once each (keyed by the
 * refund id): those this app made and those made in the Stripe dashboard. Run on `charge.refunded`.
 */
export async function recordRefundsOfPayment({
  paymentIntentId,
  now = new Date(),
}: {
  paymentIntentId: string;
  now?: Date;
}) {
  const refunds = await listPaymentRefunds(paymentIntentId);
  return withTransaction(async (tx) => {
    const order = await findOrderByPaymentIntent(tx, { paymentIntentId });
    if (!order) return 0;
    let recorded = 0;
    for (const refund of refunds) {
      if (refund.status === "failed" || refund.status === "canceled") continue;
      const adjustmentId = refund.metadata?.adjustmentId || null;
      if (adjustmentId) {
        await recordRefundMade(tx, {
          adjustmentId,
          stripeRefundId: refund.id,
          hubId: order.hubId,
          orderId: order.id,
          amountMinor: refund.amount,
          currency: order.currency,
          now,
        });
        continue;
      }
      const added = await addLedgerEntry(tx, {
        key: `refund:${refund.id}`,
        hubId: order.hubId,
        orderId: order.id,
        kind: "REFUND",
        amountMinor: -refund.amount,
        currency: order.currency,
        stripeRefundId: refund.id,
        createdAt: now,
      });
      if (added) recorded++;
    }
    return recorded;
  });
}

/** The hub's packing page of a cycle: every counted line with its form's data, and the farms' substitutes. */
export async function getCyclePacking({
  hubId,
  cycle,
  now = new Date(),
}: {
  hubId: string;
  cycle: CycleClock & { id: string };
  now?: Date;
}) {
  const adjustable = effectiveCycleStatus(cycle, now) !== "OPEN";
  const lines = await listCyclePackingLines({ hubId, cycleId: cycle.id });
  const farmIds = [...new Set(lines.map((l) => l.farmId))];
  return {
    adjustable,
    lines: lines.map((l) => ({
      id: l.id,
      farmId: l.farmId,
      farmName: l.farm.name,
      productName: l.productName,
      unit: l.unit,
      quantityMilli: l.quantityMilli,
      lineTotalMinor: l.lineTotalMinor,
      grams: l.grams,
      chilled: l.chilled,
      soldByWeight: l.soldByWeight,
      version: l.version,
      orderNumber: l.order.number,
      buyerName: l.order.buyer.name,
      allowSubstitutions: l.order.allowSubstitutions,
      ordered: l.adjustedAt
        ? {
            productName: l.orderedProductName ?? l.productName,
            quantityMilli: l.orderedQuantityMilli ?? l.quantityMilli,
            totalMinor: l.orderedTotalMinor ?? l.lineTotalMinor,
            grams: l.orderedGrams ?? l.grams,
          }
        : null,
      canAdjust: adjustable && l.order.status === "CONFIRMED",
    })),
    substitutes: adjustable && farmIds.length > 0 ? await listFarmSubstitutes({ farmIds }) : [],
  };
}
