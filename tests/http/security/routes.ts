// The route list as the authorization and fuzz suites see it: every file in app/routes, the URL it
// serves, and who may use it. A route file without an entry in ACCESS fails the suites, so a new
// route cannot ship without saying who may reach it.
import fs from "node:fs";
import path from "node:path";

export type Role = "anonymous" | "household" | "restaurant" | "farmer" | "coordinator" | "admin";
export const ROLES: Role[] = ["anonymous", "household", "restaurant", "farmer", "coordinator", "admin"];

/**
 * Who may GET a route: `public` (everyone), `user` (anyone signed in), a list of roles (admins
 * pass role checks unless `exact`), or `none` (no GET: an action-only or refused route).
 */
export interface Access {
  get: "public" | "user" | "none" | Role[];
  /** Admins do not pass (pages for a buyer's own basket or orders). */
  exact?: boolean;
  /** The parameters of a dynamic route, from the ids the suite found. */
  path?: (ids: Ids) => string;
  /** What an allowed GET answers when it is not 200 or a redirect. */
  status?: number[];
  /** Exports an action: who may post to it. */
  post?: "public" | "user" | Role[];
}

export interface Ids {
  householdOrder: string;
  restaurantOrder: string;
  farmerProduct: string;
  otherFarmProduct: string;
  farmSlug: string;
  openCycle: string;
  plannedCycle: string;
  vehicle: string;
  route: string;
}

const BUYERS: Role[] = ["household", "restaurant"];

