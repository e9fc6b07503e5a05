// The authorization matrix: every route file × every role, generated from app/routes (a route
// without an entry in ./routes.ts fails here), as a document request and as a data request, plus
// writes by the wrong role and reads of another owner's rows. Prints the counts at the end.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { anonymous, loggedInAs } from "../support/client";
import { ACCESS, allowed, ROLES, routeFiles, staticPath, type Ids, type Role } from "./routes";

test.describe.configure({ mode: "serial" });

const tally = { requests: 0, serverErrors: [] as string[], unexpectedSuccess: [] as string[] };
const clients = new Map<Role, APIRequestContext>();

async function client(role: Role) {
  if (!clients.has(role))
    clients.set(role, role === "anonymous" ? await anonymous() : await loggedInAs(`${role}@foodshed.test`));
  return clients.get(role)!;
}

async function send(what: string, request: Promise<APIResponse>): Promise<APIResponse> {
  const response = await request;
  tally.requests++;
  if (response.status() >= 500) tally.serverErrors.push(`${what} → ${response.status()}`);
  return response;
}

const first = (html: string, pattern: RegExp, what: string) => {
  const match = pattern.exec(html)?.[1];
  if (!match) throw new Error(`no ${what} found`);
  return match;
};

async function findIds(): Promise<Ids> {
  const household = await (await (await client("household")).get("/orders")).text();
  const restaurantClient = await client("restaurant");
  const restaurantOrders = [
    ...(await (await restaurantClient.get("/orders")).text()).matchAll(/href="\/orders\/([\w-]+)"/g),
  ].map((m) => m[1]!);
  let restaurantOrder = restaurantOrders[0]!;
  for (const id of restaurantOrders) {
    if ((await restaurantClient.get(`/orders/${id}/invoice`)).status() === 200) {
      restaurantOrder = id;
      break;
    }
  }
  const farmerClient = await client("farmer");
  const products = await (await farmerClient.get("/farm/products")).text();
  const farmerProduct = first(products, /href="\/farm\/products\/(?!new|import|template)([\w-]+)"/, "farmer product");
  const farmPage = await (await farmerClient.get("/farm")).text();
  const ownSlug = /href="\/farms\/([\w-]+)"/.exec(farmPage)?.[1];
  const search = await (await (await client("anonymous")).get("/search?q=a")).text();
  const slugs = [...search.matchAll(/href="\/farms\/([\w-]+)"/g)].map((m) => m[1]!).filter((s) => s !== ownSlug);
  const farmSlug = slugs[0]!;
  const otherFarm = await (await (await client("anonymous")).get(`/farms/${farmSlug}`)).text();
  const otherFarmProduct = first(
    otherFarm,
    /name="productId"[^>]*value="([\w-]+)"|value="([\w-]+)"[^>]*name="productId"/,
    "another farm's product",
  );
  const coordinator = await client("coordinator");
  const cycles = [
    ...new Set(
      [...(await (await coordinator.get("/hub/cycles")).text()).matchAll(/href="\/hub\/cycles\/(?!new)([\w-]+)"/g)].map(
        (m) => m[1]!,
      ),
    ),
  ];
  let plannedCycle = "";
  let route = "";
  for (const id of cycles) {
    const plan = await (await coordinator.get(`/hub/cycles/${id}/plan`)).text();
    const found = /href="\/hub\/routes\/([\w-]+)\/manifest"/.exec(plan)?.[1];
    if (found) {
      plannedCycle = id;
      route = found;
      break;
    }
  }
  const openCycle = cycles.find((c) => c !== plannedCycle)!;
  const vehicle = first(
    await (await coordinator.get("/hub/vehicles")).text(),
    /href="\/hub\/vehicles\/(?!new)([\w-]+)"/,
    "vehicle",
  );
  return {
    householdOrder: first(household, /href="\/orders\/([\w-]+)"/, "household order"),
    restaurantOrder,
    farmerProduct,
    otherFarmProduct,
    farmSlug,
    openCycle,
    plannedCycle,
    vehicle,
    route,
  };
}

let ids: Ids;

test.beforeAll(async () => {
  ids = await findIds();
  for (const [key, value] of Object.entries(ids)) expect(value, key).toBeTruthy();
});

test.afterAll(() => {
  console.log(
    `[security] authorization matrix: ${tally.requests} requests, ${tally.serverErrors.length} answers ≥ 500, ${tally.unexpectedSuccess.length} unexpected successes`,
  );
  for (const line of [...tally.serverErrors, ...tally.unexpectedSuccess]) console.log(`[security]   ${line}`);
});

const files = routeFiles();
const source = (id: string) => {
  const file = ["tsx", "ts"].map((ext) => path.resolve("app/routes", `${id}.${ext}`)).find((f) => fs.existsSync(f));
  return file ? fs.readFileSync(file, "utf8") : "";
};

