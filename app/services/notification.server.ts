// Email notifications. Every message is stored first (the outbox, which admins and tests read);
// with SMTP configured it is then sent in the background and marked SENT or FAILED.
import { isMailConfigured, sendMail } from "~/integrations/mailer.server";
import { createEmailMessage, emailKindExists, setEmailStatus } from "~/models/email.server";
import { tFor } from "~/i18n/i18n.server";
import { getEnv } from "~/utils/env.server";
import { formatMoney } from "~/utils/format";

export type EmailKind =
  | "order-confirmed"
  | "payment-failed"
  | "order-cancelled"
  | "cycle-closing-soon"
  | "standing-order-placed"
  | "standing-order-skipped"
  | "password-reset";

const pending = new Set<Promise<unknown>>();

export async function notify({ to, subject, text, kind }: { to: string; subject: string; text: string; kind: string }) {
  const row = await createEmailMessage({ to, subject, text, kind });
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

/** Sends once per (recipient, kind): for reminders such as "cycle closing soon". */
export async function notifyOnce(message: { to: string; subject: string; text: string; kind: string }) {
  if (await emailKindExists({ to: message.to, kind: message.kind })) return null;
  return notify(message);
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
  buyer: { email: string; name: string };
}

export function notifyOrderConfirmed(order: OrderForEmail & { cycleName?: string; deliveryDate?: Date }) {
  return notify({
    to: order.buyer.email,
    kind: "order-confirmed",
    subject: `Order #${order.number} confirmed`,
    text: [
      `Hello ${order.buyer.name},`,
      "",
      `Your Foodshed order #${order.number} is confirmed. Total: ${formatMoney(order.totalMinor, order.currency)}.`,
      order.cycleName ? `Delivery cycle: ${order.cycleName}.` : "",
      "",
      `See your order: ${orderUrl(order.id)}`,
    ]
      .filter((line, i, all) => line !== "" || all[i - 1] !== "")
      .join("\n"),
  });
}

export function notifyPaymentFailed(order: OrderForEmail, reason: string) {
  return notify({
    to: order.buyer.email,
    kind: "payment-failed",
    subject: `Payment for order #${order.number} did not go through`,
    text: `Hello ${order.buyer.name},\n\nThe card payment for order #${order.number} was not completed (${reason}), so the order was cancelled and the food put back on sale. Your basket is still there if you want to try again.\n\n${orderUrl(order.id)}`,
  });
}

export function notifyOrderChanged(order: OrderForEmail, previousTotalMinor: number) {
  return notify({
    to: order.buyer.email,
    kind: "order-changed",
    subject: `Order #${order.number} changed`,
    text: `Hello ${order.buyer.name},\n\nYour changes to order #${order.number} are saved. The total is now ${formatMoney(order.totalMinor, order.currency)} (it was ${formatMoney(previousTotalMinor, order.currency)}).\n\n${orderUrl(order.id)}`,
  });
}

export function notifyOrderCancelled(order: OrderForEmail, refunded: boolean) {
  return notify({
    to: order.buyer.email,
    kind: "order-cancelled",
    subject: `Order #${order.number} cancelled`,
    text: `Hello ${order.buyer.name},\n\nOrder #${order.number} has been cancelled.${refunded ? ` ${formatMoney(order.totalMinor, order.currency)} is being refunded to your card.` : ""}\n\n${orderUrl(order.id)}`,
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