export const ACCESS: Record<string, Access> = {
  $: { get: "public", path: () => "/no-such-page" },
  _index: { get: "public" },
  account: { get: "user", post: "user" },
  "admin._index": { get: ["admin"] },
  "admin.farms": { get: ["admin"], post: ["admin"] },
  "admin.hubs": { get: ["admin"], post: ["admin"] },
  "admin.outbox": { get: ["admin"] },
  "admin.users": { get: ["admin"], post: ["admin"] },
  "api.farms": { get: "public", path: () => "/api/farms?bbox=-3,51,-2,52" },
  // For signed-in users; the test server has no GEOCODER_URL, so address search is off (404).
  "api.geocode": { get: "user", path: () => "/api/geocode?q=Bristol", status: [404] },
  "api.products.search": { get: "public", path: () => "/api/products/search?q=eggs" },
  basket: { get: "public", post: "public" },
  carbon: { get: "public" },
  checkout: { get: BUYERS, exact: true, post: BUYERS },
  // A driver's own routes (docs/decisions/030): drivers only, a role this suite does not sign in as.
  "driver._index": { get: [], exact: true, path: () => "/driver" },
  // The hub's coordinator, or the driver assigned to the route; a buyer or farmer gets 404.
  "driver.routes.$routeId": {
    get: ["coordinator"],
    path: (ids) => `/driver/routes/${ids.route}`,
    post: ["coordinator"],
  },
  "farm._index": { get: ["farmer"] },
  "farm.collections": { get: ["farmer"] },
  "farm.edit": { get: ["farmer"], post: ["farmer"] },
  "farm.new": { get: ["farmer"], post: ["farmer"] },
  "farm.orders": { get: ["farmer"], post: ["farmer"] },
  // The farmer's own payouts (docs/decisions/035); Stripe's return and refresh links come back to
  // the signed-in farmer's own farm (a farm not connected is sent to the payouts page).
  "farm.payouts": { get: ["farmer"], post: ["farmer"] },
  "farm.payouts_.refresh": { get: ["farmer"] },
  "farm.payouts_.return": { get: ["farmer"] },
  // An admin passes the farmer check but has no farm, so no cycle: 404.
  "farm.orders[.csv]": { get: ["farmer"], path: () => "/farm/orders.csv", status: [200, 404] },
  // The farmer's own statements (docs/decisions/037). An admin passes the farmer check but has no
  // farm: 404. The seed has no approved statement, so a statement's page is 404 for everyone.
  "farm.statements": { get: ["farmer"], status: [200, 404] },
  "farm.statements.$statementId": {
    get: ["farmer"],
    path: () => "/farm/statements/no-such-statement",
    status: [404],
  },
  "farm.statements.$statementId[.csv]": {
    get: ["farmer"],
    path: () => "/farm/statements/no-such-statement.csv",
    status: [404],
  },
  "farm.products.$productId": {
    get: ["farmer"],
    path: (ids) => `/farm/products/${ids.farmerProduct}`,
    post: ["farmer"],
  },
  "farm.products._index": { get: ["farmer"], path: () => "/farm/products", post: ["farmer"] },
  "farm.products.import": { get: ["farmer"], post: ["farmer"] },
  "farm.products.new": { get: ["farmer"], post: ["farmer"] },
  "farm.products.template[.csv]": { get: "public", path: () => "/farm/products/template.csv" },
  "farm.products[.csv]": { get: ["farmer"], path: () => "/farm/products.csv" },
  "farms.$slug": { get: "public", path: (ids) => `/farms/${ids.farmSlug}` },
  "forgot-password": { get: "public", post: "public" },
  "hub._index": { get: ["coordinator"], path: () => "/hub" },
  "hub.cycles.$cycleId._index": {
    get: ["coordinator"],
    path: (ids) => `/hub/cycles/${ids.plannedCycle}`,
    post: ["coordinator"],
  },
  "hub.cycles.$cycleId.aggregate": { get: ["coordinator"], path: (ids) => `/hub/cycles/${ids.plannedCycle}/aggregate` },
  "hub.cycles.$cycleId.packing": {
    get: ["coordinator"],
    path: (ids) => `/hub/cycles/${ids.plannedCycle}/packing`,
    post: ["coordinator"],
  },
  "hub.cycles.$cycleId.aggregate[.csv]": {
    get: ["coordinator"],
    path: (ids) => `/hub/cycles/${ids.plannedCycle}/aggregate.csv?view=by-farm`,
  },
  "hub.cycles.$cycleId.carbon": { get: ["coordinator"], path: (ids) => `/hub/cycles/${ids.plannedCycle}/carbon` },
  "hub.cycles.$cycleId.carbon[.csv]": {
    get: ["coordinator"],
    path: (ids) => `/hub/cycles/${ids.plannedCycle}/carbon.csv`,
  },
  // The cycle's farm statements and payouts (docs/decisions/037): the hub's coordinator only.
  "hub.cycles.$cycleId.statements": {
    get: ["coordinator"],
    path: (ids) => `/hub/cycles/${ids.plannedCycle}/statements`,
    post: ["coordinator"],
  },
  "hub.cycles.$cycleId.statements[.csv]": {
    get: ["coordinator"],
    path: (ids) => `/hub/cycles/${ids.plannedCycle}/statements.csv`,
  },
  "hub.cycles.$cycleId.edit": {
    get: ["coordinator"],
    path: (ids) => `/hub/cycles/${ids.openCycle}/edit`,
    post: ["coordinator"],
  },
  // The planning job's progress: 404 until the cycle has one (the demo's plan was seeded without).
  "hub.cycles.$cycleId.plan.job": {
    get: ["coordinator"],
    path: (ids) => `/hub/cycles/${ids.plannedCycle}/plan/job`,
    status: [200, 404],
  },
  "hub.cycles.$cycleId.plan": {
    get: ["coordinator"],
    path: (ids) => `/hub/cycles/${ids.plannedCycle}/plan`,
    post: ["coordinator"],
  },
  "hub.cycles._index": { get: ["coordinator"], path: () => "/hub/cycles" },
  "hub.cycles.new": { get: ["coordinator"], post: ["coordinator"] },
  "hub.orders": { get: ["coordinator"] },
  "hub.drivers": { get: ["coordinator"], post: ["coordinator"] },
  // Accounting exports (docs/decisions/038): the page defaults to last month; the file takes the same query.
  "hub.exports": { get: ["coordinator"] },
  "hub.exports[.csv]": { get: ["coordinator"], path: () => "/hub/exports.csv?format=xero&kind=sales" },
  "hub.routes.$routeId.manifest": {
    get: ["coordinator"],
    path: (ids) => `/hub/routes/${ids.route}/manifest`,
    post: ["coordinator"],
  },
  "hub.settings": { get: ["coordinator"], post: ["coordinator"] },
  "hub.vehicles.$vehicleId": {
    get: ["coordinator"],
    path: (ids) => `/hub/vehicles/${ids.vehicle}`,
    post: ["coordinator"],
  },
  "hub.vehicles._index": { get: ["coordinator"], path: () => "/hub/vehicles", post: ["coordinator"] },
  "hub.vehicles.new": { get: ["coordinator"], post: ["coordinator"] },
  // The footer's language chooser: POST only (GET goes home); anyone may choose a language.
  // A driver's invitation link: an unknown token is 404; setting the password is public (the token decides).
  "invite.$token": { get: "none", path: () => "/invite/not-a-real-token", post: "public" },
  language: { get: "none", post: "public" },
  login: { get: "public", post: "public" },
  logout: { get: "none", post: "public" },
  map: { get: "public" },
  "orders.$orderId": {
    get: ["household"],
    exact: true,
    path: (ids) => `/orders/${ids.householdOrder}`,
    post: ["household"],
  },
  "orders.$orderId_.invoice": {
    get: ["restaurant"],
    exact: true,
    path: (ids) => `/orders/${ids.restaurantOrder}/invoice`,
  },
  "orders._index": { get: BUYERS, exact: true, path: () => "/orders" },
  // The transport emissions statement (Scope 3, category 4): business buyers only, households 403.
  "orders.transport-statement": { get: ["restaurant"], exact: true },
  "orders.transport-statement[.csv]": {
    get: ["restaurant"],
    exact: true,
    path: () => "/orders/transport-statement.csv",
  },
  "reset-password.$token": { get: "none", path: () => "/reset-password/not-a-real-token", post: "public" },
  search: { get: "public" },
  signup: { get: "public", post: "public" },
  "standing-orders": { get: BUYERS, exact: true, post: BUYERS },
  "tiles.$z.$x.$y[.svg]": { get: "public", path: () => "/tiles/10/504/340.svg" },
  // Proof-of-delivery photos: only the order's buyer, the hub's coordinator and the route's driver
  // (docs/decisions/032); an unknown name is 404 for everyone.
  "delivery-proofs.$name": { get: "none", path: () => "/delivery-proofs/0123456789abcdef0123456789abcdef.webp" },
  "uploads.$name": { get: "none", path: () => "/uploads/0123456789abcdef0123456789abcdef.webp" },
  "webhooks.stripe": { get: "none", post: "public" },
};

