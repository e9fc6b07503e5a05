import { describe, expect, it } from "vitest";
import { action as basketAction } from "~/routes/basket";
import { action as checkoutAction, loader as checkoutLoader } from "~/routes/checkout";
import { action as orderAction, loader as orderLoader } from "~/routes/orders.$orderId";
import { loader as invoiceLoader } from "~/routes/orders.$orderId_.invoice";
import { loader as ordersLoader } from "~/routes/orders._index";
import { parseCarbonDetail } from "~/domain/carbon";
import { prisma } from "~/utils/db.server";
import { createTestProduct, makeRequest } from "../factories";
import { args, catchResponse, orderingWorld, postForm } from "../support/ordering";

const add = (productId: string, quantity: string) => ({ intent: "add", productId, quantity });

async function fill(w: Awaited<ReturnType<typeof orderingWorld>>, userId: string, carrots = "2", eggs = "1") {
  await postForm(basketAction, "/basket", add(w.carrots.id, carrots), userId);
  await postForm(basketAction, "/basket", add(w.eggs.id, eggs), userId);
}

const deliveryForm = (cycleId: string, extra: Record<string, string> = {}) => ({
  cycleId,
  fulfilment: "DELIVERY",
  address: "1 Test Street, Bristol",
  lat: "51.46",
  lng: "-2.59",
  paymentMethod: "ON_DELIVERY",
  ...extra,
});

async function formErrors(response: Response) {
  const body = (await response.json()) as { error?: Record<string, string[]> };
  return JSON.stringify(body.error ?? {});
}

