// Drivers over real HTTP (issue 16, docs/decisions/030 and 032): two drivers of the demo hub,
// invited by the coordinator and joined through their invitation links, each given a route of a
// cycle of this file's own (created, ordered into by fresh buyers, closed and planned here: the
// demo's open cycle is the coordinator journey's). A driver cannot read or mark another driver's
// route, open any hub, farm, buyer or admin page, or see another order's proof photo; a mark sent
// again with its mark id — one after the other, at once, or after the stop was corrected — is
// recorded once (one stop change, one "delivered" message); a mark on a plan replaced since, or
// drawn from an older stop version, is refused with 409; broken bodies get a 4xx with a message,
// never a 500, and change nothing.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { anonymous, BASE_URL, inputValue, location, loggedInAs, signedUp } from "./support/client";

test.describe.configure({ mode: "serial" });

const PHOTO = fs.readFileSync(path.join(import.meta.dirname, "../e2e/fixtures/doorstep.png"));
/** Near the demo hub, inside its delivery zone (Redland, Bristol); each buyer a few streets apart. */
const HOMES = [
  { lat: "51.465863", lng: "-2.60181", address: "66 Whiteladies Road, Bristol" },
  { lat: "51.468210", lng: "-2.59810", address: "12 Redland Road, Bristol" },
  { lat: "51.462400", lng: "-2.60620", address: "3 Alma Vale Road, Bristol" },
  { lat: "51.470100", lng: "-2.60300", address: "40 Cranbrook Road, Bristol" },
];
const DRIVER_DATA = "routes%2Fdriver.routes.%24routeId";
const PLAN_DATA = "routes%2Fhub.cycles.%24cycleId.plan";
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

interface Stop {
  id: string;
  status: string;
  version: number;
  completedAt: string | null;
  proofKind: string | null;
  proofRecipient: string | null;
  proofPhotoPath: string | null;
  markId: string;
  undoMarkId: string;
  proofSafePlace: string | null;
  order: { id: string; number: number; status: string; buyer: { name: string } } | null;
  outcome: { status: string; photo: { full: string; small: string } | null };
}
interface RouteData {
  route: { id: string; kind: "DELIVERY" | "COLLECTION"; stops: Stop[] };
}
interface Buyer {
  client: APIRequestContext;
  email: string;
  name: string;
  orderId: string;
}
interface Driver {
  client: APIRequestContext;
  email: string;
  name: string;
  id: string;
}

// What the tests share: built once, in order, by the first tests.
let coordinator: APIRequestContext;
let admin: APIRequestContext;
let cycleId = "";
const buyers: Buyer[] = [];
let driverA: Driver;
let driverB: Driver;
/** Driver A's delivery route and driver B's route (another delivery route, or a collection). */
let routeA = "";
let routeB = "";
let jobId = "";

/** Products this file ordered: each buyer takes another, so no demo product's stock runs low. */
const usedProducts = new Set<string>();

/** An ambient product sold by the piece, with stock, so each order is one delivery stop. */
async function ambientProduct(client: APIRequestContext) {
  const search = await client.get("/api/products/search?stock=1&r=100");
  expect(search.status()).toBe(200);
  const { results } = (await search.json()) as {
    results: Array<{ id: string; unit: string; priceMinor: number; stockMilli: number; farmSlug: string }>;
  };
  const candidates = results.filter(
    (p) =>
      ["EACH", "BUNCH", "DOZEN"].includes(p.unit) &&
      p.priceMinor >= 200 &&
      p.stockMilli >= 40_000 &&
      !usedProducts.has(p.id),
  );
  for (const product of candidates) {
    const farm = await client.get(`/farms/${product.farmSlug}?_data=routes%2Ffarms.%24slug`);
    if (farm.status() !== 200) continue;
    const data = (await farm.json()) as { farm?: { products?: Array<{ id: string; chilled: boolean }> } };
    const products = data.farm?.products ?? (data as { products?: Array<{ id: string; chilled: boolean }> }).products;
    if (products?.find((p) => p.id === product.id)?.chilled === false) {
      usedProducts.add(product.id);
      return product;
    }
  }
  throw new Error("no ambient demo product with stock");
}

