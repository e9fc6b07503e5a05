// The farmer's catalogue over real HTTP: a product form opened before buyers ordered does not
// wipe out what they bought when it is saved, and the same CSV imported twice — one after the
// other, or both at once from a double click — leaves one product per row. A fresh farmer and
// farm, so the demo catalogue stays as the journeys expect.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { inputValue, location, signedUp } from "./support/client";

async function newFarm(client: APIRequestContext) {
  const created = await client.post("/farm/new", {
    form: {
      name: `HTTP Farm ${Date.now()}`,
      story: "",
      address: "1 Lane, Bristol",
      lat: "51.45",
      lng: "-2.58",
      pickupInstructions: "",
    },
  });
  expect(created.status(), await created.text()).toBe(302);
}

async function importCsv(client: APIRequestContext, csv: string, intent: "preview" | "import") {
  return client.post("/farm/products/import", { multipart: { csv, intent } });
}

async function productIds(client: APIRequestContext) {
  const html = await (await client.get("/farm/products")).text();
  return [
    ...new Set([...html.matchAll(/href="\/farm\/products\/(?!new|import|template)([\w-]+)"/g)].map((m) => m[1]!)),
  ];
}

test("the same CSV imported again, and twice at once, leaves one product per row; the check counts new, updated and unchanged", async () => {
  const { client } = await signedUp("FARMER");
  await newFarm(client);
  const csv =
    "code,name,category,unit,grams_per_unit,retail_price,stock\nHTTP-1,Runner beans,vegetables,kg,,3.00,8\n,Duck eggs,eggs,dozen,900,4.50,5\n";
  const check = await importCsv(client, csv, "preview");
  expect(check.status()).toBe(200);
  expect(await check.text()).toContain("2 new, 0 updated, 0 unchanged");
  // A double click on Import: both requests at once.
  const both = await Promise.all([importCsv(client, csv, "import"), importCsv(client, csv, "import")]);
  expect(both.map((r) => r.status())).toEqual([302, 302]);
  expect(await productIds(client)).toHaveLength(2);
  // The farm's own export, imported again: nothing new.
  const exported = await (await client.get("/farm/products.csv")).text();
  const again = await importCsv(client, exported, "preview");
  expect(await again.text()).toContain("0 new, 0 updated, 2 unchanged");
  expect((await importCsv(client, exported, "import")).status()).toBe(302);
  expect(await productIds(client)).toHaveLength(2);
});

test("a product form opened before an order keeps the stock sold meanwhile; a typed stock on a stale form is refused with the current figure", async () => {
  const farmer = await signedUp("FARMER");
  await newFarm(farmer.client);
  const csv = "code,name,category,unit,grams_per_unit,retail_price,stock\nHTTP-J,Jam,pantry,each,340,6.00,10\n";
  expect((await importCsv(farmer.client, csv, "import")).status()).toBe(302);
  const [productId] = await productIds(farmer.client);
  const editPath = `/farm/products/${productId}`;
  // The farmer opens the edit form (stock 10)…
  const form = await (await farmer.client.get(editPath)).text();
  const loaded = inputValue(form, "stockLoadedMilli");
  expect(loaded).toBe("10000");
  const fields = {
    code: "HTTP-J",
    name: "Jam",
    description: "Now with rhubarb",
    category: "PANTRY",
    unit: "EACH",
    gramsPerUnit: "340",
    retailPrice: "6.00",
    stock: "10",
    stockLoadedMilli: loaded!,
  };

  // …a buyer orders 3 jars meanwhile (£18, over the hub's minimum order)…
  const buyer = await signedUp("HOUSEHOLD");
  expect(
    (await buyer.client.post("/basket", { form: { intent: "add", productId: productId!, quantity: "3" } })).status(),
  ).toBeLessThan(400);
  const checkout = await (await buyer.client.get("/checkout?fulfilment=PICKUP")).text();
  const placed = await buyer.client.post("/checkout", {
    form: {
      cycleId: inputValue(checkout, "cycleId")!,
      expectedTotalMinor: inputValue(checkout, "expectedTotalMinor")!,
      idempotencyKey: inputValue(checkout, "idempotencyKey")!,
      fulfilment: "PICKUP",
      paymentMethod: "ON_DELIVERY",
    },
  });
  expect(placed.status(), await placed.text()).toBe(302);
  expect(location(placed)).toMatch(/^\/orders\//);

  // …and the farmer saves a description change: the 3 sold stay sold.
  const saved = await farmer.client.post(editPath, { form: fields });
  expect(saved.status()).toBe(302);
  expect(inputValue(await (await farmer.client.get(editPath)).text(), "stockLoadedMilli")).toBe("7000");

  // A typed stock on a form that still shows 10 is refused, with the current figure and what was typed.
  const stale = await farmer.client.post(editPath, { form: { ...fields, stock: "12", stockLoadedMilli: "10000" } });
  expect(stale.status()).toBe(409);
  const body = await stale.text();
  expect(body).toContain("Stock changed since you opened this");
  expect(body).toContain("now 7");
});
