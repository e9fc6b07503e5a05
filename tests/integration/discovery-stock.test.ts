// The map's "in stock only" filter reads a per-farm summary; orders that sell a product out, and
// cancellations that bring it back, must refresh it in the same transaction.
import { describe, expect, it } from "vitest";
import { refreshFarmDiscovery } from "~/models/farm.server";
import { createOrderReservingStock, releaseOrder } from "~/models/order.server";
import { prisma } from "~/utils/db.server";
import { createTestCycle, createTestFarm, createTestHub, createTestProduct, createTestUser } from "../factories";

describe("farm discovery summary and orders", () => {
  it("drops a farm from 'in stock' when an order sells its last product, and restores it on cancel", async () => {
    const hub = await createTestHub();
    const farm = await createTestFarm({ hubId: hub.id });
    const product = await createTestProduct(farm.id, { unit: "EACH", stockMilli: 2000, gramsPerUnit: 500 });
    await refreshFarmDiscovery(prisma, [farm.id]);
    const inStock = async () => (await prisma.farm.findUniqueOrThrow({ where: { id: farm.id }, select: { inStockProductCount: true } })).inStockProductCount;
    expect(await inStock()).toBe(1);

    const cycle = await createTestCycle(hub.id);
    const buyer = await createTestUser({ hubId: hub.id });
    const order = await createOrderReservingStock({
      order: {
        buyerId: buyer.id, hubId: hub.id, cycleId: cycle.id, slotId: null, fulfilment: "PICKUP", status: "CONFIRMED",
        paymentMethod: "ON_DELIVERY", invoiceTermsDays: null, invoiceDueAt: null, address: null, lat: null, lng: null,
        contactPhone: null, notes: "", currency: "GBP", subtotalMinor: 600, deliveryFeeMinor: 0, totalMinor: 600,
        totalGrams: 1000, expiresAt: null, estFoodMetres: null, estCo2eGrams: null, carbonMethodVersion: null,
        carbonFactorSet: null, carbonDetail: null, placedAt: new Date(),
      },
      lines: [{ productId: product.id, farmId: farm.id, productName: product.name, unit: "EACH", quantityMilli: 2000, unitPriceMinor: 300, lineTotalMinor: 600, grams: 1000, chilled: false, wholesaleApplied: false }],
      clearBasketOfUserId: null,
      now: new Date(),
    });
    expect(await inStock()).toBe(0);

    expect(await releaseOrder({ id: order.id, from: ["CONFIRMED"], to: "CANCELLED", data: { cancelledAt: new Date() } })).toBe(true);
    expect(await inStock()).toBe(1);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stockMilli).toBe(2000);
  });
});
