// What was packed, over real HTTP (issue 15, docs/decisions/036): a fresh farm of the demo hub sells
// a brisket by estimated weight, carrots and parsnips; a fresh household orders into a cycle of this
// file's own (allowing substitutes) and the coordinator closes it. The farmer's pick list then takes
// an actual weight, a shortage and a substitute: a double submit of one form records one change, a
// form older than the line is refused with 409, broken bodies get a 4xx with words and change
// nothing, nobody else can adjust the line, and the buyer's order shows each change with its
// numbered note and the new total, and receives one message per change.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { inputValue, location, loggedInAs, signedUp } from "./support/client";

test.describe.configure({ mode: "serial" });

const PICK_DATA = "routes%2Ffarm.orders";
const ORDER_DATA = "routes%2Forders.%24orderId";
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

interface PickLine {
  id: string;
  productName: string;
  version: number;
  formKey: string;
  quantityMilli: number;
  lineTotalMinor: number;
  canAdjust: boolean;
  orderNumber: number;
}
interface OrderData {
  order: {
    totalMinor: number;
    issuedTotalMinor: number | null;
    adjustments: Array<{ kind: string; document: { number: string; amountMinor: number } | null }>;
    groups: Array<{ lines: Array<{ productName: string; lineTotalMinor: number; ordered: unknown }> }>;
  };
}

let farmer: APIRequestContext;
let coordinator: APIRequestContext;
let buyer: { client: APIRequestContext; email: string };
let cycleId = "";
let orderId = "";
const products: Record<"brisket" | "carrots" | "parsnips", string> = { brisket: "", carrots: "", parsnips: "" };

async function pickLines(): Promise<PickLine[]> {
  const response = await farmer.get(`/farm/orders?cycle=${cycleId}&_data=${PICK_DATA}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { lines: PickLine[] }).lines;
}
const line = async (name: string) => (await pickLines()).find((l) => l.productName === name)!;

function adjust(client: APIRequestContext, form: Record<string, string>) {
  return client.post(`/farm/orders?cycle=${cycleId}&_data=${PICK_DATA}`, { form: { intent: "adjust", ...form } });
}

async function orderData(): Promise<OrderData["order"]> {
  const response = await buyer.client.get(`/orders/${orderId}?_data=${ORDER_DATA}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as OrderData).order;
}

async function newProduct(form: Record<string, string>) {
  const created = await farmer.post("/farm/products/new", {
    form: { description: "", category: "VEGETABLES", stock: "50", lowStock: "0", ...form },
  });
  expect(created.status(), await created.text()).toBe(302);
}