/** A fresh household that orders (pay on delivery, delivered home) into this file's cycle. */
async function buyerWithOrder(index: number): Promise<Buyer> {
  const name = `Driver check buyer ${index + 1}`;
  const { client, email } = await signedUp("HOUSEHOLD", name);
  const product = await ambientProduct(client);
  const added = await client.post("/basket", {
    form: { intent: "add", productId: product.id, quantity: String(Math.ceil(2000 / product.priceMinor)) },
  });
  expect(added.status(), await added.text()).toBeLessThan(400);
  const home = HOMES[index]!;
  const page = await client.get(
    `/checkout?cycle=${cycleId}&lat=${home.lat}&lng=${home.lng}&address=${encodeURIComponent(home.address)}`,
  );
  expect(page.status()).toBe(200);
  const html = await page.text();
  expect(inputValue(html, "cycleId")).toBe(cycleId);
  const placed = await client.post("/checkout", {
    form: {
      cycleId,
      expectedTotalMinor: inputValue(html, "expectedTotalMinor")!,
      idempotencyKey: inputValue(html, "idempotencyKey")!,
      fulfilment: "DELIVERY",
      address: home.address,
      lat: home.lat,
      lng: home.lng,
      slotId: "",
      paymentMethod: "ON_DELIVERY",
    },
  });
  expect(placed.status(), await placed.text()).toBe(302);
  const orderId = /^\/orders\/([\w-]+)/.exec(location(placed) ?? "")?.[1];
  expect(orderId, `order placed: ${location(placed)}`).toBeTruthy();
  return { client, email, name, orderId: orderId! };
}

/** Plans (or re-plans) the cycle and waits for the job to finish. */
async function plan(): Promise<string> {
  // The plan page's button posts through a fetcher: a data request, answered with the job's id.
  const started = await coordinator.post(`/hub/cycles/${cycleId}/plan?_data=${PLAN_DATA}`, {
    form: { intent: "plan", effort: "quick" },
  });
  expect(started.status(), await started.text()).toBe(200);
  const id = ((await started.json()) as { jobId: string }).jobId;
  await expect
    .poll(
      async () => {
        const job = await coordinator.get(`/hub/cycles/${cycleId}/plan/job?id=${id}`);
        return ((await job.json()) as { job: { status: string } }).job.status;
      },
      { timeout: 90_000, intervals: [500, 1000] },
    )
    .toBe("DONE");
  return id;
}

/** The current plan's routes, as the coordinator's plan page has them. */
async function planRoutes() {
  const response = await coordinator.get(`/hub/cycles/${cycleId}/plan?_data=${PLAN_DATA}`);
  expect(response.status()).toBe(200);
  const data = (await response.json()) as {
    plan: { id: string } | null;
    routes: Array<{ id: string; kind: "DELIVERY" | "COLLECTION"; stops: unknown[] }>;
  };
  expect(data.plan, "the cycle has a plan").not.toBeNull();
  return data;
}

/** The invitation link the coordinator's email holds, read in the admin outbox. */
async function invitationPath(email: string): Promise<string> {
  const outbox = (await (await admin.get("/admin/outbox?_data=routes%2Fadmin.outbox")).json()) as {
    messages: Array<{ to: string; text: string }>;
  };
  const text = outbox.messages.find((m) => m.to === email)?.text ?? "";
  const link = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(text)?.[0];
  expect(link, `an invitation link to ${email}`).toBeTruthy();
  return new URL(link!).pathname;
}

