// Emails are written in the recipient's language (their saved `locale`; none: English), whoever
// or whatever sends them: a request in another language, or a background job with no request.
import { describe, expect, it } from "vitest";
import { runWithRequestLanguage } from "~/i18n/i18n.server";
import { action as basketAction } from "~/routes/basket";
import { action as checkoutAction } from "~/routes/checkout";
import { action as orderAction } from "~/routes/orders.$orderId";
import { notifyOrderCancelled, notifyOrderConfirmed, notifyPaymentFailed } from "~/services/notification.server";
import { runStandingOrders } from "~/services/standing-order.server";
import { prisma } from "~/utils/db.server";
import { createTestCycle, makeRequest } from "../factories";
import { args, orderingWorld, postForm } from "../support/ordering";

const NBSP = "\u00a0";
const order = (email: string, locale: string | null) => ({
  id: "order-1",
  number: 42,
  totalMinor: 1250,
  currency: "GBP",
  buyer: { email, name: "Camille", locale },
});
const lastEmail = (to: string, kind: string) =>
  prisma.emailMessage.findFirstOrThrow({ where: { to, kind }, orderBy: { createdAt: "desc" } });

describe("emails in the recipient's language", () => {
  it("writes an order confirmation in French to a French buyer, even from an English request", async () => {
    await notifyOrderConfirmed({ ...order("camille@example.test", "fr"), cycleName: "Semaine 12" });
    const email = await lastEmail("camille@example.test", "order-confirmed");
    expect(email.subject).toBe("Commande n° 42 confirmée");
    expect(email.text).toBe(
      [
        "Bonjour Camille,",
        "",
        `Votre commande Foodshed n° 42 est confirmée. Total${NBSP}: 12,50${NBSP}£GB.`,
        `Cycle de livraison${NBSP}: Semaine 12.`,
        "",
        `Voir votre commande${NBSP}: http://localhost:3000/orders/order-1`,
      ].join("\n"),
    );
  });

  it("keeps English, word for word, for a buyer without a language, even inside a French request", async () => {
    await runWithRequestLanguage(new Request("http://x/", { headers: { "Accept-Language": "fr" } }), async () => {
      await notifyOrderConfirmed(order("sam@example.test", null));
      await notifyOrderCancelled(order("sam@example.test", null), true);
      await notifyPaymentFailed(order("sam@example.test", null), "sessionExpired");
    });
    const confirmed = await lastEmail("sam@example.test", "order-confirmed");
    expect(confirmed.subject).toBe("Order #42 confirmed");
    expect(confirmed.text).toBe(
      "Hello Camille,\n\nYour Foodshed order #42 is confirmed. Total: £12.50.\n\nSee your order: http://localhost:3000/orders/order-1",
    );
    const cancelled = await lastEmail("sam@example.test", "order-cancelled");
    expect(cancelled.subject).toBe("Order #42 cancelled");
    expect(cancelled.text).toBe(
      "Hello Camille,\n\nOrder #42 has been cancelled. £12.50 is being refunded to your card.\n\nhttp://localhost:3000/orders/order-1",
    );
    const failed = await lastEmail("sam@example.test", "payment-failed");
    expect(failed.subject).toBe("Payment for order #42 did not go through");
    expect(failed.text).toContain("was not completed (the checkout session expired), so the order was cancelled");
  });

  it("tells a French buyer in French why the standing order placed nothing (a job, no request)", async () => {
    const w = await orderingWorld();
    await prisma.user.update({ where: { id: w.household.id }, data: { locale: "fr" } });
    await postForm(basketAction, "/basket", { intent: "add", productId: w.eggs.id, quantity: "1" }, w.household.id);
    await postForm(
      checkoutAction,
      "/checkout",
      { cycleId: w.cycle.id, fulfilment: "PICKUP", paymentMethod: "ON_DELIVERY" },
      w.household.id,
    );
    const placed = await prisma.order.findFirstOrThrow({ where: { buyerId: w.household.id } });
    await orderAction(
      args(await makeRequest(`/orders/${placed.id}`, { userId: w.household.id, form: { intent: "repeat" } }), {
        orderId: placed.id,
      }),
    ).catch((r: unknown) => r);
    await prisma.hub.update({ where: { id: w.hub.id }, data: { orderMinimumMinor: 1000 } });
    await prisma.deliveryCycle.update({ where: { id: w.cycle.id }, data: { status: "CLOSED" } });
    const next = await createTestCycle(w.hub.id);
    await runStandingOrders();
    const email = await lastEmail(w.household.email, "standing-order-skipped");
    expect(email.subject).toBe(`Rien n’a pu être commandé pour ${next.name}`);
    expect(email.text).toBe(
      [
        `Bonjour ${w.household.name},`,
        "",
        `Votre commande récurrente n’a pas pu passer de commande pour ${next.name}${NBSP}:`,
        `- La commande s’élevait à 4,00${NBSP}£GB, sous le minimum de 10,00${NBSP}£GB de ${w.hub.name}${NBSP}: rien n’a été commandé`,
      ].join("\n"),
    );
  });
});