describe("checkout", () => {
  it("places a delivery order across two farms with server prices, stock reserved, basket cleared, estimate stored and an email in the outbox", async () => {
    const w = await orderingWorld();
    await fill(w, w.household.id);
    const view = await catchResponse(checkoutLoader(args(await makeRequest("/checkout", { userId: w.household.id }))));
    const data = (await view.json()) as { view: { quote: { totalMinor: number; estimate: { status: string } } } };
    expect(data.view.quote.estimate.status).toBe("ESTIMATED");
    // A tampered price is ignored: prices come from the product rows.
    const response = await postForm(
      checkoutAction,
      "/checkout",
      deliveryForm(w.cycle.id, {
        unitPriceMinor: "1",
        totalMinor: "1",
        expectedTotalMinor: String(data.view.quote.totalMinor),
      }),
      w.household.id,
    );
    expect(response.status).toBe(302);
    const order = await prisma.order.findFirstOrThrow({ where: { buyerId: w.household.id }, include: { lines: true } });
    expect(response.headers.get("Location")).toBe(`/orders/${order.id}?placed=1`);
    expect(order.subtotalMinor).toBe(500 + 400);
    expect(order.deliveryFeeMinor).toBe(350);
    expect(order.totalMinor).toBe(1250);
    expect(order.totalGrams).toBe(2000 + 720);
    expect(order.status).toBe("CONFIRMED");
    expect(order.estCo2eGrams).toBeGreaterThan(0);
    expect(order.estFoodMetres).toBeGreaterThan(0);
    // The stored estimate: method version and factor set recorded, figures in the detail match the columns.
    expect(order.carbonMethodVersion).toBe("foodshed-carbon-2");
    expect(order.carbonFactorSet).toBe("desnz-2025");
    const detail = parseCarbonDetail(order.carbonDetail);
    expect(detail?.allocation).toBeNull();
    if (detail?.estimate?.status !== "ESTIMATED") throw new Error("expected a stored estimate");
    expect(detail.estimate.co2eGrams).toBe(order.estCo2eGrams);
    expect(detail.estimate.grams).toBe(order.totalGrams);
    expect(detail.estimate.hubToBuyerCo2eGrams).toBeGreaterThan(0);
    expect(detail.estimate.byFarm).toHaveLength(2);
    expect(detail.estimate.baseline?.carTripMetres).not.toBeNull();
    expect(order.lines.map((l) => l.unitPriceMinor).sort()).toEqual([250, 400]);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: w.carrots.id } })).stockMilli).toBe(48_000);
    expect(await prisma.basketItem.count({ where: { userId: w.household.id } })).toBe(0);
    expect(
      await prisma.emailMessage.count({ where: { to: w.household.email, kind: "order-confirmed", status: "OUTBOX" } }),
    ).toBe(1);

    const page = await catchResponse(
      orderLoader(args(await makeRequest(`/orders/${order.id}`, { userId: w.household.id }), { orderId: order.id })),
    );
    const pageData = (await page.json()) as {
      order: { groups: unknown[]; estCo2eGrams: number; carbonDetail: unknown; canCancel: boolean };
    };
    expect(pageData.order.groups).toHaveLength(2);
    expect(parseCarbonDetail(pageData.order.carbonDetail)?.estimate?.status).toBe("ESTIMATED");
    expect(pageData.order.canCancel).toBe(true);
    const history = await catchResponse(ordersLoader(args(await makeRequest("/orders", { userId: w.household.id }))));
    expect(((await history.json()) as { orders: unknown[] }).orders).toHaveLength(1);
  });

  it("stores 'not estimated' with the reason (never 0) when a product has no weight recorded", async () => {
    const w = await orderingWorld();
    const jam = await createTestProduct(w.farmB.id, {
      name: "Jam",
      unit: "EACH",
      gramsPerUnit: 0,
      retailPriceMinor: 300,
    });
    await postForm(basketAction, "/basket", add(jam.id, "2"), w.household.id);
    await postForm(basketAction, "/basket", add(w.carrots.id, "1"), w.household.id);
    const view = await catchResponse(checkoutLoader(args(await makeRequest("/checkout", { userId: w.household.id }))));
    const data = (await view.json()) as { view: { quote: { estimate: { status: string; reason?: string } } } };
    expect(data.view.quote.estimate.status).toBe("NOT_ESTIMATED");
    expect(data.view.quote.estimate.reason).toContain(w.farmB.name);
    const response = await postForm(checkoutAction, "/checkout", deliveryForm(w.cycle.id), w.household.id);
    expect(response.status).toBe(302);
    const order = await prisma.order.findFirstOrThrow({ where: { buyerId: w.household.id } });
    expect(order.estCo2eGrams).toBeNull();
    expect(order.estFoodMetres).toBeNull();
    expect(order.carbonMethodVersion).toBe("foodshed-carbon-2");
    expect(order.carbonFactorSet).toBe("desnz-2025");
    const estimate = parseCarbonDetail(order.carbonDetail)?.estimate;
    expect(estimate?.status).toBe("NOT_ESTIMATED");
    expect(estimate?.status === "NOT_ESTIMATED" && estimate.reason).toMatch(/No weight is recorded/);
  });

  it("refuses a changed total (the buyer reviews again) and nothing is written", async () => {
    const w = await orderingWorld();
    await fill(w, w.household.id);
    const response = await postForm(
      checkoutAction,
      "/checkout",
      deliveryForm(w.cycle.id, { expectedTotalMinor: "1" }),
      w.household.id,
    );
    expect(response.status).toBe(409);
    expect(await formErrors(response)).toMatch(/total changed/);
    expect(await prisma.order.count({ where: { buyerId: w.household.id } })).toBe(0);
  });

  it("gives restaurants wholesale prices at the minimum and lets them pay by invoice net 14", async () => {
    const w = await orderingWorld();
    await fill(w, w.restaurant.id, "5", "1");
    const response = await postForm(
      checkoutAction,
      "/checkout",
      { cycleId: w.cycle.id, fulfilment: "PICKUP", paymentMethod: "INVOICE", invoiceTermsDays: "14" },
      w.restaurant.id,
    );
    expect(response.status).toBe(302);
    const order = await prisma.order.findFirstOrThrow({
      where: { buyerId: w.restaurant.id },
      include: { lines: true },
    });
    const carrotLine = order.lines.find((l) => l.productId === w.carrots.id)!;
    expect(carrotLine.wholesaleApplied).toBe(true);
    expect(carrotLine.unitPriceMinor).toBe(180);
    expect(order.deliveryFeeMinor).toBe(0);
    expect(order.invoiceTermsDays).toBe(14);
    expect(order.invoiceDueAt!.getTime() - order.placedAt.getTime()).toBe(14 * 86_400_000);
    const invoice = await catchResponse(
      invoiceLoader(
        args(await makeRequest(`/orders/${order.id}/invoice`, { userId: w.restaurant.id }), { orderId: order.id }),
      ),
    );
    expect(invoice.status).toBe(200);
  });

  it.each([
    ["a household paying by invoice", { paymentMethod: "INVOICE", invoiceTermsDays: "30" }, 400, /restaurant/],
    ["card without Stripe configured", { paymentMethod: "CARD" }, 400, /not available/],
    ["an address outside the zone", { lat: "52.2", lng: "-1.0" }, 400, /outside .* delivery zone/],
    ["delivery without a position", { lat: "", lng: "" }, 400, /latitude/i],
    ["an unknown fulfilment", { fulfilment: "TELEPORT" }, 400, /delivery or pickup/],
    ["a latitude out of range", { lat: "123" }, 400, /between -90 and 90/],
    ["a slot of another cycle", { slotId: "not-a-slot" }, 400, /slot/],
  ])("refuses %s with a clear 4xx and writes nothing", async (_label, extra, status, message) => {
    const w = await orderingWorld();
    await fill(w, w.household.id);
    const response = await postForm(
      checkoutAction,
      "/checkout",
      deliveryForm(w.cycle.id, extra as Record<string, string>),
      w.household.id,
    );
    expect(response.status).toBe(status);
    expect(await formErrors(response)).toMatch(message);
    expect(await prisma.order.count({ where: { buyerId: w.household.id } })).toBe(0);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: w.carrots.id } })).stockMilli).toBe(50_000);
  });

  it("refuses an order after the cut-off", async () => {
    const w = await orderingWorld();
    await fill(w, w.household.id);
    await prisma.deliveryCycle.update({ where: { id: w.cycle.id }, data: { cutoffAt: new Date(Date.now() - 1000) } });
    const response = await postForm(checkoutAction, "/checkout", deliveryForm(w.cycle.id), w.household.id);
    expect(response.status).toBe(409);
    expect(await formErrors(response)).toMatch(/closed at its cut-off/);
    expect(await prisma.order.count({ where: { buyerId: w.household.id } })).toBe(0);
  });

  it("enforces the hub's order minimum", async () => {
    const w = await orderingWorld({ orderMinimumMinor: 5000 });
    await fill(w, w.household.id);
    const response = await postForm(checkoutAction, "/checkout", deliveryForm(w.cycle.id), w.household.id);
    expect(response.status).toBe(400);
    expect(await formErrors(response)).toMatch(/minimum order of £50.00.*Add £41.00 more/);
  });

  it("cancels before the cut-off (stock restored), refuses after it, and hides other buyers' orders", async () => {
    const w = await orderingWorld();
    await fill(w, w.household.id);
    await postForm(checkoutAction, "/checkout", deliveryForm(w.cycle.id), w.household.id);
    const order = await prisma.order.findFirstOrThrow({ where: { buyerId: w.household.id } });
    expect((await prisma.product.findUniqueOrThrow({ where: { id: w.carrots.id } })).stockMilli).toBe(48_000);

    // Someone else's order: 404 on read and on cancel, nothing changes.
    const other = await catchResponse(
      orderLoader(args(await makeRequest(`/orders/${order.id}`, { userId: w.restaurant.id }), { orderId: order.id })),
    );
    expect(other.status).toBe(404);
    const otherCancel = await catchResponse(
      orderAction(
        args(await makeRequest(`/orders/${order.id}`, { userId: w.restaurant.id, form: { intent: "cancel" } }), {
          orderId: order.id,
        }),
      ),
    );
    expect(otherCancel.status).toBe(404);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("CONFIRMED");

    const cancel = await catchResponse(
      orderAction(
        args(await makeRequest(`/orders/${order.id}`, { userId: w.household.id, form: { intent: "cancel" } }), {
          orderId: order.id,
        }),
      ),
    );
    expect(cancel.status).toBe(302);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("CANCELLED");
    expect((await prisma.product.findUniqueOrThrow({ where: { id: w.carrots.id } })).stockMilli).toBe(50_000);
    expect(await prisma.emailMessage.count({ where: { to: w.household.email, kind: "order-cancelled" } })).toBe(1);
    const again = await catchResponse(
      orderAction(
        args(await makeRequest(`/orders/${order.id}`, { userId: w.household.id, form: { intent: "cancel" } }), {
          orderId: order.id,
        }),
      ),
    );
    expect(again.status).toBe(409);

    // A second order, then the cut-off passes: cancelling is refused.
    await fill(w, w.household.id);
    await postForm(checkoutAction, "/checkout", deliveryForm(w.cycle.id), w.household.id);
    const second = await prisma.order.findFirstOrThrow({ where: { buyerId: w.household.id, status: "CONFIRMED" } });
    await prisma.deliveryCycle.update({ where: { id: w.cycle.id }, data: { cutoffAt: new Date(Date.now() - 1000) } });
    const late = await catchResponse(
      orderAction(
        args(await makeRequest(`/orders/${second.id}`, { userId: w.household.id, form: { intent: "cancel" } }), {
          orderId: second.id,
        }),
      ),
    );
    expect(late.status).toBe(409);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: second.id } })).status).toBe("CONFIRMED");
  });

  it("places one order for concurrent submits of the same basket (2 and 5 at once), every submit leading to it", async () => {
    for (const n of [2, 5]) {
      const w = await orderingWorld();
      await fill(w, w.household.id);
      const form = deliveryForm(w.cycle.id, { idempotencyKey: `key-concurrent-${n}-abcdefgh` });
      const responses = await Promise.all(
        Array.from({ length: n }, () => postForm(checkoutAction, "/checkout", form, w.household.id)),
      );
      const orders = await prisma.order.findMany({ where: { buyerId: w.household.id } });
      expect(orders).toHaveLength(1);
      for (const response of responses) {
        expect(response.status).toBe(302);
        expect(response.headers.get("Location")).toMatch(new RegExp(`^/orders/${orders[0]!.id}(\\?placed=1)?$`));
      }
      expect((await prisma.product.findUniqueOrThrow({ where: { id: w.carrots.id } })).stockMilli).toBe(48_000);
      expect(await prisma.emailMessage.count({ where: { to: w.household.email, kind: "order-confirmed" } })).toBe(1);
      // Submitted again later (back button, reload): the same order, not "your basket is empty".
      const again = await postForm(checkoutAction, "/checkout", form, w.household.id);
      expect(again.status).toBe(302);
      expect(again.headers.get("Location")).toBe(`/orders/${orders[0]!.id}`);
    }
  });

  it("consumes the basket once even when two forms (two tabs) are submitted at once", async () => {
    const w = await orderingWorld();
    await fill(w, w.household.id);
    const responses = await Promise.all(
      ["key-tab-one-abcdefghij", "key-tab-two-abcdefghij", ""].map((key) =>
        postForm(checkoutAction, "/checkout", deliveryForm(w.cycle.id, { idempotencyKey: key }), w.household.id),
      ),
    );
    expect(await prisma.order.count({ where: { buyerId: w.household.id } })).toBe(1);
    expect(responses.filter((r) => r.status === 302)).toHaveLength(1);
    for (const response of responses.filter((r) => r.status !== 302)) {
      expect(response.status).toBe(409);
      expect(await formErrors(response)).toMatch(/basket changed|basket is empty/);
    }
    expect((await prisma.product.findUniqueOrThrow({ where: { id: w.carrots.id } })).stockMilli).toBe(48_000);
  });

  it("keeps another buyer's form key from leading to their order", async () => {
    const w = await orderingWorld();
    await fill(w, w.household.id);
    const key = "key-shared-abcdefghijkl";
    expect(
      (await postForm(checkoutAction, "/checkout", deliveryForm(w.cycle.id, { idempotencyKey: key }), w.household.id))
        .status,
    ).toBe(302);
    await fill(w, w.restaurant.id, "1", "1");
    const response = await postForm(
      checkoutAction,
      "/checkout",
      { cycleId: w.cycle.id, fulfilment: "PICKUP", paymentMethod: "ON_DELIVERY", idempotencyKey: key },
      w.restaurant.id,
    );
    expect(response.status).toBe(302);
    const mine = await prisma.order.findFirstOrThrow({ where: { buyerId: w.restaurant.id } });
    expect(response.headers.get("Location")).toBe(`/orders/${mine.id}?placed=1`);
    expect(
      (
        await postForm(
          checkoutAction,
          "/checkout",
          deliveryForm(w.cycle.id, { idempotencyKey: "short" }),
          w.household.id,
        )
      ).status,
    ).toBe(400);
  });

  it("answers 400 with a clear message when the order total would reach 2^31 minor units", async () => {
    const w = await orderingWorld();
    const gold = await createTestProduct(w.farmA.id, {
      name: "Gold-leaf truffles",
      unit: "EACH",
      gramsPerUnit: 100,
      retailPriceMinor: 1_000_000_000,
      stockMilli: 10_000,
    });
    await postForm(basketAction, "/basket", add(gold.id, "3"), w.household.id);
    expect(await prisma.basketItem.count({ where: { userId: w.household.id } })).toBe(1);
    const response = await postForm(
      checkoutAction,
      "/checkout",
      { cycleId: w.cycle.id, fulfilment: "PICKUP", paymentMethod: "ON_DELIVERY" },
      w.household.id,
    );
    expect(response.status).toBe(400);
    expect(await formErrors(response)).toMatch(/too large to place in one go.*Lower the quantities/);
    expect(await prisma.order.count({ where: { buyerId: w.household.id } })).toBe(0);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: gold.id } })).stockMilli).toBe(10_000);
  });
});