/** Invited by the coordinator through /hub/drivers, joined through the link: a logged-in driver. */
async function invitedDriver(name: string): Promise<Driver> {
  const email = `http-driver-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
  const invited = await coordinator.post("/hub/drivers", { form: { intent: "invite", name, email } });
  expect(invited.status(), await invited.text()).toBe(302);
  const client = await anonymous();
  const accepted = await client.post(await invitationPath(email), { form: { password: "http-driver-password-1" } });
  expect(accepted.status(), await accepted.text()).toBe(302);
  expect(location(accepted)).toBe("/driver");
  const list = await client.get("/driver");
  expect(list.status()).toBe(200);
  const drivers = (await (await coordinator.get("/hub/drivers?_data=routes%2Fhub.drivers")).json()) as {
    drivers: Array<{ id: string; email: string }>;
  };
  const id = drivers.drivers.find((d) => d.email === email)?.id;
  expect(id, "the driver is listed on the coordinator's page").toBeTruthy();
  return { client, email, name, id: id! };
}

async function assign(routeId: string, driverId: string) {
  const saved = await coordinator.post(`/hub/routes/${routeId}/manifest`, { form: { intent: "assign", driverId } });
  expect(saved.status(), await saved.text()).toBe(302);
}

/** Driver A gets the delivery route with most stops; driver B another route of the plan. */
async function assignRoutes() {
  const { routes } = await planRoutes();
  const delivery = routes.filter((r) => r.kind === "DELIVERY").sort((a, b) => b.stops.length - a.stops.length);
  expect(delivery[0]?.stops.length ?? 0, "a delivery route with three stops or more").toBeGreaterThanOrEqual(3);
  routeA = delivery[0]!.id;
  routeB = (delivery[1] ?? routes.find((r) => r.kind === "COLLECTION"))!.id;
  expect(routeB).toBeTruthy();
  await assign(routeA, driverA.id);
  await assign(routeB, driverB.id);
}

/** The route as its page's data request gives it, read by `client`. */
async function routeData(client: APIRequestContext, routeId: string): Promise<RouteData["route"]> {
  const response = await client.get(`/driver/routes/${routeId}?_data=${DRIVER_DATA}`);
  expect(response.status(), `route ${routeId}`).toBe(200);
  return ((await response.json()) as RouteData).route;
}

/** A stop without the fresh mark ids its page makes on every request. */
const stable = ({ markId: _m, undoMarkId: _u, ...stop }: Stop) => stop;

/** The route's delivery stops, as the coordinator (who sees every route) reads them. */
async function stopsOf(routeId: string) {
  return (await routeData(coordinator, routeId)).stops;
}

type Part = string | { name: string; mimeType: string; buffer: Buffer };

/** A mark form as the driver page sends it (multipart, like the browser's form). */
function markForm(stop: Pick<Stop, "id" | "version">, fields: Record<string, Part> = {}): Record<string, Part> {
  return {
    stopId: stop.id,
    markId: randomUUID(),
    version: String(stop.version),
    intent: "delivered",
    proofKind: "RECIPIENT",
    recipient: "Sam at the door",
    ...fields,
  };
}

async function postMark(client: APIRequestContext, routeId: string, form: Record<string, Part>, data = false) {
  return client.post(`/driver/routes/${routeId}${data ? `?_data=${DRIVER_DATA}` : ""}`, { multipart: form });
}

/** The JSON error of a refused data request (`?_data=`), with its status. */
async function refusal(response: APIResponse) {
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  return { status: response.status(), error: body.error ?? "" };
}

/** What the outbox holds for `email` whose subject matches. */
async function outboxFor(email: string, subject: RegExp) {
  const outbox = (await (await admin.get("/admin/outbox?_data=routes%2Fadmin.outbox")).json()) as {
    messages: Array<{ to: string; subject: string }>;
  };
  return outbox.messages.filter((m) => m.to === email && subject.test(m.subject));
}

test("set-up: a cycle of its own with four delivered-home orders, closed and planned; two invited drivers", async () => {
  test.setTimeout(180_000);
  coordinator = await loggedInAs("coordinator@foodshed.test");
  admin = await loggedInAs("admin@foodshed.test");
  // A cycle open now that delivers on a day no other cycle uses (cycles.spec.ts takes 60–259 days
  // ahead); its name does not end in "delivery", which is how the journeys find the demo's cycles.
  for (let attempt = 0; attempt < 20 && !cycleId; attempt++) {
    const offset = 300 + ((Math.floor(Date.now() / 60_000) + attempt * 7) % 400);
    const created = await coordinator.post("/hub/cycles/new", {
      form: {
        name: `Driver checks ${offset}`,
        opensAt: `${day(-1)}T09:00`,
        cutoffAt: `${day(offset - 2)}T18:00`,
        deliveryDate: day(offset),
        slots: "09:00-12:00",
      },
    });
    if (created.status() !== 302) continue;
    cycleId = /^\/hub\/cycles\/([\w-]+)/.exec(location(created) ?? "")?.[1] ?? "";
  }
  expect(cycleId, "a cycle of this file").toBeTruthy();

  for (let i = 0; i < 4; i++) buyers.push(await buyerWithOrder(i));

  const closed = await coordinator.post(`/hub/cycles/${cycleId}`, { form: { intent: "close" } });
  expect(closed.status(), await closed.text()).toBe(302);
  jobId = await plan();

  driverA = await invitedDriver("Alex HTTP Driver");
  driverB = await invitedDriver("Blake HTTP Driver");
  await assignRoutes();
  // Each sees their own route.
  expect((await routeData(driverA.client, routeA)).id).toBe(routeA);
  expect((await routeData(driverB.client, routeB)).id).toBe(routeB);
  const list = await (await driverA.client.get("/driver?_data=routes%2Fdriver._index")).json();
  expect((list as { routes: Array<{ id: string }> }).routes.map((r) => r.id)).toContain(routeA);
});

test("a mark on a plan replaced since the driver opened the route is refused with 409, and nothing is stored", async () => {
  test.setTimeout(180_000);
  const opened = await routeData(driverA.client, routeA);
  const stop = opened.stops.find((s) => s.status === "PENDING")!;
  // The coordinator re-plans the cycle while the driver's page is open.
  jobId = await plan();
  const { routes } = await planRoutes();
  expect(
    routes.map((r) => r.id),
    "the old route is not in the new plan",
  ).not.toContain(routeA);

  // The driver's list shows routes of each cycle's current plan only: the old one is gone from it.
  const list = (await (await driverA.client.get("/driver?_data=routes%2Fdriver._index")).json()) as {
    routes: Array<{ id: string }>;
  };
  expect(list.routes.map((r) => r.id)).not.toContain(routeA);

  const refused = await postMark(driverA.client, routeA, markForm(stop, { markId: stop.markId }), true);
  const { status, error } = await refusal(refused);
  expect(status).toBe(409);
  expect(error).toMatch(/plan|replaced|reload/i);
  // The same as a document request, with a photo: the page says so too.
  const page = await postMark(
    driverA.client,
    routeA,
    markForm(stop, { proofKind: "PHOTO", photo: { name: "door.png", mimeType: "image/png", buffer: PHOTO } }),
  );
  expect(page.status()).toBe(409);
  expect(await page.text()).toContain(error);
  // Start route on the old plan: refused the same way.
  const start = await driverA.client.post(`/driver/routes/${routeA}?_data=${DRIVER_DATA}`, {
    form: { intent: "start" },
  });
  expect(start.status()).toBe(409);

  // Nothing was marked: on the new plan every stop is still to deliver, at its first version, and
  // no order went out or was delivered.
  for (const route of routes) {
    for (const s of await stopsOf(route.id)) {
      expect(s.status).toBe("PENDING");
      expect(s.version).toBe(0);
      if (s.order) expect(s.order.status).toBe("CONFIRMED");
    }
  }
  for (const buyer of buyers) expect(await outboxFor(buyer.email, /delivered/i)).toEqual([]);

  // The coordinator gives the new plan's routes to the drivers.
  await assignRoutes();
});

test("a driver cannot read or mark another driver's route: 404, and nothing changes", async () => {
  const before = await stopsOf(routeA);
  const target = before.find((s) => s.status === "PENDING" && s.order)!;
  const b = driverB.client;
  const page = await b.get(`/driver/routes/${routeA}`);
  expect(page.status()).toBe(404);
  expect(await page.text()).not.toContain(target.order!.buyer.name);
  const data = await b.get(`/driver/routes/${routeA}?_data=${DRIVER_DATA}`);
  expect(data.status()).toBe(404);
  expect(await data.text()).not.toContain(target.id);
  // A mark with everything right but the driver: refused before the form is read.
  const marked = await postMark(b, routeA, markForm(target));
  expect(marked.status()).toBe(404);
  const markedData = await postMark(
    b,
    routeA,
    markForm(target, { intent: "failed", failureCode: "NOBODY_HOME" }),
    true,
  );
  expect(markedData.status()).toBe(404);
  const start = await b.post(`/driver/routes/${routeA}`, { form: { intent: "start" } });
  expect(start.status()).toBe(404);
  // Driver A posting to B's route (with a stop of A's): B's route is not A's, so not found either.
  const crossed = await postMark(driverA.client, routeB, markForm(target), true);
  expect(crossed.status()).toBe(404);
  // B's list of routes does not show A's.
  const list = (await (await b.get("/driver?_data=routes%2Fdriver._index")).json()) as {
    routes: Array<{ id: string }>;
  };
  expect(list.routes.map((r) => r.id)).not.toContain(routeA);
  // A route that does not exist answers the same.
  expect((await b.get("/driver/routes/not-a-route")).status()).toBe(404);

  const after = await stopsOf(routeA);
  expect(after.map(stable)).toEqual(before.map(stable));
  for (const s of after) expect(s.status).toBe("PENDING");
});

test("a driver opens no hub, farm, buyer or admin page, as a document or a data request, and writes nothing there", async () => {
  const c = driverA.client;
  const order = buyers[0]!.orderId;
  // Every page and download of the hub (including the manifest of the driver's own route), and the
  // farm, buyer and admin pages: refused with 403 (the role checks; docs/decisions/030).
  const refused: Array<[string, string]> = [
    ["/hub", "routes/hub._index"],
    ["/hub/drivers", "routes/hub.drivers"],
    ["/hub/orders", "routes/hub.orders"],
    ["/hub/settings", "routes/hub.settings"],
    ["/hub/vehicles", "routes/hub.vehicles._index"],
    ["/hub/vehicles/new", "routes/hub.vehicles.new"],
    ["/hub/cycles", "routes/hub.cycles._index"],
    ["/hub/cycles/new", "routes/hub.cycles.new"],
    [`/hub/cycles/${cycleId}`, "routes/hub.cycles.$cycleId._index"],
    [`/hub/cycles/${cycleId}/edit`, "routes/hub.cycles.$cycleId.edit"],
    [`/hub/cycles/${cycleId}/plan`, "routes/hub.cycles.$cycleId.plan"],
    [`/hub/cycles/${cycleId}/plan/job?id=${jobId}`, ""],
    [`/hub/cycles/${cycleId}/aggregate`, "routes/hub.cycles.$cycleId.aggregate"],
    [`/hub/cycles/${cycleId}/aggregate.csv?view=by-farm`, ""],
    [`/hub/cycles/${cycleId}/carbon`, "routes/hub.cycles.$cycleId.carbon"],
    [`/hub/cycles/${cycleId}/carbon.csv`, ""],
    [`/hub/routes/${routeA}/manifest`, "routes/hub.routes.$routeId.manifest"],
    [`/hub/routes/${routeB}/manifest`, "routes/hub.routes.$routeId.manifest"],
    ["/farm", "routes/farm._index"],
    ["/farm/orders", "routes/farm.orders"],
    ["/farm/orders.csv", ""],
    ["/farm/products", "routes/farm.products._index"],
    ["/farm/products.csv", ""],
    ["/farm/collections", "routes/farm.collections"],
    ["/orders", "routes/orders._index"],
    [`/orders/${order}`, "routes/orders.$orderId"],
    [`/orders/${order}/invoice`, "routes/orders.$orderId_.invoice"],
    ["/orders/transport-statement", "routes/orders.transport-statement"],
    ["/orders/transport-statement.csv", ""],
    ["/standing-orders", "routes/standing-orders"],
    ["/checkout", "routes/checkout"],
    ["/admin", "routes/admin._index"],
    ["/admin/outbox", "routes/admin.outbox"],
    ["/admin/users", "routes/admin.users"],
  ];
  const seen: string[] = [];
  for (const [url, routeId] of refused) {
    const response = await c.get(url);
    seen.push(`${url} ${response.status()}`);
    const body = await response.text();
    expect(body, url).not.toContain(buyers[0]!.email);
    if (routeId) {
      const separator = url.includes("?") ? "&" : "?";
      const data = await c.get(`${url}${separator}_data=${encodeURIComponent(routeId)}`);
      seen.push(`${url} (?_data) ${data.status()}`);
    }
  }
  expect(seen).toEqual(
    refused.flatMap(([url, routeId]) => [`${url} 403`, ...(routeId ? [`${url} (?_data) 403`] : [])]),
  );

  // Writes to hub pages: refused, and nothing changed.
  const driversBefore = await (await coordinator.get("/hub/drivers?_data=routes%2Fhub.drivers")).text();
  const writes: Array<[string, Record<string, string>]> = [
    ["/hub/drivers", { intent: "invite", name: "Sneaky", email: `sneaky-${Date.now()}@example.test` }],
    ["/hub/drivers", { intent: "deactivate", driverId: driverB.id }],
    [`/hub/routes/${routeB}/manifest`, { intent: "assign", driverId: driverA.id }],
    [`/hub/cycles/${cycleId}/plan`, { intent: "plan", effort: "quick" }],
    [`/hub/cycles/${cycleId}`, { intent: "close" }],
    ["/hub/cycles/new", { name: "Driver's cycle", deliveryDate: day(900) }],
  ];
  for (const [url, form] of writes) {
    const response = await c.post(url, { form });
    expect(response.status(), `POST ${url}`).toBe(403);
  }
  expect(await (await coordinator.get("/hub/drivers?_data=routes%2Fhub.drivers")).text()).toBe(driversBefore);
  // B still drives B's route (and can open it); A still cannot.
  expect((await routeData(driverB.client, routeB)).id).toBe(routeB);
  expect((await c.get(`/driver/routes/${routeB}?_data=${DRIVER_DATA}`)).status()).toBe(404);
});

test("a mark replayed with its mark id, in turn and at once, is recorded once: one change, one message; a stale version is refused with 409", async () => {
  const stops = (await stopsOf(routeA)).filter((s) => s.order && s.status === "PENDING");
  expect(stops.length).toBeGreaterThanOrEqual(3);
  const [first, second] = stops as [Stop, Stop];
  const buyerOf = (s: Stop) => buyers.find((b) => b.orderId === s.order!.id)!;

  // 1. Delivered with a photo, then the very same request again (a retry on a weak signal).
  const form = markForm(first, {
    proofKind: "PHOTO",
    recipient: "",
    photo: { name: "door.png", mimeType: "image/png", buffer: PHOTO },
  });
  const once = await postMark(driverA.client, routeA, form);
  expect(once.status(), await once.text()).toBe(302);
  expect(location(once)).toBe(`/driver/routes/${routeA}`);
  const marked = (await stopsOf(routeA)).find((s) => s.id === first.id)!;
  expect(marked.status).toBe("DONE");
  expect(marked.version).toBe(first.version + 1);
  expect(marked.proofPhotoPath).toBeTruthy();
  for (let i = 0; i < 2; i++) {
    const again = await postMark(driverA.client, routeA, form);
    expect(again.status()).toBe(302);
    expect(location(again)).toBe(`/driver/routes/${routeA}`);
  }
  const replayed = (await stopsOf(routeA)).find((s) => s.id === first.id)!;
  expect(stable(replayed)).toEqual(stable(marked));

  // 2. The same mark sent three times at once (a form kept offline and synced twice, a double tap).
  // With a photo too: each copy's file is written before its transaction, and the losers' are removed.
  const concurrent = markForm(second, {
    proofKind: "SAFE_PLACE",
    recipient: "",
    safePlace: "Behind the blue gate",
    photo: { name: "gate.png", mimeType: "image/png", buffer: PHOTO },
  });
  const answers = await Promise.all([1, 2, 3].map(() => postMark(driverA.client, routeA, concurrent)));
  expect(answers.map((r) => r.status())).toEqual([302, 302, 302]);
  const raced = (await stopsOf(routeA)).find((s) => s.id === second.id)!;
  expect(raced.status).toBe("DONE");
  // Every recorded mark (a DeliveryMark row) moves the stop's version by one in its transaction, so
  // the version counts the marks: one.
  expect(raced.version, "one mark recorded: the version moved once").toBe(second.version + 1);
  expect(raced.proofSafePlace).toBe("Behind the blue gate");
  expect(raced.outcome.photo, "the winner's photo is kept").not.toBeNull();
  expect((await buyerOf(second).client.get(raced.outcome.photo!.full)).status()).toBe(200);
  // And once more, later, as a data request: still the replay.
  const late = await postMark(driverA.client, routeA, concurrent, true);
  expect(late.status()).toBeLessThan(400);
  expect((await stopsOf(routeA)).find((s) => s.id === second.id)!.version).toBe(second.version + 1);

  // Each buyer was told once that their order was delivered.
  for (const stop of [first, second]) {
    const buyer = buyerOf(stop);
    await expect
      .poll(async () => (await outboxFor(buyer.email, /has been delivered/)).length, { timeout: 10_000 })
      .toBe(1);
    const order = (await (
      await buyer.client.get(`/orders/${buyer.orderId}?_data=routes%2Forders.%24orderId`)
    ).json()) as {
      order: { status: string };
    };
    expect(order.order.status).toBe("DELIVERED");
  }

  // 3. A form drawn before the mark (its version) with a new mark id: 409, in words, nothing changes.
  const stale = await postMark(
    driverA.client,
    routeA,
    markForm(first, { intent: "failed", failureCode: "NOBODY_HOME", proofKind: "" }),
    true,
  );
  const staleAnswer = await refusal(stale);
  expect(staleAnswer.status).toBe(409);
  expect(staleAnswer.error).toMatch(/marked since|reload/i);
  const stalePage = await postMark(driverA.client, routeA, markForm(first, { recipient: "Someone else" }));
  expect(stalePage.status()).toBe(409);
  // Without a version, a marked stop cannot be overwritten either.
  const noVersion = markForm(first, { intent: "failed", failureCode: "NOBODY_HOME" });
  delete noVersion.version;
  expect((await postMark(driverA.client, routeA, noVersion, true)).status()).toBe(409);
  // The first stop's mark id sent for another stop: 409, not a silent replay.
  const reused = await postMark(
    driverA.client,
    routeA,
    { ...markForm(stops[2]!), markId: form.markId as string },
    true,
  );
  expect(reused.status()).toBe(409);
  expect((await refusal(reused)).error).toBeTruthy();
  const after = await stopsOf(routeA);
  expect(stable(after.find((s) => s.id === first.id)!)).toEqual(stable(marked));
  expect(after.find((s) => s.id === stops[2]!.id)!.status).toBe("PENDING");
  expect(after.find((s) => s.id === stops[2]!.id)!.version).toBe(stops[2]!.version);
  for (const stop of [first, second])
    expect(await outboxFor(buyerOf(stop).email, /has been delivered|could not/i)).toHaveLength(1);

  // 4. The driver corrects the first stop (not delivered after all); then a queue that kept the
  // first mark sends it again: a replay, the correction stands.
  const correction = markForm(marked, { intent: "failed", failureCode: "NOBODY_HOME", proofKind: "" });
  expect((await postMark(driverA.client, routeA, correction)).status()).toBe(302);
  const corrected = (await stopsOf(routeA)).find((s) => s.id === first.id)!;
  expect(corrected.status).toBe("FAILED");
  expect(corrected.version).toBe(marked.version + 1);
  for (const again of [form, correction]) {
    const replay = await postMark(driverA.client, routeA, again);
    expect(replay.status()).toBe(302);
    expect(stable((await stopsOf(routeA)).find((s) => s.id === first.id)!)).toEqual(stable(corrected));
  }
  // The buyer heard each outcome once: delivered, then could not deliver.
  const firstBuyer = buyerOf(first).email;
  await expect.poll(async () => (await outboxFor(firstBuyer, /could not deliver/)).length).toBe(1);
  expect(await outboxFor(firstBuyer, /has been delivered/)).toHaveLength(1);
});

test("the proof photo is served to its buyer, the coordinator and the route's driver only", async () => {
  const stop = (await stopsOf(routeA)).find((s) => s.outcome.photo)!;
  expect(stop, "a stop with a proof photo").toBeTruthy();
  const owner = buyers.find((b) => b.orderId === stop.order!.id)!;
  const other = buyers.find((b) => b !== owner)!;
  for (const url of [stop.outcome.photo!.full, stop.outcome.photo!.small]) {
    for (const [who, client] of [
      ["buyer", owner.client],
      ["coordinator", coordinator],
      ["driver", driverA.client],
    ] as const) {
      const response = await client.get(url);
      expect(response.status(), `${who} ${url}`).toBe(200);
      expect(response.headers()["content-type"]).toBe("image/webp");
      expect(response.headers()["cache-control"]).toContain("private");
    }
    for (const [who, client] of [
      ["another buyer", other.client],
      ["another driver", driverB.client],
      ["a visitor", await anonymous()],
    ] as const) {
      const response = await client.get(url);
      expect(response.status(), `${who} ${url}`).toBe(404);
      expect(response.headers()["content-type"] ?? "").not.toContain("image");
    }
  }
});

test("broken mark bodies get a 4xx with a message, never a 500, and change nothing", async () => {
  const before = await stopsOf(routeA);
  const stop = before.find((s) => s.status === "PENDING" && s.order)!;
  const buyer = buyers.find((b) => b.orderId === stop.order!.id)!;
  const mb = (size: number, fill = 0x41) => Buffer.alloc(size, fill);
  // What is sent, and the words of the answer (null: 404, the same answer as an unknown route).
  const cases: Array<[string, Record<string, Part>, RegExp | null]> = [
    ["no stop", { ...markForm(stop), stopId: "" }, /say which stop/],
    ["a stop of no route", markForm({ id: "not-a-stop", version: 0 }), null],
    ["no outcome", (({ intent: _i, ...rest }) => rest)(markForm(stop)), /what happened at this stop/],
    ["an unknown outcome", markForm(stop, { intent: "teleported" }), /what happened at this stop/],
    ["an outcome sent as a list", markForm(stop, { intent: "delivered,failed" }), /what happened at this stop/],
    ["a version that is not a number", markForm(stop, { version: "latest" }), /stop version is not valid/],
    ["a negative version", markForm(stop, { version: "-1" }), /stop version is not valid/],
    ["a mark id that is not a UUID", markForm(stop, { markId: "1; DROP TABLE" }), /mark id is not valid/],
    ["delivered without a proof", markForm(stop, { proofKind: "", recipient: "" }), /Add a proof of delivery/],
    ["an unknown proof kind", markForm(stop, { proofKind: "TELEPATHY" }), /Add a proof of delivery/],
    ["a photo proof without a photo", markForm(stop, { proofKind: "PHOTO", recipient: "" }), /choose a photo/],
    [
      "a photo that is not an image",
      markForm(stop, {
        proofKind: "PHOTO",
        photo: { name: "door.jpg", mimeType: "image/jpeg", buffer: Buffer.from("not a picture at all") },
      }),
      /not a JPEG, PNG or WebP image/,
    ],
    [
      "a photo over the upload limit",
      markForm(stop, {
        proofKind: "PHOTO",
        photo: { name: "huge.jpg", mimeType: "image/jpeg", buffer: mb(2 * 1024 * 1024 + 10_000) },
      }),
      /too large: the limit is 2 MB/,
    ],
    [
      "a blank signature",
      markForm(stop, {
        proofKind: "SIGNATURE",
        signer: "Ann",
        signature: { name: "signature.png", mimeType: "image/png", buffer: PHOTO.subarray(0, 120) },
      }),
      /signature box is empty/,
    ],
    ["a recipient of 10,000 characters", markForm(stop, { recipient: "x".repeat(10_000) }), /too long/],
    ["failed without a reason", markForm(stop, { intent: "failed", proofKind: "" }), /why the stop could not be/],
    ["failed for an unknown reason", markForm(stop, { intent: "failed", failureCode: "ALIENS" }), /why the stop/],
    ["failed for other without a note", markForm(stop, { intent: "failed", failureCode: "OTHER" }), /Add a note/],
    ["partly delivered with nothing short", markForm(stop, { intent: "partial" }), /Tick the lines/],
    [
      "partly delivered, a line short without a reason",
      markForm(stop, { intent: "partial", short: "not-a-line" }),
      /why each ticked line/,
    ],
    [
      "partly delivered, a line of no order",
      markForm(stop, { intent: "partial", short: "not-a-line", "shortReason.not-a-line": "DAMAGED" }),
      /not part of this stop/,
    ],
    ["a latitude without a longitude", markForm(stop, { latitude: "51.4" }), /position could not be read/],
    ["a position off the globe", markForm(stop, { latitude: "91", longitude: "0" }), /position could not be read/],
    ["a photo time that is not a number", markForm(stop, { photoTakenAt: "yesterday" }), /time could not be read/],
    ["undo of a stop not marked", markForm(stop, { intent: "undo" }), /nothing to undo/],
  ];
  const answers: string[] = [];
  for (const [what, form, words] of cases) {
    for (const data of [true, false]) {
      const response = await postMark(driverA.client, routeA, form, data);
      const status = response.status();
      const text = await response.text();
      answers.push(`${what}${data ? " (?_data)" : ""}: ${status}`);
      expect(status, `${what}: ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(status, what).toBeLessThan(500);
      if (!words) expect(status, what).toBe(404);
      else if (data) expect((JSON.parse(text) as { error?: string }).error, what).toMatch(words);
      // The page says it too (the apostrophes and quotes of a message are HTML-escaped there).
      else expect(text.replace(/&#x27;|&#39;/g, "'"), what).toMatch(words);
    }
  }
  const tally = new Map<string, number>();
  for (const answer of answers) tally.set(answer.split(": ").at(-1)!, (tally.get(answer.split(": ").at(-1)!) ?? 0) + 1);
  console.log(
    `[drivers] ${answers.length} broken mark bodies: ${[...tally].map(([status, n]) => `${n} × ${status}`).join(", ")}`,
  );

  // A body larger than the page accepts (the photo limit and 64 KB) is answered 413 from its
  // headers, before the app reads any of it (as hardening.spec.ts sends it: headers only).
  const cookies = (await driverA.client.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const tooLarge = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = http.request(`${BASE_URL}/driver/routes/${routeA}`, {
      method: "POST",
      headers: {
        "Content-Type": "multipart/form-data; boundary=----drivers-spec",
        "Content-Length": String(4 * 1024 * 1024),
        Origin: BASE_URL,
        Cookie: cookies,
      },
    });
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => {
        resolve({ status: response.statusCode ?? 0, text });
        request.destroy();
      });
    });
    request.on("error", reject);
    request.flushHeaders();
  });
  expect(tooLarge.status).toBe(413);
  expect(tooLarge.text).toMatch(/larger than/);
  // Not a form at all.
  const json = await driverA.client.post(`/driver/routes/${routeA}`, {
    data: { stopId: stop.id, intent: "delivered" },
  });
  expect(json.status()).toBe(415);
  // A urlencoded mark (no photo) missing its outcome: 400 too.
  const urlencoded = await driverA.client.post(`/driver/routes/${routeA}?_data=${DRIVER_DATA}`, {
    form: { stopId: stop.id },
  });
  expect(urlencoded.status()).toBe(400);

  // Nothing changed: same stops, same versions, no message to the buyer.
  const after = await stopsOf(routeA);
  expect(after.map(stable)).toEqual(before.map(stable));
  expect(await outboxFor(buyer.email, /delivered|could not/i)).toEqual([]);
});
