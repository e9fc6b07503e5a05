import { describe, expect, it } from "vitest";
import { action as checkoutAction } from "~/routes/checkout";
import { prisma } from "~/utils/db.server";
import { createTestCycle, createTestFarm, createTestHub, createTestProduct, createTestUser } from "../factories";
import { postForm } from "../support/ordering";

describe("stock integrity", () => {
  it("sells exactly the last 10 units to 50 concurrent orders; every other buyer hears 'only N left'", async () => {
    const hub = await createTestHub();
    const cycle = await createTestCycle(hub.id);
    const farm = await createTestFarm({ hubId: hub.id });
    const product = await createTestProduct(farm.id, {
      name: "Duck eggs",
      unit: "EACH",
      gramsPerUnit: 80,
      retailPriceMinor: 90,
      stockMilli: 10_000,
    });
    const buyers = await Promise.all(Array.from({ length: 50 }, () => createTestUser({ hubId: hub.id })));
    // Each buyer has 1 egg in the basket (added while stock was available).
    await prisma.basketItem.createMany({
      data: buyers.map((b) => ({ userId: b.id, productId: product.id, quantityMilli: 1000 })),
    });

    const responses = await Promise.all(
      buyers.map((b) =>
        postForm(
          checkoutAction,
          "/checkout",
          { cycleId: cycle.id, fulfilment: "PICKUP", paymentMethod: "ON_DELIVERY" },
          b.id,
        ),
      ),
    );
    const ok = responses.filter((r) => r.status === 302);
    const refused = responses.filter((r) => r.status !== 302);
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const response of refused) {
      expect(response.status).toBe(409);
      const body = (await response.json()) as { error: Record<string, string[]> };
      expect(body.error[""]?.join(" ")).toMatch(/Only 0 of Duck eggs left/);
    }
    const after = await prisma.product.findUniqueOrThrow({ where: { id: product.id } });
    expect(after.stockMilli).toBe(0);
    const sold = await prisma.orderLine.aggregate({ where: { productId: product.id }, _sum: { quantityMilli: true } });
    expect(sold._sum.quantityMilli).toBe(10_000);
    expect(await prisma.order.count({ where: { cycleId: cycle.id } })).toBe(10);
  });

  it("places 40 concurrent orders whose baskets share products, none lost to a lock conflict", async () => {
    // Every basket holds the same three products in a different order: the checkouts contend for
    // the same product rows (and their order lines' foreign keys), as in a rush on a popular item.
    const hub = await createTestHub();
    const cycle = await createTestCycle(hub.id);
    const farm = await createTestFarm({ hubId: hub.id });
    const products = await Promise.all(
      ["Apples", "Eggs", "Milk"].map((name) =>
        createTestProduct(farm.id, {
          name,
          unit: "EACH",
          gramsPerUnit: 100,
          retailPriceMinor: 300,
          stockMilli: 100_000,
        }),
      ),
    );
    const buyers = await Promise.all(Array.from({ length: 40 }, () => createTestUser({ hubId: hub.id })));
    await prisma.basketItem.createMany({
      data: buyers.flatMap((b, i) =>
        [0, 1, 2].map((k) => ({ userId: b.id, productId: products[(i + k) % 3]!.id, quantityMilli: 1000 * (k + 1) })),
      ),
    });
    const responses = await Promise.all(
      buyers.map((b) =>
        postForm(
          checkoutAction,
          "/checkout",
          { cycleId: cycle.id, fulfilment: "PICKUP", paymentMethod: "ON_DELIVERY" },
          b.id,
        ),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(buyers.map(() => 302));
    expect(await prisma.order.count({ where: { cycleId: cycle.id } })).toBe(40);
    for (const product of products) {
      const sold = await prisma.orderLine.aggregate({
        where: { productId: product.id },
        _sum: { quantityMilli: true },
      });
      const after = await prisma.product.findUniqueOrThrow({ where: { id: product.id } });
      expect(after.stockMilli + (sold._sum.quantityMilli ?? 0)).toBe(100_000);
    }
  });

  it("never lets stock go below zero when one order asks for more than is left", async () => {
    const hub = await createTestHub();
    const cycle = await createTestCycle(hub.id);
    const farm = await createTestFarm({ hubId: hub.id });
    const product = await createTestProduct(farm.id, { unit: "KG", stockMilli: 2_500 });
    const buyer = await createTestUser({ hubId: hub.id });
    await prisma.basketItem.create({ data: { userId: buyer.id, productId: product.id, quantityMilli: 2_500 } });
    await prisma.product.update({ where: { id: product.id }, data: { stockMilli: 2_000 } });
    const response = await postForm(
      checkoutAction,
      "/checkout",
      { cycleId: cycle.id, fulfilment: "PICKUP", paymentMethod: "ON_DELIVERY" },
      buyer.id,
    );
    expect(response.status).toBe(409);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stockMilli).toBe(2_000);
  });
});
