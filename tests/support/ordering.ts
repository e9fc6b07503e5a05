// Helpers for ordering tests: a hub with an open cycle, two farms, products and buyers.
import { prisma } from "~/utils/db.server";
import {
  createTestCycle,
  createTestFarm,
  createTestHub,
  createTestProduct,
  createTestUser,
  makeRequest,
} from "../factories";

export const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

export async function catchResponse(promise: Promise<unknown>): Promise<Response> {
  try {
    const value = await promise;
    if (value instanceof Response) return value;
    throw new Error(`expected a Response, got ${JSON.stringify(value)}`);
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

export async function orderingWorld(overrides: { stockMilli?: number; orderMinimumMinor?: number } = {}) {
  const hub = await createTestHub();
  if (overrides.orderMinimumMinor !== undefined)
    await prisma.hub.update({ where: { id: hub.id }, data: { orderMinimumMinor: overrides.orderMinimumMinor } });
  const cycle = await createTestCycle(hub.id);
  const farmA = await createTestFarm({ hubId: hub.id, lat: 51.5, lng: -2.6 });
  const farmB = await createTestFarm({ hubId: hub.id, lat: 51.42, lng: -2.5 });
  const carrots = await createTestProduct(farmA.id, {
    name: "Carrots",
    unit: "KG",
    retailPriceMinor: 250,
    wholesalePriceMinor: 180,
    wholesaleMinMilli: 5000,
    stockMilli: overrides.stockMilli ?? 50_000,
  });
  const eggs = await createTestProduct(farmB.id, {
    name: "Eggs",
    unit: "DOZEN",
    gramsPerUnit: 720,
    retailPriceMinor: 400,
    stockMilli: 20_000,
    category: "EGGS",
  });
  const household = await createTestUser({ hubId: hub.id, lat: 51.46, lng: -2.59 });
  const restaurant = await createTestUser({ hubId: hub.id, buyerKind: "RESTAURANT", lat: 51.45, lng: -2.58 });
  return { hub, cycle, farmA, farmB, carrots, eggs, household, restaurant };
}

export async function postForm(
  action: (a: ReturnType<typeof args>) => Promise<unknown>,
  path: string,
  form: Record<string, string>,
  userId?: string,
  cookie?: string,
) {
  const request = await makeRequest(path, { userId, form });
  if (cookie) request.headers.set("Cookie", [request.headers.get("Cookie"), cookie].filter(Boolean).join("; "));
  return catchResponse(action(args(request)));
}

export function cookiePair(setCookie: string | null): string {
  return (setCookie ?? "").split(";")[0]!;
}
