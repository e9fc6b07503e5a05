// The demo accounts, one per role. The README, the seeds and the Playwright journeys all read this
// list, so it is the only place these emails and the shared password are written down.

export const DEMO_PASSWORD = "foodshed-demo";

export type DemoRole = "ADMIN" | "COORDINATOR" | "FARMER" | "BUYER" | "DRIVER";

export interface DemoLogin {
  key: "admin" | "coordinator" | "farmer" | "household" | "restaurant" | "driver";
  email: string;
  password: string;
  name: string;
  role: DemoRole;
  buyerKind: "HOUSEHOLD" | "RESTAURANT" | null;
  /** What the account is for, as the README's table shows it. */
  description: string;
}

export const DEMO_LOGINS = [
  {
    key: "admin",
    email: "admin@foodshed.test",
    password: DEMO_PASSWORD,
    name: "Ada Whitcombe",
    role: "ADMIN",
    buyerKind: null,
    description: "Administrator: users and roles, farm approval, every hub",
  },
  {
    key: "coordinator",
    email: "coordinator@foodshed.test",
    password: DEMO_PASSWORD,
    name: "Kofi Mensah",
    role: "COORDINATOR",
    buyerKind: null,
    description: "Coordinator of Bristol Food Hub: cycles, vehicles, route planning",
  },
  {
    key: "farmer",
    email: "farmer@foodshed.test",
    password: DEMO_PASSWORD,
    name: "Rosie Tanner",
    role: "FARMER",
    buyerKind: null,
    description: "Farmer at Windmill Hill Farm, Chew Magna: products, orders, pick lists",
  },
  {
    key: "household",
    email: "household@foodshed.test",
    password: DEMO_PASSWORD,
    name: "Sam Okafor",
    role: "BUYER",
    buyerKind: "HOUSEHOLD",
    description: "Household in Redland, Bristol: map, basket, checkout, order history",
  },
  {
    key: "restaurant",
    email: "restaurant@foodshed.test",
    password: DEMO_PASSWORD,
    name: "The Pickled Pear",
    role: "BUYER",
    buyerKind: "RESTAURANT",
    description: "Restaurant in Stokes Croft, Bristol: wholesale prices, invoices, a standing order",
  },
  {
    key: "driver",
    email: "driver@foodshed.test",
    password: DEMO_PASSWORD,
    name: "Jo Marsh",
    role: "DRIVER",
    buyerKind: null,
    description: "Driver for Bristol Food Hub: the routes the coordinator assigns, on a phone-sized page",
  },
] as const satisfies readonly DemoLogin[];

export type DemoLoginKey = (typeof DEMO_LOGINS)[number]["key"];

export function demoLogin(key: DemoLoginKey): DemoLogin {
  const login = DEMO_LOGINS.find((entry) => entry.key === key);
  if (!login) throw new Error(`no demo login "${key}"`);
  return login;
}

/** The demo accounts as user rows (admins belong to no hub), and their ids by key. */
export function demoLoginRows(passwordHash: string, hubId: string, newId: () => string) {
  const loginIds = new Map<string, string>();
  const rows = DEMO_LOGINS.map((login) => {
    const id = newId();
    loginIds.set(login.key, id);
    return {
      id,
      email: login.email,
      passwordHash,
      name: login.name,
      role: login.role,
      buyerKind: login.buyerKind,
      hubId: login.role === "ADMIN" ? null : hubId,
    };
  });
  return { rows, loginIds };
}
