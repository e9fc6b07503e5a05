// A hub on delivery day for the proof-of-delivery tests (docs/decisions/032): one delivery route,
// driven by a driver, of orders with an ambient and a chilled line; and marks posted as the driver's
// browser posts them (multipart, with the form's own mark id). The test file sets DATA_DIR first.
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { loader as proofLoader } from "~/routes/delivery-proofs.$name";
import { action as driverAction } from "~/routes/driver.routes.$routeId";
import { prisma } from "~/utils/db.server";
import {
  createTestCycle,
  createTestFarm,
  createTestHub,
  createTestProduct,
  createTestUser,
  createTestVehicle,
  makeRequest,
  sessionCookieFor,
} from "../factories";
import { args, catchResponse } from "./ordering";

export const proofsDir = () => path.join(process.env.DATA_DIR!, "proofs");
export const storedProofs = () => (existsSync(proofsDir()) ? readdirSync(proofsDir()).sort() : []);

/** A hub whose cycle has one delivery route, driven by `driver`, with `stops` orders of two lines each. */
export async function proofWorld(stops = 4) {
  const coordinator = await createTestUser({ role: "COORDINATOR" });
  const hub = await createTestHub({ coordinatorId: coordinator.id });
  const driver = await createTestUser({ role: "DRIVER", hubId: hub.id });
  const otherDriver = await createTestUser({ role: "DRIVER", hubId: hub.id });
  const vehicle = await createTestVehicle(hub.id, { refrigerated: true });
  const farm = await createTestFarm({ hubId: hub.id });
  const carrots = await createTestProduct(farm.id, { name: "Carrots", unit: "KG", gramsPerUnit: 1000 });
  const milk = await createTestProduct(farm.id, { name: "Milk", unit: "L", gramsPerUnit: 1030, chilled: true });
  const cycle = await createTestCycle(hub.id, { status: "PLANNED", cutoffAt: new Date(Date.now() - 3_600_000) });
  const buyer = await createTestUser({ hubId: hub.id });
  const otherBuyer = await createTestUser({ hubId: hub.id });
  const orders = [];
  for (let i = 0; i < stops; i++) {
    orders.push(
      await prisma.order.create({
        data: {
          buyerId: i === 0 ? otherBuyer.id : buyer.id,
          hubId: hub.id,
          cycleId: cycle.id,
          fulfilment: "DELIVERY",
          paymentMethod: "ON_DELIVERY",
          address: `${i + 1} Test Street`,
          lat: 51.46,
          lng: -2.6,
          notes: i === 1 ? "Porch, behind the blue door" : "",
          subtotalMinor: 1200,
          totalMinor: 1200,
          totalGrams: 5060,
          lines: {
            create: [
              {
                productId: carrots.id,
                farmId: farm.id,
                productName: "Carrots",
                unit: "KG",
                quantityMilli: 3000,
                unitPriceMinor: 200,
                lineTotalMinor: 600,
                grams: 3000,
              },
              {
                productId: milk.id,
                farmId: farm.id,
                productName: "Milk",
                unit: "L",
                quantityMilli: 2000,
                unitPriceMinor: 300,
                lineTotalMinor: 600,
                grams: 2060,
                chilled: true,
              },
            ],
          },
        },
        include: { lines: { orderBy: { productName: "asc" } } },
      }),
    );
  }
  const start = new Date(Date.now() + 2 * 3_600_000);
  const plan = await prisma.routePlan.create({
    data: {
      cycleId: cycle.id,
      distanceSource: "haversine",
      routes: {
        create: [
          {
            vehicleId: vehicle.id,
            driverId: driver.id,
            kind: "DELIVERY",
            position: 0,
            startAt: start,
            endAt: new Date(start.getTime() + 3_600_000),
            distanceM: 12_000,
            durationS: 3600,
            loadGrams: 5060 * stops,
            co2eGrams: 900,
            factorKey: "van-diesel-average",
            stops: {
              create: orders.map((order, i) => ({
                sequence: i + 1,
                orderId: order.id,
                arrivalAt: new Date(start.getTime() + (i + 1) * 600_000),
                departureAt: new Date(start.getTime() + (i + 1) * 600_000 + 120_000),
                gramsHandled: 5060,
                loadGramsAfter: 5060 * (stops - i - 1),
                distanceFromDepotM: 3000 * (i + 1),
                co2eGrams: 100,
              })),
            },
          },
        ],
      },
    },
    include: { routes: { include: { stops: { orderBy: { sequence: "asc" } } } } },
  });
  const route = plan.routes[0]!;
  return { coordinator, hub, driver, otherDriver, cycle, buyer, otherBuyer, orders, route, stops: route.stops };
}

export type ProofWorld = Awaited<ReturnType<typeof proofWorld>>;

export const png = (width = 40, height = 30) =>
  sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 60 } } })
    .png()
    .toBuffer();

export type Upload = { bytes: Uint8Array; name: string; type: string };

/** Posts a mark as a browser would: multipart, with the form's own mark id unless one is given. */
export async function mark(
  w: ProofWorld,
  fields: Record<string, string | string[]>,
  { userId = w.driver.id, signature, photo }: { userId?: string; signature?: Upload; photo?: Upload } = {},
) {
  const form = new FormData();
  if (!("markId" in fields)) form.append("markId", randomUUID());
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
  }
  if (photo) form.append("photo", new File([new Uint8Array(photo.bytes)], photo.name, { type: photo.type }));
  if (signature)
    form.append("signature", new File([new Uint8Array(signature.bytes)], signature.name, { type: signature.type }));
  const request = new Request(`http://localhost/driver/routes/${w.route.id}`, {
    method: "POST",
    body: form,
    headers: { Cookie: await sessionCookieFor(userId) },
  });
  return catchResponse(driverAction(args(request, { routeId: w.route.id })));
}

export const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;
export const stopRow = (id: string) => prisma.stop.findUniqueOrThrow({ where: { id } });
export const orderRow = (id: string) =>
  prisma.order.findUniqueOrThrow({ where: { id }, include: { lines: { orderBy: { productName: "asc" } } } });

export async function getProof(url: string, userId?: string) {
  const name = url.slice("/delivery-proofs/".length);
  const request = userId
    ? await makeRequest(url, { userId })
    : new Request(`http://localhost${url}`, { method: "GET" });
  return catchResponse(proofLoader(args(request, { name })));
}
