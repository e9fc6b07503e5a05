// Test data builders for integration tests (real database, no mocks). Each call makes unique rows,
// so tests in one file do not collide.
import { randomBytes } from "node:crypto";
import { prisma } from "~/utils/db.server";
import { startSession } from "~/utils/session.server";
import type { BuyerKind, ProductCategory, Role, Unit } from "~generated/prisma/enums.ts";

const unique = () => randomBytes(4).toString("hex");
// A fixed scrypt hash of "correct-horse-battery" (computing one per user would slow tests down).
export const TEST_PASSWORD = "correct-horse-battery";
let passwordHash: Promise<string> | undefined;
async function testPasswordHash() {
  const { hashPassword } = await import("~/utils/password.server");
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
}

export async function createTestUser(
  overrides: {
    role?: Role;
    buyerKind?: BuyerKind | null;
    hubId?: string | null;
    email?: string;
    lat?: number;
    lng?: number;
  } = {},
) {
  const role = overrides.role ?? "BUYER";
  return prisma.user.create({
    data: {
      email: overrides.email ?? `user-${unique()}@example.test`,
      name: `Test ${role.toLowerCase()} ${unique()}`,
      passwordHash: await testPasswordHash(),
      role,
      buyerKind: role === "BUYER" ? (overrides.buyerKind ?? "HOUSEHOLD") : null,
      hubId: overrides.hubId ?? null,
      lat: overrides.lat ?? null,
      lng: overrides.lng ?? null,
    },
  });
}

export async function createTestHub(overrides: { coordinatorId?: string; depotLat?: number; depotLng?: number } = {}) {
  const coordinatorId = overrides.coordinatorId ?? (await createTestUser({ role: "COORDINATOR" })).id;
  return prisma.hub.create({
    data: {
      name: `Hub ${unique()}`,
      slug: `hub-${unique()}`,
      coordinatorId,
      depotAddress: "Depot Road",
      depotLat: overrides.depotLat ?? 51.4545,
      depotLng: overrides.depotLng ?? -2.5879,
      zoneRadiusM: 15_000,
      deliveryFeeMinor: 350,
      orderMinimumMinor: 0,
    },
  });
}

export async function createTestFarm(
  overrides: { ownerId?: string; hubId?: string | null; lat?: number; lng?: number; name?: string } = {},
) {
  const ownerId = overrides.ownerId ?? (await createTestUser({ role: "FARMER" })).id;
  const id = unique();
  return prisma.farm.create({
    data: {
      ownerId,
      hubId: overrides.hubId ?? null,
      name: overrides.name ?? `Farm ${id}`,
      slug: `farm-${id}`,
      lat: overrides.lat ?? 51.5,
      lng: overrides.lng ?? -2.6,
    },
  });
}

/** What the product services take (addProduct / updateProduct `data`), with defaults. */
export const productInput = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  description: "",
  category: "VEGETABLES" as const,
  unit: "KG" as const,
  gramsPerUnit: 1000,
  retailPriceMinor: 200,
  wholesalePriceMinor: null,
  wholesaleMinMilli: null,
  stockMilli: 5000,
  lowStockMilli: 0,
  chilled: false,
  soldByWeight: false,
  availableFrom: null,
  availableTo: null,
  ...extra,
});

export async function createTestProduct(
  farmId: string,
  overrides: Partial<{
    name: string;
    category: ProductCategory;
    unit: Unit;
    gramsPerUnit: number;
    retailPriceMinor: number;
    wholesalePriceMinor: number | null;
    wholesaleMinMilli: number | null;
    stockMilli: number;
    chilled: boolean;
  }> = {},
) {
  return prisma.product.create({
    data: {
      farmId,
      name: overrides.name ?? `Product ${unique()}`,
      category: overrides.category ?? "VEGETABLES",
      unit: overrides.unit ?? "KG",
      gramsPerUnit: overrides.gramsPerUnit ?? 1000,
      retailPriceMinor: overrides.retailPriceMinor ?? 300,
      wholesalePriceMinor: overrides.wholesalePriceMinor ?? null,
      wholesaleMinMilli: overrides.wholesaleMinMilli ?? null,
      stockMilli: overrides.stockMilli ?? 100_000,
      chilled: overrides.chilled ?? false,
    },
  });
}

export async function createTestCycle(
  hubId: string,
  overrides: Partial<{
    opensAt: Date;
    cutoffAt: Date;
    deliveryDate: Date;
    status: "OPEN" | "CLOSED" | "PLANNED" | "DELIVERED";
  }> = {},
) {
  const now = Date.now();
  return prisma.deliveryCycle.create({
    data: {
      hubId,
      name: `Cycle ${unique()}`,
      opensAt: overrides.opensAt ?? new Date(now - 86_400_000),
      cutoffAt: overrides.cutoffAt ?? new Date(now + 2 * 86_400_000),
      deliveryDate: overrides.deliveryDate ?? new Date(now + 4 * 86_400_000),
      status: overrides.status ?? "OPEN",
      slots: {
        create: [
          { startMinute: 540, endMinute: 720 },
          { startMinute: 780, endMinute: 1020 },
        ],
      },
    },
    include: { slots: true },
  });
}

export async function createTestVehicle(
  hubId: string,
  overrides: Partial<{ capacityGrams: number; refrigerated: boolean; energyType: string }> = {},
) {
  return prisma.vehicle.create({
    data: {
      hubId,
      name: `Van ${unique()}`,
      capacityGrams: overrides.capacityGrams ?? 800_000,
      energyType: overrides.energyType ?? "van-diesel-average",
      refrigerated: overrides.refrigerated ?? false,
    },
  });
}

/** A Cookie header value that signs the given user in, for calling loaders and actions. */
export async function sessionCookieFor(userId: string): Promise<string> {
  // A real session (recorded server-side, with the user's session version), as log-in starts one.
  const setCookie = await startSession(new Request("http://localhost/"), userId);
  return setCookie.split(";")[0]!;
}

/** A Request as a browser would send it, optionally signed in and with a form body. */
export async function makeRequest(
  path: string,
  { userId, form, method }: { userId?: string; form?: Record<string, string | string[]>; method?: string } = {},
): Promise<Request> {
  const headers = new Headers();
  if (userId) headers.set("Cookie", await sessionCookieFor(userId));
  let body: URLSearchParams | undefined;
  if (form) {
    body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
    }
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  return new Request(`http://localhost${path}`, { method: method ?? (form ? "POST" : "GET"), headers, body });
}
