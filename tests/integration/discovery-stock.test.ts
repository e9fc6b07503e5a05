// The map's "in stock only" filter reads a per-farm summary, and discovery shows stock amounts:
// orders and cancellations must refresh the summary (which stamps the farm for the discovery
// index) in their own transaction.
import { describe, expect, it } from "vitest";
import { createOrderReservingStock, releaseOrder } from "~/models/order.server";
import { configureDiscoveryIndex, getMapFarms, searchProducts } from "~/services/discovery.server";
import { prisma } from "~/utils/db.server";
import { createTestCycle, createTestFarm, createTestHub, createTestProduct, createTestUser } from "../factories";

const newOrder = (ids: { buyerId: string; hubId: string; cycleId: string }, grams: number) => ({
  ...ids,
  slotId: null,
  fulfilment: "PICKUP" as const,
  status: "CONFIRMED" as const,
  paymentMethod: "ON_DELIVERY" as const,
  invoiceTermsDays: null,
  invoiceDueAt: null,
  address: null,
  lat: null,
  lng: null,
  contactPhone: null,
  notes: "",
  currency: "GBP",
  subtotalMinor: 600,
  deliveryFeeMinor: 0,
  totalMinor: 600,
  totalGrams: grams,
  expiresAt: null,
  estFoodMetres: null,
  estCo2eGrams: null,
  carbonMethodVersion: null,
  carbonFactorSet: null,
  carbonDetail: null,
  placedAt: new Date(),
});

describe("farm discovery summary and orders", () => {
  it("shows the stock left after an order and after its cancellation in product search", async () => {
    configureDiscoveryIndex({ checkMs: 0 });
    const hub = await createTestHub();
    const farm = await createTestFarm({ hubId: hub.id, lat: -33.9, lng: 18.4 });
    const product = await createTestProduct(farm.id, {
      name: "Rooibos bundles",
      unit: "EACH",
      stockMilli: 5000,
      gramsPerUnit: 100,
    });
    const shown = async () =>
      (await searchProducts({ centre: { lat: -33.9, lng: 18.4 }, radiusKm: 5, q: "rooibos" })).results.map(
        (r) => r.stockMilli,
      );
    expect(await shown()).toEqual([5000]);

    const cycle = await createTestCycle(hub.id);
    const buyer = await createTestUser({ hubId: hub.id });
    const order = await createOrderReservingStock({
      order: newOrder({ buyerId: buyer.id, hubId: hub.id, cycleId: cycle.id }, 200),
      lines: [
        {
          productId: product.id,
          farmId: farm.id,
          productName: product.name,
          unit: "EACH",
          quantityMilli: 2000,
          unitPriceMinor: 300,
          lineTotalMinor: 600,
          grams: 200,
          chilled: false,
          wholesaleApplied: false,
        },
      ],
      clearBasketOfUserId: null,
      now: new Date(),
    });
    expect(await shown()).toEqual([3000]);
    expect(
      await releaseOrder({ id: order.id, from: ["CONFIRMED"], to: "CANCELLED", data: { cancelledAt: new Date() } }),
    ).toBe(true);
    expect(await shown()).toEqual([5000]);
  });

  it("drops a farm from 'in stock' when an order sells its last product, and restores it on cancel", async () => {
    const hub = await createTestHub();
    const farm = await createTestFarm({ hubId: hub.id });
    const product = await createTestProduct(farm.id, { unit: "EACH", stockMilli: 2000, gramsPerUnit: 500 });
    configureDiscoveryIndex({ checkMs: 0 });
    const world = { minLat: -90, maxLat: 90, minLng: -180, maxLng: 180 };
    const inStock = async () =>
      (await getMapFarms({ view: world, filter: { inStock: true } })).farms.filter((f) => f.slug === farm.slug).length;
    expect(await inStock()).toBe(1);

    const cycle = await createTestCycle(hub.id);
    const buyer = await createTestUser({ hubId: hub.id });
    const order = await createOrderReservingStock({
      order: newOrder({ buyerId: buyer.id, hubId: hub.id, cycleId: cycle.id }, 1000),
      lines: [
        {
          productId: product.id,
          farmId: farm.id,
          productName: product.name,
          unit: "EACH",
          quantityMilli: 2000,
          unitPriceMinor: 300,
          lineTotalMinor: 600,
          grams: 1000,
          chilled: false,
          wholesaleApplied: false,
        },
      ],
      clearBasketOfUserId: null,
      now: new Date(),
    });
    expect(await inStock()).toBe(0);

    expect(
      await releaseOrder({ id: order.id, from: ["CONFIRMED"], to: "CANCELLED", data: { cancelledAt: new Date() } }),
    ).toBe(true);
    expect(await inStock()).toBe(1);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stockMilli).toBe(2000);
  });
});
