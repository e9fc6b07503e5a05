import { describe, expect, it } from "vitest";
import { loader as outboxLoader } from "~/routes/admin.outbox";
import { action as basketAction } from "~/routes/basket";
import { action as checkoutAction } from "~/routes/checkout";
import { loader as farmOrdersLoader } from "~/routes/farm.orders";
import { loader as hubOrdersLoader } from "~/routes/hub.orders";
import { action as orderAction } from "~/routes/orders.$orderId";
import { action as standingAction } from "~/routes/standing-orders";
import { runStandingOrders } from "~/services/standing-order.server";
import { parseCarbonDetail } from "~/domain/carbon";
import { prisma } from "~/utils/db.server";
import { createTestCycle, createTestHub, createTestUser, makeRequest } from "../factories";
import { args, catchResponse, orderingWorld, postForm } from "../support/ordering";

describe("standing orders and order views", () => {
  it("repeats an order in the next cycle, skipping sold-out lines and reporting them; pause stops it", async () => {
    const w = await orderingWorld();
    await postForm(basketAction, "/basket", { intent: "add", productId: w.carrots.id, quantity: "5" }, w.restaurant.id);
    await postForm(basketAction, "/basket", { intent: "add", productId: w.eggs.id, quantity: "2" }, w.restaurant.id);
    await postForm(
      checkoutAction,
      "/checkout",
      { cycleId: w.cycle.id, fulfilment: "PICKUP", paymentMethod: "INVOICE", invoiceTermsDays: "30" },
      w.restaurant.id,
    );
    const order = await prisma.order.findFirstOrThrow({ where: { buyerId: w.restaurant.id } });
    const repeat = await catchResponse(
      orderAction(
        args(await makeRequest(`/orders/${order.id}`, { userId: w.restaurant.id, form: { intent: "repeat" } }), {
          orderId: order.id,
        }),
      ),
    );
    expect(repeat.status).toBe(302);
    const standing = await prisma.standingOrder.findFirstOrThrow({
      where: { buyerId: w.restaurant.id },
      include: { lines: true },
    });
    expect(standing.lines).toHaveLength(2);

    // Nothing new while the same cycle is open.
    expect((await runStandingOrders()).filter((r) => r.placed)).toHaveLength(0);

    // The next cycle opens; eggs have sold out meanwhile.
    await prisma.deliveryCycle.update({ where: { id: w.cycle.id }, data: { status: "CLOSED" } });
    const next = await createTestCycle(w.hub.id);
    await prisma.product.update({ where: { id: w.eggs.id }, data: { stockMilli: 0 } });
    const results = await runStandingOrders();
    const placed = results.find((r) => r.placed);
    expect(placed).toBeDefined();
    const repeated = await prisma.order.findFirstOrThrow({
      where: { standingOrderId: standing.id, cycleId: next.id },
      include: { lines: true },
    });
    expect(repeated.lines.map((l) => l.productId)).toEqual([w.carrots.id]);
    expect(repeated.lines[0]!.wholesaleApplied).toBe(true);
    expect(repeated.paymentMethod).toBe("INVOICE");
    // The repeat carries its own carbon estimate, stored with its method and factor set.
    expect(repeated.carbonMethodVersion).toBe("foodshed-carbon-2");
    expect(repeated.carbonFactorSet).toBe("desnz-2025");
    expect(repeated.estCo2eGrams).toBeGreaterThan(0);
    expect(parseCarbonDetail(repeated.carbonDetail)?.estimate?.status).toBe("ESTIMATED");
    const email = await prisma.emailMessage.findFirstOrThrow({
      where: { to: w.restaurant.email, kind: "standing-order-placed" },
    });
    expect(email.text).toMatch(/Skipped this time:\n- Eggs/);
    // A second run places nothing more.
    await runStandingOrders();
    expect(await prisma.order.count({ where: { standingOrderId: standing.id } })).toBe(1);

    // Someone else cannot pause it; the owner can.
    expect(
      (await postForm(standingAction, "/standing-orders", { id: standing.id, intent: "pause" }, w.household.id)).status,
    ).toBe(404);
    expect(
      (await postForm(standingAction, "/standing-orders", { id: standing.id, intent: "pause" }, w.restaurant.id))
        .status,
    ).toBe(302);
    expect((await prisma.standingOrder.findUniqueOrThrow({ where: { id: standing.id } })).status).toBe("PAUSED");
  });

  it("shows farmers only their farm's lines and coordinators their hub's orders; admins see the outbox", async () => {
    const w = await orderingWorld();
    await postForm(basketAction, "/basket", { intent: "add", productId: w.carrots.id, quantity: "1" }, w.household.id);
    await postForm(basketAction, "/basket", { intent: "add", productId: w.eggs.id, quantity: "1" }, w.household.id);
    await postForm(
      checkoutAction,
      "/checkout",
      { cycleId: w.cycle.id, fulfilment: "PICKUP", paymentMethod: "ON_DELIVERY" },
      w.household.id,
    );

    const farmPage = await catchResponse(
      farmOrdersLoader(args(await makeRequest("/farm/orders", { userId: w.farmA.ownerId }))),
    );
    const farmData = (await farmPage.json()) as { lines: Array<{ productName: string }> };
    expect(farmData.lines.map((l) => l.productName)).toEqual(["Carrots"]);

    const hub = await prisma.hub.findUniqueOrThrow({ where: { id: w.hub.id } });
    const hubPage = await catchResponse(
      hubOrdersLoader(args(await makeRequest("/hub/orders", { userId: hub.coordinatorId! }))),
    );
    expect(((await hubPage.json()) as { orders: unknown[] }).orders).toHaveLength(1);
    // Another hub's cycle id: 404.
    const otherCoordinator = await createTestUser({ role: "COORDINATOR" });
    const other = await catchResponse(
      hubOrdersLoader(args(await makeRequest(`/hub/orders?cycle=${w.cycle.id}`, { userId: otherCoordinator.id }))),
    );
    expect(other.status).toBe(404);
    // A coordinator of another hub asking for this hub's cycle: 404 too, never an empty list.
    const otherHub = await createTestHub();
    const foreign = await catchResponse(
      hubOrdersLoader(args(await makeRequest(`/hub/orders?cycle=${w.cycle.id}`, { userId: otherHub.coordinatorId! }))),
    );
    expect(foreign.status).toBe(404);

    expect(
      (await catchResponse(outboxLoader(args(await makeRequest("/admin/outbox", { userId: w.household.id }))))).status,
    ).toBe(403);
    const admin = await createTestUser({ role: "ADMIN" });
    const outbox = await catchResponse(outboxLoader(args(await makeRequest("/admin/outbox", { userId: admin.id }))));
    expect(
      ((await outbox.json()) as { messages: Array<{ to: string }> }).messages.some((m) => m.to === w.household.email),
    ).toBe(true);
  });

  it("applies the hub minimum to repeats: below it nothing is placed and the buyer is told why", async () => {
    const w = await orderingWorld();
    await postForm(basketAction, "/basket", { intent: "add", productId: w.eggs.id, quantity: "1" }, w.household.id);
    await postForm(
      checkoutAction,
      "/checkout",
      { cycleId: w.cycle.id, fulfilment: "PICKUP", paymentMethod: "ON_DELIVERY" },
      w.household.id,
    );
    const order = await prisma.order.findFirstOrThrow({ where: { buyerId: w.household.id } });
    await orderAction(
      args(await makeRequest(`/orders/${order.id}`, { userId: w.household.id, form: { intent: "repeat" } }), {
        orderId: order.id,
      }),
    ).catch((r: unknown) => r);
    const standing = await prisma.standingOrder.findFirstOrThrow({ where: { buyerId: w.household.id } });

    // The hub raises its minimum above the repeat's £4 of eggs; the next cycle opens.
    await prisma.hub.update({ where: { id: w.hub.id }, data: { orderMinimumMinor: 1000 } });
    await prisma.deliveryCycle.update({ where: { id: w.cycle.id }, data: { status: "CLOSED" } });
    const next = await createTestCycle(w.hub.id);
    const stockBefore = (await prisma.product.findUniqueOrThrow({ where: { id: w.eggs.id } })).stockMilli;
    const results = await runStandingOrders();
    expect(results).toContainEqual(expect.objectContaining({ placed: false, reason: "below minimum" }));
    expect(await prisma.order.count({ where: { standingOrderId: standing.id, cycleId: next.id } })).toBe(0);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: w.eggs.id } })).stockMilli).toBe(stockBefore);
    const email = await prisma.emailMessage.findFirstOrThrow({
      where: { to: w.household.email, kind: "standing-order-skipped" },
    });
    expect(email.text).toMatch(/below .*minimum of £10\.00/);
  });

  it('makes one standing order for a double click on "Repeat every cycle" (at once and again later)', async () => {
    const w = await orderingWorld();
    await postForm(basketAction, "/basket", { intent: "add", productId: w.carrots.id, quantity: "5" }, w.restaurant.id);
    await postForm(
      checkoutAction,
      "/checkout",
      { cycleId: w.cycle.id, fulfilment: "PICKUP", paymentMethod: "INVOICE", invoiceTermsDays: "30" },
      w.restaurant.id,
    );
    const order = await prisma.order.findFirstOrThrow({ where: { buyerId: w.restaurant.id } });
    const repeat = async () =>
      catchResponse(
        orderAction(
          args(await makeRequest(`/orders/${order.id}`, { userId: w.restaurant.id, form: { intent: "repeat" } }), {
            orderId: order.id,
          }),
        ),
      );
    const responses = await Promise.all([repeat(), repeat()]);
    expect(await prisma.standingOrder.count({ where: { buyerId: w.restaurant.id } })).toBe(1);
    const standing = await prisma.standingOrder.findFirstOrThrow({ where: { buyerId: w.restaurant.id } });
    for (const response of responses) {
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe(`/standing-orders#standing-${standing.id}`);
    }
    expect(standing.sourceOrderId).toBe(order.id);
    expect((await repeat()).headers.get("Location")).toBe(`/standing-orders#standing-${standing.id}`);
    expect(await prisma.standingOrder.count({ where: { buyerId: w.restaurant.id } })).toBe(1);

    // Its repeat in the next cycle: "repeat" on that order leads to the same standing order.
    await prisma.deliveryCycle.update({ where: { id: w.cycle.id }, data: { status: "CLOSED" } });
    await createTestCycle(w.hub.id);
    await runStandingOrders();
    const repeated = await prisma.order.findFirstOrThrow({ where: { standingOrderId: standing.id } });
    const again = await catchResponse(
      orderAction(
        args(await makeRequest(`/orders/${repeated.id}`, { userId: w.restaurant.id, form: { intent: "repeat" } }), {
          orderId: repeated.id,
        }),
      ),
    );
    expect(again.headers.get("Location")).toBe(`/standing-orders#standing-${standing.id}`);
    expect(await prisma.standingOrder.count({ where: { buyerId: w.restaurant.id } })).toBe(1);

    // Once cancelled, repeating the order makes a new one; the database refuses a second live one.
    expect(
      (await postForm(standingAction, "/standing-orders", { id: standing.id, intent: "cancel" }, w.restaurant.id))
        .status,
    ).toBe(302);
    expect((await repeat()).status).toBe(302);
    expect(
      await prisma.standingOrder.count({ where: { buyerId: w.restaurant.id, status: { not: "CANCELLED" } } }),
    ).toBe(1);
    await expect(
      prisma.standingOrder.create({
        data: {
          buyerId: w.restaurant.id,
          hubId: w.hub.id,
          fulfilment: "PICKUP",
          paymentMethod: "INVOICE",
          sourceOrderId: order.id,
        },
      }),
    ).rejects.toThrow();
  });

  it("edits a standing order's quantities and lines, with per-line errors, scoped to its buyer", async () => {
    const w = await orderingWorld();
    await postForm(basketAction, "/basket", { intent: "add", productId: w.carrots.id, quantity: "5" }, w.restaurant.id);
    await postForm(basketAction, "/basket", { intent: "add", productId: w.eggs.id, quantity: "2" }, w.restaurant.id);
    await postForm(
      checkoutAction,
      "/checkout",
      { cycleId: w.cycle.id, fulfilment: "PICKUP", paymentMethod: "INVOICE", invoiceTermsDays: "30" },
      w.restaurant.id,
    );
    const order = await prisma.order.findFirstOrThrow({ where: { buyerId: w.restaurant.id } });
    await catchResponse(
      orderAction(
        args(await makeRequest(`/orders/${order.id}`, { userId: w.restaurant.id, form: { intent: "repeat" } }), {
          orderId: order.id,
        }),
      ),
    );
    const standing = await prisma.standingOrder.findFirstOrThrow({
      where: { buyerId: w.restaurant.id },
      include: { lines: true },
    });
    const carrots = standing.lines.find((l) => l.productId === w.carrots.id)!;
    const eggs = standing.lines.find((l) => l.productId === w.eggs.id)!;

    const bad = await postForm(
      standingAction,
      "/standing-orders",
      { id: standing.id, intent: "change", [`quantity.${carrots.id}`]: "1.55", [`quantity.${eggs.id}`]: "1.5" },
      w.restaurant.id,
    );
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { lineErrors: Record<string, string> };
    expect(body.lineErrors[carrots.id]).toMatch(/steps of 0.1/);
    expect(body.lineErrors[eggs.id]).toMatch(/whole dozen/);
    const none = await postForm(
      standingAction,
      "/standing-orders",
      { id: standing.id, intent: "change", [`quantity.${carrots.id}`]: "0", [`quantity.${eggs.id}`]: "0" },
      w.restaurant.id,
    );
    expect(none.status).toBe(400);
    expect(await prisma.standingOrderLine.count({ where: { standingOrderId: standing.id } })).toBe(2);
    // Someone else's: 404, nothing changes.
    const foreign = await postForm(
      standingAction,
      "/standing-orders",
      { id: standing.id, intent: "change", [`quantity.${carrots.id}`]: "9" },
      w.household.id,
    );
    expect(foreign.status).toBe(404);

    const ok = await postForm(
      standingAction,
      "/standing-orders",
      { id: standing.id, intent: "change", [`quantity.${carrots.id}`]: "7.5", [`quantity.${eggs.id}`]: "0" },
      w.restaurant.id,
    );
    expect(ok.status).toBe(302);
    const lines = await prisma.standingOrderLine.findMany({ where: { standingOrderId: standing.id } });
    expect(lines.map((l) => [l.productId, l.quantityMilli])).toEqual([[w.carrots.id, 7500]]);

    await prisma.deliveryCycle.update({ where: { id: w.cycle.id }, data: { status: "CLOSED" } });
    const next = await createTestCycle(w.hub.id);
    await runStandingOrders();
    const repeated = await prisma.order.findFirstOrThrow({
      where: { standingOrderId: standing.id, cycleId: next.id },
      include: { lines: true },
    });
    expect(repeated.lines.map((l) => [l.productId, l.quantityMilli])).toEqual([[w.carrots.id, 7500]]);
  });

  it("pauses a standing order until a date: the repeat job skips it until then", async () => {
    const w = await orderingWorld();
    await postForm(basketAction, "/basket", { intent: "add", productId: w.carrots.id, quantity: "5" }, w.restaurant.id);
    await postForm(
      checkoutAction,
      "/checkout",
      { cycleId: w.cycle.id, fulfilment: "PICKUP", paymentMethod: "INVOICE", invoiceTermsDays: "30" },
      w.restaurant.id,
    );
    const order = await prisma.order.findFirstOrThrow({ where: { buyerId: w.restaurant.id } });
    await catchResponse(
      orderAction(
        args(await makeRequest(`/orders/${order.id}`, { userId: w.restaurant.id, form: { intent: "repeat" } }), {
          orderId: order.id,
        }),
      ),
    );
    const standing = await prisma.standingOrder.findFirstOrThrow({ where: { buyerId: w.restaurant.id } });

    expect(
      (
        await postForm(
          standingAction,
          "/standing-orders",
          { id: standing.id, intent: "pause-until", until: "2001-01-01" },
          w.restaurant.id,
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await postForm(
          standingAction,
          "/standing-orders",
          { id: standing.id, intent: "pause-until", until: "soon" },
          w.restaurant.id,
        )
      ).status,
    ).toBe(400);
    const until = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    expect(
      (
        await postForm(
          standingAction,
          "/standing-orders",
          { id: standing.id, intent: "pause-until", until },
          w.household.id,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await postForm(
          standingAction,
          "/standing-orders",
          { id: standing.id, intent: "pause-until", until },
          w.restaurant.id,
        )
      ).status,
    ).toBe(302);
    const paused = await prisma.standingOrder.findUniqueOrThrow({ where: { id: standing.id } });
    expect(paused.pausedUntil?.toISOString()).toBe(`${until}T00:00:00.000Z`);

    await prisma.deliveryCycle.update({ where: { id: w.cycle.id }, data: { status: "CLOSED" } });
    const next = await createTestCycle(w.hub.id, {
      opensAt: new Date(Date.now() - 3_600_000),
      cutoffAt: new Date(Date.now() + 20 * 86_400_000),
      deliveryDate: new Date(Date.now() + 22 * 86_400_000),
    });
    await runStandingOrders();
    expect(await prisma.order.count({ where: { standingOrderId: standing.id } })).toBe(0);
    // After the date the same cycle (still open) is ordered.
    await runStandingOrders(new Date(paused.pausedUntil!.getTime() + 3_600_000));
    expect(await prisma.order.count({ where: { standingOrderId: standing.id, cycleId: next.id } })).toBe(1);
  });
});
