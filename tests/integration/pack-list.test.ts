import { describe, expect, it } from "vitest";
import { action as checkoutAction } from "~/routes/checkout";
import { PERIODIC_TASKS } from "~/jobs/scheduler.server";
import { packListKind, sendPackLists } from "~/services/pack-list.server";
import { prisma } from "~/utils/db.server";
import { createTestCycle, createTestFarm, createTestHub, createTestProduct, createTestUser } from "../factories";
import { postForm } from "../support/ordering";

async function order(buyerId: string, cycleId: string, lines: Array<{ productId: string; quantityMilli: number }>) {
  await prisma.basketItem.createMany({ data: lines.map((l) => ({ userId: buyerId, ...l })) });
  const response = await postForm(
    checkoutAction,
    "/checkout",
    { cycleId, fulfilment: "PICKUP", paymentMethod: "ON_DELIVERY" },
    buyerId,
  );
  expect(response.status).toBe(302);
  return prisma.order.findFirstOrThrow({ where: { buyerId, cycleId }, orderBy: { placedAt: "desc" } });
}

describe("pack lists at the cut-off", () => {
  it("tells each farm that sold something what to pack, once, in its owner's language", async () => {
    const hub = await createTestHub();
    const cycle = await createTestCycle(hub.id);
    const english = await createTestUser({ role: "FARMER" });
    const french = await createTestUser({ role: "FARMER" });
    await prisma.user.update({ where: { id: french.id }, data: { locale: "fr" } });
    const meadow = await createTestFarm({ hubId: hub.id, ownerId: english.id, name: "Meadow Farm" });
    const verger = await createTestFarm({ hubId: hub.id, ownerId: french.id, name: "Le Verger" });
    const idle = await createTestFarm({ hubId: hub.id, name: "Idle Acres" });
    const eggs = await createTestProduct(meadow.id, { name: "Duck eggs", unit: "EACH", gramsPerUnit: 80 });
    const milk = await createTestProduct(meadow.id, { name: "Raw milk", unit: "L", gramsPerUnit: 1030, chilled: true });
    const apples = await createTestProduct(verger.id, { name: "Pommes", unit: "KG" });
    await createTestProduct(idle.id, { name: "Unsold leeks" });

    const [a, b, c] = await Promise.all([1, 2, 3].map(() => createTestUser({ hubId: hub.id })));
    await order(a!.id, cycle.id, [
      { productId: eggs.id, quantityMilli: 6000 },
      { productId: milk.id, quantityMilli: 2000 },
    ]);
    await order(b!.id, cycle.id, [
      { productId: eggs.id, quantityMilli: 12_000 },
      { productId: apples.id, quantityMilli: 1500 },
    ]);
    // A cancelled order is not packed.
    const cancelled = await order(c!.id, cycle.id, [{ productId: eggs.id, quantityMilli: 30_000 }]);
    await prisma.order.update({ where: { id: cancelled.id }, data: { status: "CANCELLED" } });

    // Nothing before the cut-off.
    expect(await sendPackLists(new Date())).toBe(0);

    await prisma.deliveryCycle.update({
      where: { id: cycle.id },
      data: { cutoffAt: new Date(Date.now() - 60_000), deliveryDate: new Date(Date.UTC(2026, 11, 10)) },
    });
    // Two processes running the task at once, then a later run: one email per farm.
    const counts = await Promise.all([sendPackLists(new Date()), sendPackLists(new Date())]);
    expect(counts[0]! + counts[1]!).toBe(2);
    expect(await sendPackLists(new Date())).toBe(0);

    const mails = await prisma.emailMessage.findMany({ where: { kind: { startsWith: "farm-pack-list:" } } });
    expect(mails.map((m) => m.to).sort()).toEqual([english.email, french.email].sort());

    const toMeadow = mails.find((m) => m.to === english.email)!;
    expect(toMeadow.kind).toBe(packListKind(cycle.id, meadow.id));
    expect(toMeadow.subject).toBe(`Meadow Farm: what to pack for ${cycle.name}`);
    expect(toMeadow.text).toContain("- 18 Duck eggs (2 orders)");
    expect(toMeadow.text).toMatch(/- 2 L Raw milk \(1 order\), keep chilled/);
    expect(toMeadow.text).toContain("delivery on Thu, 10 December 2026:");
    expect(toMeadow.text).toContain(`/farm/orders?cycle=${cycle.id}`);
    expect(toMeadow.text).toContain(`/farm/orders.csv?cycle=${cycle.id}`);
    expect(toMeadow.text).not.toContain("Pommes");

    const toVerger = mails.find((m) => m.to === french.email)!;
    expect(toVerger.subject).toBe(`Le Verger\u00a0: ce qu\u2019il faut préparer pour ${cycle.name}`);
    expect(toVerger.text).toContain("- 1,5 kg Pommes (1 commande)");
    expect(toVerger.text).not.toContain("Duck eggs");
  });

  it("sends nothing for a cycle that closed more than a day ago, and runs as a periodic task", async () => {
    const hub = await createTestHub();
    const farm = await createTestFarm({ hubId: hub.id });
    const product = await createTestProduct(farm.id);
    const cycle = await createTestCycle(hub.id);
    const buyer = await createTestUser({ hubId: hub.id });
    await order(buyer.id, cycle.id, [{ productId: product.id, quantityMilli: 1000 }]);
    await prisma.deliveryCycle.update({
      where: { id: cycle.id },
      data: { cutoffAt: new Date(Date.now() - 25 * 3600_000) },
    });
    expect(await sendPackLists(new Date())).toBe(0);

    await prisma.deliveryCycle.update({ where: { id: cycle.id }, data: { cutoffAt: new Date(Date.now() - 1000) } });
    await PERIODIC_TASKS.find((t) => t.name === "farm-pack-lists")!.run(new Date());
    expect(await prisma.emailMessage.count({ where: { kind: packListKind(cycle.id, farm.id) } })).toBe(1);
  });
});
