// Stock writes from the farmer's pages never overwrite stock sold meanwhile: the edit form and the
// quick-set on the list carry the stock they showed, and write a new figure only if it is still
// that (compare-and-set in one UPDATE), including while orders come in at the same moment.
import { describe, expect, it } from "vitest";
import { action as checkoutAction } from "~/routes/checkout";
import { action as productAction, loader as productLoader } from "~/routes/farm.products.$productId";
import { action as stockAction } from "~/routes/farm.products._index";
import { prisma } from "~/utils/db.server";
import {
  createTestCycle,
  createTestFarm,
  createTestHub,
  createTestProduct,
  createTestUser,
  makeRequest,
} from "../factories";
import { args, catchResponse, postForm } from "../support/ordering";

async function world(stockMilli = 10_000) {
  const hub = await createTestHub();
  const cycle = await createTestCycle(hub.id);
  const farmer = await createTestUser({ role: "FARMER" });
  const farm = await createTestFarm({ hubId: hub.id, ownerId: farmer.id });
  const product = await createTestProduct(farm.id, {
    name: "Duck eggs",
    unit: "EACH",
    gramsPerUnit: 80,
    retailPriceMinor: 90,
    stockMilli,
  });
  return { hub, cycle, farmer, farm, product };
}

/** `count` buyers each with one of the product in the basket, ready to check out. */
async function buyers(hubId: string, productId: string, count: number) {
  const users = await Promise.all(Array.from({ length: count }, () => createTestUser({ hubId })));
  await prisma.basketItem.createMany({ data: users.map((b) => ({ userId: b.id, productId, quantityMilli: 1000 })) });
  return users;
}

const checkout = (cycleId: string, userId: string) =>
  postForm(checkoutAction, "/checkout", { cycleId, fulfilment: "PICKUP", paymentMethod: "ON_DELIVERY" }, userId);

async function soldMilli(productId: string) {
  const sold = await prisma.orderLine.aggregate({ where: { productId }, _sum: { quantityMilli: true } });
  return sold._sum.quantityMilli ?? 0;
}

async function stockOf(productId: string) {
  return (await prisma.product.findUniqueOrThrow({ where: { id: productId } })).stockMilli;
}

/** The edit form exactly as the page shows it: every field, plus the hidden stock it was loaded with. */
async function openEditForm(userId: string, productId: string) {
  const response = await catchResponse(
    productLoader(args(await makeRequest(`/farm/products/${productId}`, { userId }), { productId })),
  );
  const { product } = (await response.json()) as { product: { name: string; stockMilli: number } };
  return {
    name: product.name,
    description: "",
    category: "EGGS",
    unit: "EACH",
    gramsPerUnit: "80",
    retailPrice: "0.90",
    stock: String(product.stockMilli / 1000),
    lowStock: "0",
    stockLoadedMilli: String(product.stockMilli),
  };
}

const editAction = (userId: string, productId: string, form: Record<string, string>) =>
  makeRequest(`/farm/products/${productId}`, { userId, form }).then((request) =>
    catchResponse(productAction(args(request, { productId }))),
  );
const quickSet = (userId: string, productId: string, stock: string, loadedStockMilli: string) =>
  makeRequest("/farm/products?index", { userId, form: { intent: "stock", productId, stock, loadedStockMilli } }).then(
    (request) => catchResponse(stockAction(args(request))),
  );