export interface RouteFile {
  /** The file name without its extension: also the Remix route id after "routes/". */
  id: string;
  hasAction: boolean;
}

/** Every route module in app/routes (flat files and folder routes). */
export function routeFiles(root = path.resolve(process.cwd(), "app/routes")): RouteFile[] {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .map((entry) => {
      const file = entry.isDirectory()
        ? ["route.tsx", "route.ts"].map((f) => path.join(root, entry.name, f)).find((f) => fs.existsSync(f))
        : path.join(root, entry.name);
      if (!file || /\.test\.tsx?$/.test(file)) return null;
      const id = entry.isDirectory() ? entry.name : entry.name.replace(/\.tsx?$/, "");
      const source = fs.readFileSync(file, "utf8");
      return { id, hasAction: /export (async function|const|function) action\b/.test(source) };
    })
    .filter((r): r is RouteFile => r !== null)
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The URL of a route without parameters: dots are slashes, `_index` and trailing `_` drop out. */
export function staticPath(id: string): string {
  const segments = id
    .replace(/\[(.*?)\]/g, (_m, inner: string) => inner.replace(/\./g, "~DOT~"))
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => s.replace(/_$/, "").replace(/~DOT~/g, "."));
  const joined = `/${segments.join("/")}`.replace(/\/\./g, ".");
  return joined === "/" ? "/" : joined.replace(/\/$/, "");
}

/** Whether `role` may GET (or POST to) a route declared `who`. */
export function allowed(who: Access["get"] | NonNullable<Access["post"]>, role: Role, exact = false): boolean {
  if (who === "public") return true;
  if (who === "none") return false;
  if (who === "user") return role !== "anonymous";
  if (role === "anonymous") return false;
  return who.includes(role) || (!exact && role === "admin");
}
