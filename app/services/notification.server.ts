// Email notifications. Every message is stored first (the outbox, which admins and tests read);
// with SMTP configured it is then sent in the background and marked SENT or FAILED.
import { isMailConfigured, sendMail } from "~/integrations/mailer.server";
import { isUniqueViolation } from "~/models/database.server";
import { withTransaction } from "~/models/database.server";
import { createEmailMessage, emailKindExists, setEmailStatus } from "~/models/email.server";
import { getAdjustmentForEmail } from "~/models/order-adjustment.server";
import { noteNumberText as documentNumberText } from "~/domain/accounting-export";
import { serverFormat, tFor } from "~/i18n/i18n.server";
import { getEnv } from "~/utils/env.server";

export type EmailKind =
  | "order-confirmed"
  | "payment-failed"
  | "order-cancelled"
  | "cycle-closing-soon"
  | "standing-order-placed"
  | "standing-order-skipped"
  | "farm-pack-list"
  | "password-reset"
  | "driver-invitation";

const pending = new Set<Promise<unknown>>();

export async function notify({
  to,
  subject,
  text,
  kind,
  onceKey,
}: {
  to: string;
  subject: string;
  text: string;
  kind: string;
  onceKey?: string;
}) {
  const row = await createEmailMessage({ to, subject, text, kind, onceKey });
  if (isMailConfigured()) {
    const job = sendMail({ to, subject, text })
      .then(() => setEmailStatus({ id: row.id, status: "SENT" }))
      .catch((error: unknown) =>
        setEmailStatus({
          id: row.id,
          status: "FAILED",
          error: error instanceof Error ? error.message : String(error),
        }).catch(() => undefined),
      )
      .finally(() => pending.delete(job));
    pending.add(job);
  }
  return row;
}

/**
 * Sends once per (recipient, kind): for reminders such as "cycle closing soon". The unique key
 * decides when two runs race (several server processes run the same periodic tasks): one stores
 * and sends the message, the other gets null.
 */