describe("saving the product form while orders come in", () => {
  it("keeps the stock sold meanwhile when the farmer only changed the description", async () => {
    const { cycle, farmer, product, hub } = await world();
    const form = await openEditForm(farmer.id, product.id);
    for (const buyer of await buyers(hub.id, product.id, 3))
      expect((await checkout(cycle.id, buyer.id)).status).toBe(302);
    expect(await stockOf(product.id)).toBe(7_000);

    const response = await editAction(farmer.id, product.id, { ...form, description: "From our pond" });
    expect(response.status).toBe(302);
    const after = await prisma.product.findUniqueOrThrow({ where: { id: product.id } });
    expect(after).toMatchObject({ description: "From our pond", stockMilli: 7_000 });
    expect(after.stockMilli + (await soldMilli(product.id))).toBe(10_000);
  });

  it("refuses a typed stock when the stock changed meanwhile, keeps what was typed, and saves on the second try", async () => {
    const { cycle, farmer, product, hub } = await world();
    const form = await openEditForm(farmer.id, product.id);
    for (const buyer of await buyers(hub.id, product.id, 3))
      expect((await checkout(cycle.id, buyer.id)).status).toBe(302);

    const response = await editAction(farmer.id, product.id, { ...form, name: "Duck eggs (large)", stock: "12" });
    expect(response.status).toBe(409);
    const body = (await response.json()) as {
      error: Record<string, string[]>;
      initialValue: Record<string, string>;
      currentStockMilli: number;
    };
    expect(body.error[""]?.join(" ")).toContain("Stock changed since you opened this form: now 7");
    expect(body.initialValue).toMatchObject({ name: "Duck eggs (large)", stock: "12" });
    expect(body.currentStockMilli).toBe(7_000);
    expect(await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).toMatchObject({
      name: "Duck eggs",
      stockMilli: 7_000,
    });

    // The re-shown form carries the stock the farmer has now seen: saving again replaces it.
    const again = await editAction(farmer.id, product.id, {
      ...form,
      name: "Duck eggs (large)",
      stock: "12",
      stockLoadedMilli: String(body.currentStockMilli),
    });
    expect(again.status).toBe(302);
    expect(await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).toMatchObject({
      name: "Duck eggs (large)",
      stockMilli: 12_000,
    });
  });

  it("refuses a form without the stock it was loaded with", async () => {
    const { farmer, product } = await world();
    const { stockLoadedMilli: _omitted, ...form } = await openEditForm(farmer.id, product.id);
    void _omitted;
    const response = await editAction(farmer.id, product.id, { ...form, stock: "3" });
    expect(response.status).toBe(400);
    expect(await stockOf(product.id)).toBe(10_000);
  });

  it("holds under concurrency: orders racing an untouched save and a typed save never lose or invent stock", async () => {
    const { cycle, farmer, product, hub } = await world();
    const form = await openEditForm(farmer.id, product.id);
    const people = await buyers(hub.id, product.id, 8);
    const [untouched, typed, ...orders] = await Promise.all([
      editAction(farmer.id, product.id, { ...form, description: "Racing" }),
      editAction(farmer.id, product.id, { ...form, stock: "20" }),
      ...people.map((buyer) => checkout(cycle.id, buyer.id)),
    ]);
    expect(untouched.status).toBe(302);
    expect([302, 409]).toContain(typed.status);
    const sold = await soldMilli(product.id);
    expect(sold).toBe(orders.filter((r) => r.status === 302).length * 1000);
    const stock = await stockOf(product.id);
    // The typed 20 was written only if no egg had been sold before it; orders after it count down from 20.
    if (typed.status === 302) expect(stock + sold).toBeLessThanOrEqual(20_000);
    else expect(stock + sold).toBe(10_000);
    expect(stock).toBeGreaterThanOrEqual(0);
    if (typed.status === 302) {
      // Whatever was sold before the typed save is lost from neither side: it must have been nothing.
      const soldBefore = 20_000 - stock - sold;
      expect(soldBefore).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("the quick stock setting on the products list", () => {
  it("answers 409 with the current stock when orders came in since the page was opened, then sets it knowingly", async () => {
    const { cycle, farmer, product, hub } = await world();
    for (const buyer of await buyers(hub.id, product.id, 3))
      expect((await checkout(cycle.id, buyer.id)).status).toBe(302);

    const stale = await quickSet(farmer.id, product.id, "12", "10000");
    expect(stale.status).toBe(409);
    const body = (await stale.json()) as { ok: boolean; error: string; stockMilli: number };
    expect(body).toMatchObject({ ok: false, stockMilli: 7_000 });
    expect(body.error).toContain("Stock changed since you opened this page: now 7");
    expect(await stockOf(product.id)).toBe(7_000);

    const fresh = await quickSet(farmer.id, product.id, "12", "7000");
    expect(await fresh.json()).toMatchObject({ ok: true, stockMilli: 12_000 });
    expect(await stockOf(product.id)).toBe(12_000);
  });

  it("leaves the stock alone when the farmer sets what the page showed", async () => {
    const { cycle, farmer, product, hub } = await world();
    for (const buyer of await buyers(hub.id, product.id, 2))
      expect((await checkout(cycle.id, buyer.id)).status).toBe(302);
    const same = await quickSet(farmer.id, product.id, "10", "10000");
    expect(await same.json()).toMatchObject({ ok: true, stockMilli: 8_000 });
    expect(await stockOf(product.id)).toBe(8_000);
  });

  it("holds under concurrency: a quick set racing orders either wins before them or is refused", async () => {
    const { cycle, farmer, product, hub } = await world();
    const people = await buyers(hub.id, product.id, 8);
    const [set, ...orders] = await Promise.all([
      quickSet(farmer.id, product.id, "30", "10000"),
      ...people.map((buyer) => checkout(cycle.id, buyer.id)),
    ]);
    const sold = await soldMilli(product.id);
    expect(sold).toBe(orders.filter((r) => r.status === 302).length * 1000);
    const stock = await stockOf(product.id);
    if (set.status === 200) expect(stock + sold).toBeLessThanOrEqual(30_000);
    else {
      expect(set.status).toBe(409);
      expect(stock + sold).toBe(10_000);
    }
  });
});