test("set-up: a farm of the demo hub, its products, one order into a cycle of this file, closed", async () => {
  test.setTimeout(120_000);
  ({ client: farmer } = await signedUp("FARMER", "Adjusting Farmer"));
  const farm = await farmer.post("/farm/new", {
    form: {
      name: `Packing Shed Farm ${Date.now()}`,
      story: "",
      address: "2 Lane, Bristol",
      lat: "51.455",
      lng: "-2.585",
      pickupInstructions: "",
    },
  });
  expect(farm.status(), await farm.text()).toBe(302);
  const dashboard = (await (await farmer.get("/farm?_data=routes%2Ffarm._index")).json()) as {
    farm: { id: string; slug: string };
  };
  const admin = await loggedInAs("admin@foodshed.test");
  const approved = await admin.post("/admin/farms", { form: { farmId: dashboard.farm.id, status: "ACTIVE" } });
  expect(approved.status(), await approved.text()).toBe(302);

  await newProduct({
    name: "HTTP brisket",
    category: "MEAT",
    unit: "each",
    gramsPerUnit: "1000",
    retailPrice: "12.00",
    soldByWeight: "on",
  });
  await newProduct({ name: "HTTP carrots", unit: "kg", retailPrice: "2.50" });
  await newProduct({ name: "HTTP parsnips", unit: "kg", retailPrice: "3.00", stock: "20" });
  type Listed = { id: string; name: string; estimatedGrams: number | null };
  const page = (await (await farmer.get(`/farms/${dashboard.farm.slug}?_data=routes%2Ffarms.%24slug`)).json()) as {
    farm?: { products?: Listed[] };
    products?: Listed[];
  };
  const listed = page.farm?.products ?? page.products ?? [];
  for (const p of listed) {
    if (p.name === "HTTP brisket") products.brisket = p.id;
    if (p.name === "HTTP carrots") products.carrots = p.id;
    if (p.name === "HTTP parsnips") products.parsnips = p.id;
  }
  expect(listed.find((p) => p.name === "HTTP brisket")?.estimatedGrams).toBe(1000);

  coordinator = await loggedInAs("coordinator@foodshed.test");
  for (let attempt = 0; attempt < 20 && !cycleId; attempt++) {
    const offset = 720 + ((Math.floor(Date.now() / 60_000) + attempt * 11) % 300);
    const created = await coordinator.post("/hub/cycles/new", {
      form: {
        name: `Packing checks ${offset}`,
        opensAt: `${day(-1)}T09:00`,
        cutoffAt: `${day(offset - 2)}T18:00`,
        deliveryDate: day(offset),
        slots: "09:00-12:00",
      },
    });
    if (created.status() === 302) cycleId = /^\/hub\/cycles\/([\w-]+)/.exec(location(created) ?? "")?.[1] ?? "";
  }
  expect(cycleId).toBeTruthy();

  buyer = await signedUp("HOUSEHOLD", "Packing Buyer");
  for (const [id, quantity] of [
    [products.brisket, "2"],
    [products.carrots, "2"],
  ] as const) {
    const added = await buyer.client.post("/basket", { form: { intent: "add", productId: id, quantity } });
    expect(added.status(), await added.text()).toBeLessThan(400);
  }
  const checkout = await (await buyer.client.get(`/checkout?cycle=${cycleId}&fulfilment=PICKUP`)).text();
  expect(inputValue(checkout, "cycleId")).toBe(cycleId);
  const placed = await buyer.client.post("/checkout", {
    form: {
      cycleId,
      expectedTotalMinor: inputValue(checkout, "expectedTotalMinor")!,
      idempotencyKey: inputValue(checkout, "idempotencyKey")!,
      fulfilment: "PICKUP",
      paymentMethod: "ON_DELIVERY",
      allowSubstitutions: "on",
    },
  });
  expect(placed.status(), await placed.text()).toBe(302);
  orderId = /^\/orders\/([\w-]+)/.exec(location(placed) ?? "")?.[1] ?? "";
  expect(orderId).toBeTruthy();

  // Before the cut-off nothing can be recorded: buyers may still change their orders.
  const early = await line("HTTP carrots");
  expect(early.canAdjust).toBe(false);
  const refused = await adjust(farmer, {
    lineId: early.id,
    version: String(early.version),
    requestKey: early.formKey,
    kind: "short",
    quantity: "1",
  });
  expect(refused.status()).toBe(409);
  expect(await refused.text()).toMatch(/still open/);

  const closed = await coordinator.post(`/hub/cycles/${cycleId}`, { form: { intent: "close" } });
  expect(closed.status(), await closed.text()).toBe(302);
  expect((await line("HTTP carrots")).canAdjust).toBe(true);
});

test("an actual weight sent twice at once (a double click) is recorded once, with one debit note and one message", async () => {
  const brisket = await line("HTTP brisket");
  const form = {
    lineId: brisket.id,
    version: String(brisket.version),
    requestKey: brisket.formKey,
    kind: "weight",
    quantity: "2",
    actualWeightKg: "2.26",
  };
  const [a, b] = await Promise.all([adjust(farmer, form), adjust(farmer, form)]);
  expect([a.status(), b.status()]).toEqual([200, 200]);
  const after = await line("HTTP brisket");
  expect(after).toMatchObject({ version: brisket.version + 1, lineTotalMinor: 2712 });
  const order = await orderData();
  expect(order.adjustments).toHaveLength(1);
  expect(order.adjustments[0]).toMatchObject({ kind: "WEIGHT", document: { amountMinor: 312 } });
  expect(order.adjustments[0]!.document!.number).toMatch(/^DN-\d{4}$/);
  expect(order.totalMinor).toBe(order.issuedTotalMinor! + 312);
  // Sent again later (a retry after a lost answer): still one.
  expect((await adjust(farmer, form)).status()).toBe(200);
  expect((await orderData()).adjustments).toHaveLength(1);
});

test("a form older than the line is refused with 409 and words; nothing changes", async () => {
  const brisket = await line("HTTP brisket");
  const stale = await adjust(farmer, {
    lineId: brisket.id,
    version: String(brisket.version - 1),
    requestKey: `stale-${Date.now()}`,
    kind: "weight",
    quantity: "2",
    actualWeightKg: "1.9",
  });
  expect(stale.status()).toBe(409);
  expect(((await stale.json()) as { error: string }).error).toMatch(/changed since the page was loaded/);
  expect((await line("HTTP brisket")).lineTotalMinor).toBe(2712);
});