export async function notifyOnce(message: { to: string; subject: string; text: string; kind: string }) {
  if (await emailKindExists({ to: message.to, kind: message.kind })) return null;
  try {
    return await notify({ ...message, onceKey: `${message.to}|${message.kind}` });
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** For tests and shutdown: wait for SMTP sends in flight. */
export async function flushNotifications() {
  await Promise.allSettled([...pending]);
}

function orderUrl(orderId: string) {
  const base = getEnv().APP_URL ?? "http://localhost:3000";
  return `${base.replace(/\/$/, "")}/orders/${orderId}`;
}

interface OrderForEmail {
  id: string;
  number: number;
  totalMinor: number;
  currency: string;
  /** `locale`: the buyer's saved language (null or absent: English). */
  buyer: { email: string; name: string; locale?: string | null };
}

/** Paragraphs of a plain-text email: blank-line separated, no doubled blank lines. */
const paragraphs = (...lines: string[]) => lines.filter((line, i, all) => line !== "" || all[i - 1] !== "").join("\n");

export function notifyOrderConfirmed(order: OrderForEmail & { cycleName?: string; deliveryDate?: Date }) {
  const t = tFor(order.buyer.locale, "email");
  const format = serverFormat(order.buyer.locale ?? null);
  return notify({
    to: order.buyer.email,
    kind: "order-confirmed",
    subject: t("orderConfirmed.subject", { number: order.number }),
    text: paragraphs(
      t("greeting", { name: order.buyer.name }),
      "",
      t("orderConfirmed.confirmed", { number: order.number, total: format.money(order.totalMinor, order.currency) }),
      order.cycleName ? t("orderConfirmed.cycle", { cycle: order.cycleName }) : "",
      "",
      t("orderConfirmed.seeOrder", { url: orderUrl(order.id) }),
    ),
  });
}

/** `reason`: why the payment did not complete, in the buyer's language ("paymentFailed.reasons.*"). */
export function notifyPaymentFailed(order: OrderForEmail, reason: PaymentFailureReason) {
  const t = tFor(order.buyer.locale, "email");
  return notify({
    to: order.buyer.email,
    kind: "payment-failed",
    subject: t("paymentFailed.subject", { number: order.number }),
    text: [
      t("greeting", { name: order.buyer.name }),
      "",
      t("paymentFailed.body", { number: order.number, reason: t(`paymentFailed.reasons.${reason}`) }),
      "",
      orderUrl(order.id),
    ].join("\n"),
  });
}

export type PaymentFailureReason = "windowClosed" | "sessionExpired";

export function notifyOrderChanged(order: OrderForEmail, previousTotalMinor: number) {
  const t = tFor(order.buyer.locale, "email");
  const format = serverFormat(order.buyer.locale ?? null);
  return notify({
    to: order.buyer.email,
    kind: "order-changed",
    subject: t("orderChanged.subject", { number: order.number }),
    text: [
      t("greeting", { name: order.buyer.name }),
      "",
      t("orderChanged.body", {
        number: order.number,
        total: format.money(order.totalMinor, order.currency),
        previous: format.money(previousTotalMinor, order.currency),
      }),
      "",
      orderUrl(order.id),
    ].join("\n"),
  });
}

/** A credit or debit note's number as printed: CN-0007 / DN-0008 (one rule: domain/accounting-export). */
export function noteNumberText(kind: "CREDIT_NOTE" | "DEBIT_NOTE", number: number): string {
  return documentNumberText(kind === "CREDIT_NOTE" ? "creditNote" : "debitNote", number);
}

/**
 * Tells the buyer what changed on a line after the cut-off, with the old and new amounts, the new
 * total, and the note or refund that goes with it. Once per adjustment.
 */
export async function notifyOrderAdjusted({ adjustmentId }: { adjustmentId: string }) {
  const adjustment = await withTransaction((tx) => getAdjustmentForEmail(tx, { adjustmentId }));
  if (!adjustment) return null;
  const order = adjustment.order;
  const t = tFor(order.buyer.locale, "email");
  const format = serverFormat(order.buyer.locale ?? null);
  const money = (minor: number) => format.money(minor, order.currency);
  const unit = adjustment.line.unit;
  const what =
    adjustment.kind === "WEIGHT"
      ? t("orderAdjusted.weight", {
          product: adjustment.toProductName,
          quantity: format.quantity(adjustment.toQuantityMilli, unit),
          // To the gram: the buyer pays for it (grams are thousandths of a kilogram).
          weight: format.quantity(adjustment.toGrams, "KG"),
        })
      : adjustment.kind === "SHORT"
        ? t("orderAdjusted.short", {
            product: adjustment.fromProductName,
            quantity: format.quantity(adjustment.toQuantityMilli, unit),
            ordered: format.quantity(adjustment.fromQuantityMilli, unit),
          })
        : adjustment.kind === "SUBSTITUTE"
          ? t("orderAdjusted.substitute", {
              product: adjustment.fromProductName,
              substitute: adjustment.toProductName,
              quantity: format.quantity(adjustment.toQuantityMilli, unit),
            })
          : t("orderAdjusted.asOrdered", { product: adjustment.toProductName });
  const note = adjustment.ledgerEntries.find((e) => e.kind === "CREDIT_NOTE" || e.kind === "DEBIT_NOTE");
  const noteText = note?.noteNumber
    ? t(note.kind === "CREDIT_NOTE" ? "orderAdjusted.creditNote" : "orderAdjusted.debitNote", {
        note: noteNumberText(note.kind as "CREDIT_NOTE" | "DEBIT_NOTE", note.noteNumber),
        amount: money(Math.abs(note.amountMinor)),
      })
    : "";
  const absorbed = adjustment.ledgerEntries.find((e) => e.kind === "ABSORBED" && e.amountMinor > 0);
  return notify({
    to: order.buyer.email,
    kind: `order-adjusted:${adjustment.id}`,
    onceKey: `${order.buyer.email}|order-adjusted:${adjustment.id}`,
    subject: t("orderAdjusted.subject", { number: order.number }),
    text: paragraphs(
      t("greeting", { name: order.buyer.name }),
      "",
      t("orderAdjusted.intro", { number: order.number }),
      "",
      `${what} ${t("orderAdjusted.line", { from: money(adjustment.fromTotalMinor), to: money(adjustment.toTotalMinor) })}`,
      adjustment.note ? t("orderAdjusted.farmNote", { note: adjustment.note }) : "",
      "",
      t("orderAdjusted.total", {
        from: money(adjustment.orderTotalBeforeMinor),
        to: money(adjustment.orderTotalAfterMinor),
      }),
      noteText,
      adjustment.refundMinor > 0 ? t("orderAdjusted.refund", { amount: money(adjustment.refundMinor) }) : "",
      absorbed ? t("orderAdjusted.absorbed", { amount: money(absorbed.amountMinor) }) : "",
      "",
      orderUrl(order.id),
    ),
  });
}

export function notifyOrderCancelled(order: OrderForEmail, refunded: boolean) {
  const t = tFor(order.buyer.locale, "email");
  const format = serverFormat(order.buyer.locale ?? null);
  return notify({
    to: order.buyer.email,
    kind: "order-cancelled",
    subject: t("orderCancelled.subject", { number: order.number }),
    text: [
      t("greeting", { name: order.buyer.name }),
      "",
      refunded
        ? t("orderCancelled.bodyRefunded", {
            number: order.number,
            total: format.money(order.totalMinor, order.currency),
          })
        : t("orderCancelled.body", { number: order.number }),
      "",
      orderUrl(order.id),
    ].join("\n"),
  });
}

/**
 * The "Forgot your password?" email: a single-use link (docs/decisions/019), in `language` (the
 * account's saved language, else the one the request was made in).
 */
export function notifyPasswordReset({
  to,
  token,
  minutes,
  language,
}: {
  to: string;
  token: string;
  minutes: number;
  language: string | null;
}) {
  const base = (getEnv().APP_URL ?? "http://localhost:3000").replace(/\/$/, "");
  const t = tFor(language, "email");
  return notify({
    to,
    kind: "password-reset",
    subject: t("passwordReset.subject"),
    text: [
      t("passwordReset.greeting"),
      "",
      t("passwordReset.someoneAsked"),
      t("passwordReset.chooseHere", { count: minutes }),
      "",
      `${base}/reset-password/${token}`,
      "",
      t("passwordReset.ignore"),
    ].join("\n"),
  });
}

/**
 * A coordinator's invitation to drive for their hub (docs/decisions/030): a single-use link that
 * sets the driver's password, in `language` (the coordinator's request language: the invitee has
 * no account yet).
 */
export function notifyDriverInvitation({
  to,
  name,
  hubName,
  token,
  days,
  language,
}: {
  to: string;
  name: string;
  hubName: string;
  token: string;
  days: number;
  language: string | null;
}) {
  const base = (getEnv().APP_URL ?? "http://localhost:3000").replace(/\/$/, "");
  const t = tFor(language, "email");
  return notify({
    to,
    kind: "driver-invitation",
    subject: t("driverInvitation.subject", { hub: hubName }),
    text: paragraphs(
      t("greeting", { name }),
      "",
      t("driverInvitation.invited", { hub: hubName }),
      t("driverInvitation.setPassword", { count: days }),
      "",
      `${base}/invite/${token}`,
      "",
      t("driverInvitation.ignore"),
    ),
  });
}
