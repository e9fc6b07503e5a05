import { describe, expect, it } from "vitest";
import { action as basketAction, loader as basketLoader } from "~/routes/basket";
import { action as loginAction } from "~/routes/login";
import { prisma } from "~/utils/db.server";
import {
  createTestCycle,
  createTestFarm,
  createTestHub,
  createTestProduct,
  createTestUser,
  makeRequest,
  TEST_PASSWORD,
} from "../factories";
import { args, catchResponse, cookiePair, orderingWorld, postForm } from "../support/ordering";

const add = (productId: string, quantity: string) => ({ intent: "add", productId, quantity });

describe("basket", () => {
  it("adds lines from two farms and prices them on the server", async () => {
    const w = await orderingWorld();
    expect((await postForm(basketAction, "/basket", add(w.carrots.id, "1.5"), w.household.id)).status).toBe(200);
    expect((await postForm(basketAction, "/basket", add(w.eggs.id, "2"), w.household.id)).status).toBe(200);
    const response = await catchResponse(basketLoader(args(await makeRequest("/basket", { userId: w.household.id }))));
    const data = (await response.json()) as { basket: { groups: unknown[]; totals: { subtotalMinor: number } } };
    expect(data.basket.groups).toHaveLength(2);
    expect(data.basket.totals.subtotalMinor).toBe(375 + 800);
  });

  it.each([
    ["0", "more than zero"],
    ["-2", "more than zero"],
    ["1.5", "whole"],
    ["abc", "must be a number"],
    ["", "Enter a quantity"],
  ])("refuses %j eggs (a whole unit) with 400 and changes nothing", async (quantity, message) => {
    const w = await orderingWorld();
    const response = await postForm(basketAction, "/basket", add(w.eggs.id, quantity), w.household.id);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain(message);
    expect(await prisma.basketItem.count({ where: { userId: w.household.id } })).toBe(0);
  });

  it("refuses more than the stock with 'only N left'", async () => {
    const w = await orderingWorld({ stockMilli: 3000 });
    const response = await postForm(basketAction, "/basket", add(w.carrots.id, "4"), w.household.id);
    expect(response.status).toBe(409);
    expect(((await response.json()) as { message: string }).message).toMatch(/Only 3 kg of Carrots left/);
  });

  it("refuses an archived product and a product of another hub", async () => {
    const w = await orderingWorld();
    await prisma.product.update({ where: { id: w.eggs.id }, data: { archivedAt: new Date() } });
    expect((await postForm(basketAction, "/basket", add(w.eggs.id, "1"), w.household.id)).status).toBe(410);
    const otherHub = await createTestHub();
    const otherFarm = await createTestFarm({ hubId: otherHub.id });
    const foreign = await createTestProduct(otherFarm.id);
    const response = await postForm(basketAction, "/basket", add(foreign.id, "1"), w.household.id);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/another hub/);
    expect((await postForm(basketAction, "/basket", add("does-not-exist", "1"), w.household.id)).status).toBe(404);
    expect(await prisma.basketItem.count({ where: { userId: w.household.id } })).toBe(0);
  });

  it("answers 404 for someone else's basket line and leaves it alone", async () => {
    const w = await orderingWorld();
    await postForm(basketAction, "/basket", add(w.carrots.id, "2"), w.restaurant.id);
    const update = await postForm(
      basketAction,
      "/basket",
      { intent: "update", productId: w.carrots.id, quantity: "1" },
      w.household.id,
    );
    expect(update.status).toBe(404);
    const remove = await postForm(
      basketAction,
      "/basket",
      { intent: "remove", productId: w.carrots.id },
      w.household.id,
    );
    expect(remove.status).toBe(404);
    const theirs = await prisma.basketItem.findFirstOrThrow({ where: { userId: w.restaurant.id } });
    expect(theirs.quantityMilli).toBe(2000);
  });

  it("updates and removes own lines; farmers have no basket", async () => {
    const w = await orderingWorld();
    await postForm(basketAction, "/basket", add(w.carrots.id, "2"), w.household.id);
    expect(
      (
        await postForm(
          basketAction,
          "/basket",
          { intent: "update", productId: w.carrots.id, quantity: "0.5" },
          w.household.id,
        )
      ).status,
    ).toBe(200);
    expect((await prisma.basketItem.findFirstOrThrow({ where: { userId: w.household.id } })).quantityMilli).toBe(500);
    expect(
      (await postForm(basketAction, "/basket", { intent: "remove", productId: w.carrots.id }, w.household.id)).status,
    ).toBe(200);
    expect(await prisma.basketItem.count({ where: { userId: w.household.id } })).toBe(0);
    const farmer = await createTestUser({ role: "FARMER" });
    expect((await postForm(basketAction, "/basket", add(w.carrots.id, "1"), farmer.id)).status).toBe(403);
    expect((await postForm(basketAction, "/basket", { intent: "explode", productId: w.carrots.id })).status).toBe(400);
  });

  it("keeps a guest basket in a signed cookie and merges it at log-in", async () => {
    const w = await orderingWorld();
    const first = await postForm(basketAction, "/basket", add(w.carrots.id, "1"));
    expect(first.status).toBe(200);
    let cookie = cookiePair(first.headers.get("Set-Cookie"));
    expect(cookie).toMatch(/^__foodshed_basket=/);
    const second = await postForm(basketAction, "/basket", add(w.eggs.id, "2"), undefined, cookie);
    cookie = cookiePair(second.headers.get("Set-Cookie"));
    // A tampered cookie reads as an empty basket.
    const tampered = await catchResponse(
      basketLoader(args(new Request("http://localhost/basket", { headers: { Cookie: cookie.slice(0, -4) + "AAAA" } }))),
    );
    expect(((await tampered.json()) as { basket: { lines: unknown[] } }).basket.lines).toHaveLength(0);

    // The account already has 1 kg of carrots: quantities add up.
    await prisma.basketItem.create({ data: { userId: w.household.id, productId: w.carrots.id, quantityMilli: 1000 } });
    const login = await postForm(
      loginAction,
      "/login",
      { email: w.household.email, password: TEST_PASSWORD },
      undefined,
      cookie,
    );
    expect(login.status).toBe(302);
    const cleared = login.headers.getSetCookie().find((c) => c.startsWith("__foodshed_basket="));
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    const items = await prisma.basketItem.findMany({
      where: { userId: w.household.id },
      orderBy: { quantityMilli: "asc" },
    });
    expect(items.map((i) => [i.productId, i.quantityMilli])).toEqual([
      [w.carrots.id, 2000],
      [w.eggs.id, 2000],
    ]);
  });

  it("shows the open cycle with its cut-off, and none after the cut-off", async () => {
    const hub = await createTestHub();
    await createTestCycle(hub.id, { cutoffAt: new Date(Date.now() - 60_000) });
    const user = await createTestUser({ hubId: hub.id });
    const farm = await createTestFarm({ hubId: hub.id });
    const p = await createTestProduct(farm.id);
    await postForm(basketAction, "/basket", add(p.id, "1"), user.id);
    const response = await catchResponse(basketLoader(args(await makeRequest("/basket", { userId: user.id }))));
    expect(((await response.json()) as { basket: { cycle: unknown } }).basket.cycle).toBeNull();
  });
});