test("every route file declares who may reach it", () => {
  const missing = files
    .filter((f) => !ACCESS[f.id])
    .map((f) => `new route ${f.id} has no authorization expectation in tests/http/security/routes.ts`);
  expect(missing).toEqual([]);
  const stale = Object.keys(ACCESS).filter((id) => !files.some((f) => f.id === id));
  expect(stale, "entries for routes that no longer exist").toEqual([]);
  const undeclaredActions = files.filter((f) => f.hasAction && !ACCESS[f.id]?.post).map((f) => f.id);
  expect(undeclaredActions, "routes with an action but no post expectation").toEqual([]);
});

for (const role of ROLES) {
  test(`GET every route as ${role}: allowed pages answer, the rest refuse`, async () => {
    const c = await client(role);
    for (const file of files) {
      const access = ACCESS[file.id];
      if (!access) continue;
      const url = access.path ? access.path(ids) : staticPath(file.id);
      const what = `GET ${url} as ${role}`;
      const response = await send(what, c.get(url));
      const status = response.status();
      expect(status, what).toBeLessThan(500);
      if (file.id === "$") {
        expect(status, what).toBe(404);
        continue;
      }
      if (access.get === "none") {
        expect([302, 303, 404, 405, 410], what).toContain(status);
        continue;
      }
      if (
        role === "admin" &&
        Array.isArray(access.get) &&
        !access.get.includes("admin") &&
        allowed(access.get, role, access.exact)
      ) {
        // Admins pass role checks, but own no farm or hub of their own: such pages may be empty.
        expect([200, 302, 404], what).toContain(status);
      } else if (allowed(access.get, role, access.exact)) {
        expect(access.status ?? [200, 302], what).toContain(status);
      } else if (role === "anonymous") {
        expect(status, what).toBe(302);
        expect(response.headers()["location"], what).toMatch(/^\/login/);
      } else {
        if (status === 200) tally.unexpectedSuccess.push(what);
        expect([403, 404], what).toContain(status);
      }
      // The same loader as a data request (what client-side navigation asks for).
      if (/export default/.test(source(file.id)) && !allowed(access.get, role, access.exact)) {
        const separator = url.includes("?") ? "&" : "?";
        const dataWhat = `${what} (?_data)`;
        const data = await send(dataWhat, c.get(`${url}${separator}_data=${encodeURIComponent(`routes/${file.id}`)}`));
        if (data.status() === 200) tally.unexpectedSuccess.push(dataWhat);
        if (role === "anonymous") {
          expect(data.status(), dataWhat).toBe(204);
          expect(data.headers()["x-remix-redirect"], dataWhat).toMatch(/^\/login/);
        } else {
          expect([403, 404], dataWhat).toContain(data.status());
        }
      }
    }
  });
}

for (const role of ROLES) {
  test(`POST to every action as ${role}: refused unless the role may write there`, async () => {
    const c = await client(role);
    for (const file of files.filter((f) => f.hasAction)) {
      const access = ACCESS[file.id];
      if (!access?.post || allowed(access.post, role, access.exact)) continue;
      const url = access.path ? access.path(ids) : staticPath(file.id);
      const what = `POST ${url} as ${role}`;
      const response = await send(what, c.post(url, { form: { intent: "probe" } }));
      const status = response.status();
      if (status < 300) tally.unexpectedSuccess.push(what);
      if (role === "anonymous") {
        expect(status, what).toBe(302);
        expect(response.headers()["location"], what).toMatch(/^\/login/);
      } else {
        expect([403, 404], what).toContain(status);
      }
    }
  });
}

test("another owner's rows are not found, as a page, as data and as a write", async () => {
  const household = await client("household");
  const restaurant = await client("restaurant");
  const farmer = await client("farmer");
  const cases: Array<[APIRequestContext, string, "get" | "post"]> = [
    [household, `/orders/${ids.restaurantOrder}`, "get"],
    [household, `/orders/${ids.restaurantOrder}?_data=${encodeURIComponent("routes/orders.$orderId")}`, "get"],
    [household, `/orders/${ids.restaurantOrder}/invoice`, "get"],
    [household, `/orders/${ids.restaurantOrder}`, "post"],
    [restaurant, `/orders/${ids.householdOrder}`, "get"],
    [farmer, `/farm/products/${ids.otherFarmProduct}`, "get"],
    [farmer, `/farm/products/${ids.otherFarmProduct}`, "post"],
  ];
  for (const [c, url, method] of cases) {
    const what = `${method.toUpperCase()} ${url} (someone else's)`;
    const response = await send(what, method === "get" ? c.get(url) : c.post(url, { form: { intent: "cancel" } }));
    if (response.status() < 300) tally.unexpectedSuccess.push(what);
    expect(response.status(), what).toBe(404);
  }
  // The owner still sees it: the 404 above is about who asks, not a missing row.
  expect((await restaurant.get(`/orders/${ids.restaurantOrder}`)).status()).toBe(200);
});