test("broken bodies get a 4xx with words, never a 500, and change nothing", async () => {
  const carrots = await line("HTTP carrots");
  const base = { lineId: carrots.id, version: String(carrots.version), requestKey: `broken-${Date.now()}` };
  const bodies: Array<Record<string, string>> = [
    {},
    { intent: "adjust" },
    { ...base, kind: "teleport" },
    { ...base, kind: "short" },
    { ...base, kind: "short", quantity: "2" },
    { ...base, kind: "short", quantity: "-1" },
    { ...base, kind: "short", quantity: "1e9" },
    { ...base, kind: "short", quantity: "x".repeat(100) },
    { ...base, kind: "weight", actualWeightKg: "1" },
    { ...base, kind: "substitute", quantity: "1" },
    { ...base, kind: "substitute", substituteProductId: "no-such-product", quantity: "1" },
    { ...base, version: "-1", kind: "short", quantity: "1" },
    { ...base, version: "abc", kind: "short", quantity: "1" },
    { ...base, requestKey: "", kind: "short", quantity: "1" },
    { ...base, lineId: "", kind: "short", quantity: "1" },
  ];
  for (const body of bodies) {
    const response = await farmer.post(`/farm/orders?cycle=${cycleId}&_data=${PICK_DATA}`, {
      form: { intent: "adjust", ...body },
    });
    expect(response.status(), JSON.stringify(body)).toBeGreaterThanOrEqual(400);
    expect(response.status(), JSON.stringify(body)).toBeLessThan(500);
    expect(((await response.json()) as { error?: string }).error, JSON.stringify(body)).toBeTruthy();
  }
  // Not a form at all.
  for (const data of ['{"intent":"adjust"}', "\u0000\u0001garbage"]) {
    const response = await farmer.post(`/farm/orders?_data=${PICK_DATA}`, {
      headers: { "Content-Type": "application/json" },
      data,
    });
    expect(response.status()).toBeGreaterThanOrEqual(400);
    expect(response.status()).toBeLessThan(500);
  }
  expect((await line("HTTP carrots")).version).toBe(carrots.version);
  expect((await orderData()).adjustments).toHaveLength(1);
});

test("nobody else adjusts the line: another farmer gets 404, a buyer and the coordinator are refused", async () => {
  const carrots = await line("HTTP carrots");
  const form = {
    lineId: carrots.id,
    version: String(carrots.version),
    requestKey: `other-${Date.now()}`,
    kind: "short",
    quantity: "0",
  };
  const { client: otherFarmer } = await signedUp("FARMER", "Other Farmer");
  expect((await adjust(otherFarmer, form)).status()).toBe(404);
  expect((await adjust(buyer.client, form)).status()).toBe(403);
  expect((await adjust(coordinator, form)).status()).toBe(403);
  expect((await line("HTTP carrots")).version).toBe(carrots.version);
});

test("a shortage and a substitute the buyer allowed: numbered credit notes, the new total, one message each", async () => {
  const carrots = await line("HTTP carrots");
  const short = await adjust(farmer, {
    lineId: carrots.id,
    version: String(carrots.version),
    requestKey: carrots.formKey,
    kind: "short",
    quantity: "1",
  });
  expect(short.status(), await short.text()).toBe(200);
  const again = await line("HTTP carrots");
  const substitute = await adjust(farmer, {
    lineId: again.id,
    version: String(again.version),
    requestKey: again.formKey,
    kind: "substitute",
    substituteProductId: products.parsnips,
    quantity: "2",
  });
  expect(substitute.status(), await substitute.text()).toBe(200);

  const order = await orderData();
  expect(order.adjustments.map((a) => a.kind)).toEqual(["WEIGHT", "SHORT", "SUBSTITUTE"]);
  // Short by 1 kg: −£2.50; then 2 kg of parsnips (£6.00) instead of carrots, charged at most the £5.00 ordered: +£2.50.
  expect(order.adjustments.map((a) => a.document?.amountMinor)).toEqual([312, -250, 250]);
  expect(order.adjustments[1]!.document!.number).toMatch(/^CN-\d{4}$/);
  expect(order.totalMinor).toBe(order.issuedTotalMinor! + 312);
  const lines = order.groups.flatMap((g) => g.lines);
  expect(lines.find((l) => l.productName === "HTTP parsnips")).toMatchObject({ lineTotalMinor: 500 });

  const admin = await loggedInAs("admin@foodshed.test");
  const outbox = (await (await admin.get("/admin/outbox?_data=routes%2Fadmin.outbox")).json()) as {
    messages: Array<{ to: string; kind: string }>;
  };
  expect(outbox.messages.filter((m) => m.to === buyer.email && m.kind.startsWith("order-adjusted:"))).toHaveLength(3);
});
