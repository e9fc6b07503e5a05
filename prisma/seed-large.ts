// A large region for benchmarks: the Bristol hub with 2,000 farms, 50,000 products, 20,000 buyers
// and a closed cycle of 5,000 orders from 150 farms, ready to aggregate and plan. Deterministic
// (fixed seed; the clock only places the cycles). The five demo logins work here too.
//
//   DATABASE_URL=pglite:./data/large npm run seed:large [-- --reset]
import { pathToFileURL } from "node:url";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import {
  closeDatabase,
  DatabaseLockedError,
  ensureDatabaseReady,
  getDatabase,
  parseDatabaseUrl,
} from "../app/utils/db.server";
import { hashPassword } from "../app/utils/password.server";
import {
  buildBasket,
  buildProduct,
  haversineMetres,
  slugify,
  subtotal,
  totalGrams,
  type BuyerKindName,
  type LatLng,
  type LineDraft,
  type ProductDraft,
} from "./seed-data/build";
import { CATALOGUE, POOLS, ARCHETYPE_STORIES, template, type Archetype } from "./seed-data/catalogue";
import { DEMO_FARM_NAME, DEMO_FARM_PRODUCTS } from "./seed-data/farms";
import { DEMO_PASSWORD, demoLoginRows } from "./seed-data/logins";
import { FARM_SUFFIXES, FIRST_NAMES, PLACE_WORDS, RESTAURANT_NAMES, SURNAMES } from "./seed-data/people";
import {
  buyerAddress,
  FARM_LANES,
  HOUSEHOLD_NOTES,
  isFarmland,
  phoneLandline,
  phoneMobile,
  PICKUP_INSTRUCTIONS,
  postcode,
  RESTAURANT_NOTES,
  SELF_DELIVERY_INSTRUCTIONS,
} from "./seed-data/places";
import { newId, Rng } from "./seed-data/random";
import { DEPOT, HUB, NEIGHBOURHOODS, SHIFT, SLOTS, VEHICLES, VILLAGES } from "./seed-data/region";
import { addDays, formatLocalDate, localDateOf, zonedInstant, type LocalDate } from "./seed-data/time";
import { insertInBatches, insertRows, wipeDatabase } from "./seed-data/db";

export const LARGE_SEED = 0x5ca1ab1e;
/** Where `npm run seed:large` writes when DATABASE_URL is not set; benchmarks read the same. */
export const DEFAULT_LARGE_DATABASE_URL = "pglite:./data/large";

export interface LargeSeedOptions {
  now?: Date;
  farms?: number;
  productsPerFarm?: number;
  buyers?: number;
  restaurantShare?: number;
  orders?: number;
  orderFarms?: number;
  /** Vans per energy type (diesel, electric, refrigerated). */
  fleet?: readonly [number, number, number];
  /**
   * Cycles of `orders` orders each from the same supplying farms: the benchmark cycle and, before
   * it, one a week (closed, not planned; `npm run bench:carbon -- --accuracy` plans them in turn).
   */
  cycles?: number;
  log?: (line: string) => void;
  /** PostgreSQL schema from a `?schema=` DATABASE_URL, for the raw bulk inserts. */
  schema?: string;
}

export interface LargeSeedSummary {
  hubId: string;
  users: number;
  farmers: number;
  buyers: number;
  restaurants: number;
  farms: number;
  products: number;
  vehicles: number;
  benchCycle: { id: string; name: string; status: "CLOSED"; deliveryDate: Date; orders: number; farms: number };
  /** The earlier cycles (`cycles` − 1 of them), oldest first, each closed with its orders. */
  earlierCycles: Array<{ id: string; name: string; deliveryDate: Date; orders: number }>;
  openCycleId: string;
  orders: number;
  orderLines: number;
  timingsMs: Record<string, number>;
}

const DEFAULTS = {
  farms: 2000,
  productsPerFarm: 25,
  buyers: 20_000,
  restaurantShare: 0.075,
  orders: 5000,
  orderFarms: 150,
  // A third of the weight is chilled and most orders carry some, so refrigerated vans are half the
  // fleet (each chilled drop needs one; ambient parts ride on any van).
  fleet: [30, 10, 40] as const,
  cycles: 1,
};

const MINUTE = 60_000;
const DAY = 86_400_000;
const ARCHETYPES = Object.keys(POOLS) as Archetype[];

/** A random point 8–60 km from the depot, on land: farms are not in the city or the estuary. */
function randomFarmPoint(rng: Rng): LatLng {
  for (;;) {
    const distance = Math.sqrt(rng.float(8_000 ** 2, 59_000 ** 2));
    const bearing = rng.next() * 2 * Math.PI;
    const lat = DEPOT.lat + (distance * Math.cos(bearing)) / 111_320;
    const lng = DEPOT.lng + (distance * Math.sin(bearing)) / (111_320 * Math.cos((DEPOT.lat * Math.PI) / 180));
    const point = { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 };
    if (isFarmland(point, 8_000)) return point;
  }
}

function nearestVillage(point: LatLng) {
  let best = VILLAGES[0] as (typeof VILLAGES)[number];
  let bestDistance = Infinity;
  for (const village of VILLAGES) {
    const distance = haversineMetres(point, village);
    if (distance < bestDistance) {
      best = village;
      bestDistance = distance;
    }
  }
  return best;
}

export async function seedLarge(prisma: PrismaClient, options: LargeSeedOptions = {}): Promise<LargeSeedSummary> {
  const now = options.now ?? new Date();
  const config = { ...DEFAULTS, ...options };
  const log = options.log ?? (() => {});
  const timings: Record<string, number> = {};
  let mark = performance.now();
  const lap = (name: string) => {
    const t = performance.now();
    timings[name] = Math.round(t - mark);
    mark = t;
  };

  const rng = new Rng(LARGE_SEED);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const hubId = newId();
  const users: Prisma.UserCreateManyInput[] = [];
  const { rows: demoRows, loginIds } = demoLoginRows(passwordHash, hubId, newId);
  users.push(...demoRows);

  // --- Farms, owners, products ---------------------------------------------------------------
  const farmRng = rng.fork("farms");
  const farms: (Prisma.FarmCreateManyInput & { id: string })[] = [];
  const products: ProductDraft[] = [];
  const productsByFarm = new Map<string, ProductDraft[]>();
  const slugs = new Set<string>();
  const productOptions = { now, timeZone: HUB.timeZone };
  for (let i = 0; i < config.farms; i++) {
    const isDemo = i === 0;
    const point = randomFarmPoint(farmRng);
    const place = nearestVillage(point);
    const archetype: Archetype = isDemo ? "MIXED" : farmRng.pick(ARCHETYPES);
    const name = isDemo ? DEMO_FARM_NAME : `${farmRng.pick(PLACE_WORDS)} ${farmRng.pick(FARM_SUFFIXES)}`;
    let slug = slugify(name);
    for (let n = 2; slugs.has(slug); n++) slug = `${slugify(name)}-${n}`;
    slugs.add(slug);
    const first = farmRng.pick(FIRST_NAMES);
    const surname = farmRng.pick(SURNAMES);
    let ownerId = loginIds.get("farmer") as string;
    if (!isDemo) {
      ownerId = newId();
      users.push({
        id: ownerId,
        email: `${slugify(first)}@${slug}.test`,
        passwordHash,
        name: `${first} ${surname}`,
        role: "FARMER",
        phone: phoneMobile(i),
        hubId,
      });
    }
    const farmId = newId();
    const selfDelivers = farmRng.chance(0.12);
    const windowStart = farmRng.pick([420, 450, 480, 540]);
    const hasWindow = !selfDelivers && farmRng.chance(0.7);
    farms.push({
      id: farmId,
      ownerId,
      hubId,
      name,
      slug,
      story: `${first} ${surname} farms near ${place.name}. ${farmRng.pick(ARCHETYPE_STORIES[archetype])}`,
      certifications: farmRng.chance(0.25) ? ["Soil Association organic"] : [],
      contactEmail: `hello@${slug}.test`,
      contactPhone: phoneLandline(i),
      address: `${name}, ${farmRng.pick(FARM_LANES)}, near ${place.name}, ${place.county} ${postcode(farmRng, place.postcode)}`,
      lat: point.lat,
      lng: point.lng,
      pickupInstructions: selfDelivers ? SELF_DELIVERY_INSTRUCTIONS : farmRng.pick(PICKUP_INSTRUCTIONS),
      pickupWindowStart: hasWindow ? windowStart : null,
      pickupWindowEnd: hasWindow ? windowStart + farmRng.pick([240, 300, 360, 480]) : null,
      selfDelivers,
      status: "ACTIVE",
    });
    // The farm's own kind first, then anything else from the catalogue, without repeats.
    const own = isDemo ? [...DEMO_FARM_PRODUCTS] : farmRng.shuffle(POOLS[archetype]);
    const keys = new Set(own.slice(0, config.productsPerFarm));
    while (keys.size < Math.min(config.productsPerFarm, CATALOGUE.length)) keys.add(farmRng.pick(CATALOGUE).key);
    const farmProducts = [...keys].map((key) => buildProduct(farmRng, farmId, template(key), productOptions));
    products.push(...farmProducts);
    productsByFarm.set(farmId, farmProducts);
  }
  lap("build farms and products");

  // --- Buyers ---------------------------------------------------------------------------------
  interface Buyer {
    id: string;
    kind: BuyerKindName;
    address: string;
    lat: number;
    lng: number;
    phone: string;
    terms: 14 | 30 | null;
    note: string;
  }
  const buyerRng = rng.fork("buyers");
  const buyers: Buyer[] = [];
  const centralPlaces = NEIGHBOURHOODS.filter((place) => place.central);
  const demoBuyer = (key: "household" | "restaurant"): Prisma.UserCreateManyInput =>
    users.find((user) => user.id === loginIds.get(key)) as Prisma.UserCreateManyInput;
  for (let i = 0; i < config.buyers; i++) {
    const restaurant = i === 1 || (i > 1 && buyerRng.chance(config.restaurantShare));
    const kind: BuyerKindName = restaurant ? "RESTAURANT" : "HOUSEHOLD";
    const place = restaurant ? buyerRng.pick(centralPlaces) : buyerRng.pick(NEIGHBOURHOODS);
    const { address, point } = buyerAddress(buyerRng, place, 900);
    let user: Prisma.UserCreateManyInput;
    if (i < 2) {
      user = demoBuyer(i === 0 ? "household" : "restaurant");
    } else if (restaurant) {
      const base = buyerRng.pick(RESTAURANT_NAMES);
      user = {
        id: newId(),
        email: `orders-${i}@${slugify(base)}.test`,
        passwordHash,
        name: `${base} ${place.name}`,
        role: "BUYER",
      };
      users.push(user);
    } else {
      const first = buyerRng.pick(FIRST_NAMES);
      const last = buyerRng.pick(SURNAMES);
      user = {
        id: newId(),
        email: `${slugify(first)}.${slugify(last)}.${i}@mail.test`,
        passwordHash,
        name: `${first} ${last}`,
        role: "BUYER",
      };
      users.push(user);
    }
    const fullAddress = restaurant ? `${user.name}, ${address}` : address;
    const phone = restaurant ? phoneLandline(i) : phoneMobile(i);
    Object.assign(user, { buyerKind: kind, address: fullAddress, lat: point.lat, lng: point.lng, phone, hubId });
    buyers.push({
      id: user.id as string,
      kind,
      address: fullAddress,
      lat: point.lat,
      lng: point.lng,
      phone,
      terms: restaurant ? buyerRng.pick([14, 30] as const) : null,
      note: restaurant ? buyerRng.pick(RESTAURANT_NOTES) : buyerRng.pick(HOUSEHOLD_NOTES),
    });
  }
  lap("build buyers");

  // --- Hub, vehicles, cycles ------------------------------------------------------------------
  const vehicles: Prisma.VehicleCreateManyInput[] = [];
  VEHICLES.forEach((vehicle, type) => {
    const count = config.fleet[type] ?? 0;
    for (let n = 1; n <= count; n++) {
      vehicles.push({
        id: newId(),
        hubId,
        name: `${vehicle.name} ${String(n).padStart(2, "0")}`,
        capacityGrams: vehicle.capacityGrams,
        energyType: vehicle.energyType,
        refrigerated: vehicle.refrigerated,
        shiftStartMinute: SHIFT.startMinute,
        shiftEndMinute: SHIFT.endMinute,
        costPerKmMinor: vehicle.costPerKmMinor,
      });
    }
  });
  const today = localDateOf(HUB.timeZone, now);
  const makeCycle = (day: LocalDate, status: "OPEN" | "CLOSED", name?: string) => {
    const id = newId();
    return {
      row: {
        id,
        hubId,
        name: name ?? `${formatLocalDate(HUB.timeZone, day)} delivery`,
        opensAt: zonedInstant(HUB.timeZone, addDays(day, -HUB.cutoffDaysBefore - 7), HUB.cutoffMinuteOfDay),
        cutoffAt: zonedInstant(HUB.timeZone, addDays(day, -HUB.cutoffDaysBefore), HUB.cutoffMinuteOfDay),
        deliveryDate: zonedInstant(HUB.timeZone, day, 0),
        status,
      } satisfies Prisma.DeliveryCycleCreateManyInput,
      slots: SLOTS.map((slot) => ({
        id: newId(),
        cycleId: id,
        startMinute: slot.startMinute,
        endMinute: slot.endMinute,
      })),
    };
  };
  // Cut-off yesterday evening, delivery tomorrow: closed and ready to plan.
  const benchDay = addDays(today, 1);
  const bench = makeCycle(benchDay, "CLOSED", `Benchmark: ${formatLocalDate(HUB.timeZone, benchDay)} delivery`);
  bench.row.cutoffAt = zonedInstant(HUB.timeZone, addDays(today, -1), HUB.cutoffMinuteOfDay);
  bench.row.opensAt = zonedInstant(HUB.timeZone, addDays(today, -8), HUB.cutoffMinuteOfDay);
  const open = makeCycle(addDays(today, 5), "OPEN");

  // --- The benchmark cycle's orders -----------------------------------------------------------
  const orderRng = rng.fork("orders");
  // 150 supplying farms, the demo farm among them.
  const orderFarmIds = [
    farms[0]?.id as string,
    ...orderRng.sample(farms.slice(1), config.orderFarms - 1).map((farm) => farm.id),
  ];
  const orderFarmProducts = new Map(orderFarmIds.map((id) => [id, productsByFarm.get(id) ?? []]));
  const orderBuyers = [buyers[0] as Buyer, buyers[1] as Buyer, ...orderRng.sample(buyers.slice(2), config.orders - 2)];
  const orders: (Prisma.OrderCreateManyInput & { placedAt: Date })[] = [];
  const lines: (LineDraft & { orderId: string })[] = [];
  const placeOrders = (
    cycle: typeof bench,
    cycleBuyers: readonly Buyer[],
    random: Rng,
    consumeStock: boolean,
  ): void => {
    const opensAt = cycle.row.opensAt.getTime();
    const cutoffAt = cycle.row.cutoffAt.getTime();
    const deliveryAt = new Date(cycle.row.deliveryDate.getTime() + 12 * 60 * MINUTE);
    for (const buyer of cycleBuyers) {
      const basket = buildBasket(random, {
        kind: buyer.kind,
        farmIds: orderFarmIds,
        productsByFarm: orderFarmProducts,
        at: deliveryAt,
        minimumSubtotalMinor: HUB.orderMinimumMinor,
        consumeStock,
      });
      if (basket.length === 0) continue;
      const id = newId();
      const delivery = buyer.kind === "RESTAURANT" || random.chance(0.85);
      const slot = random.pick(cycle.slots);
      const paymentMethod = buyer.kind === "RESTAURANT" ? "INVOICE" : random.chance(0.6) ? "CARD" : "ON_DELIVERY";
      const placedAt = new Date(opensAt + Math.floor(random.next() * (cutoffAt - opensAt - 10 * MINUTE)));
      const sub = subtotal(basket);
      const fee = delivery ? HUB.deliveryFeeMinor : 0;
      orders.push({
        id,
        buyerId: buyer.id,
        hubId,
        cycleId: cycle.row.id,
        slotId: delivery ? slot.id : null,
        fulfilment: delivery ? "DELIVERY" : "PICKUP",
        status: "CONFIRMED",
        paymentMethod,
        paymentStatus: paymentMethod === "CARD" ? "PAID" : "UNPAID",
        paidAt: paymentMethod === "CARD" ? new Date(placedAt.getTime() + 2 * MINUTE) : null,
        invoiceTermsDays: buyer.terms,
        invoiceDueAt: buyer.terms === null ? null : new Date(placedAt.getTime() + buyer.terms * DAY),
        address: delivery ? buyer.address : null,
        lat: delivery ? buyer.lat : null,
        lng: delivery ? buyer.lng : null,
        contactPhone: buyer.phone,
        notes: delivery ? buyer.note : "",
        currency: HUB.currency,
        subtotalMinor: sub,
        deliveryFeeMinor: fee,
        totalMinor: sub + fee,
        totalGrams: totalGrams(basket),
        placedAt,
      });
      for (const line of basket) lines.push({ ...line, orderId: id });
    }
  };
  placeOrders(bench, orderBuyers, orderRng, true);
  // Earlier cycles: the same farms, other buyers; delivered long ago, so stock is not taken.
  const earlier = Array.from({ length: Math.max(0, config.cycles - 1) }, (_, i) => {
    const day = addDays(benchDay, -7 * (config.cycles - 1 - i));
    return makeCycle(day, "CLOSED");
  });
  earlier.forEach((cycle, i) => {
    const random = rng.fork(`orders-${i}`);
    placeOrders(cycle, random.sample(buyers, orderBuyers.length), random, false);
  });
  orders.sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
  lap("build orders");

  // --- Write ------------------------------------------------------------------------------------
  // One transaction: all or nothing, and far fewer commits (PGlite flushes on every commit).
  await prisma.$transaction(
    async (db) => {
      await db.hub.create({
        data: { id: hubId, ...HUB },
      });
      // The big tables go in as multi-row INSERTs (insertRows); the rest through createMany.
      // `@updatedAt` is filled by Prisma, not by a column default, so raw rows carry it.
      const bulk = (table: string, rows: readonly object[], stamped = true) =>
        insertRows(
          db,
          table,
          stamped ? rows.map((row) => ({ ...row, updatedAt: now })) : (rows as Record<string, unknown>[]),
          { schema: options.schema },
        );
      await bulk("User", users);
      await db.hub.update({ where: { id: hubId }, data: { coordinatorId: loginIds.get("coordinator") ?? null } });
      log(`  ${users.length} users`);
      lap("write users");
      await insertInBatches(farms, 1000, (batch) => db.farm.createMany({ data: batch }));
      log(`  ${farms.length} farms`);
      await bulk("Product", products);
      log(`  ${products.length} products`);
      lap("write farms and products");
      await db.vehicle.createMany({ data: vehicles });
      await db.deliveryCycle.createMany({ data: [...earlier.map((c) => c.row), bench.row, open.row] });
      await db.deliverySlot.createMany({ data: [...earlier.flatMap((c) => c.slots), ...bench.slots, ...open.slots] });
      await bulk("Order", orders);
      await bulk("OrderLine", lines, false);
      log(`  ${orders.length} orders, ${lines.length} lines`);
      lap("write cycles and orders");
    },
    { maxWait: 60_000, timeout: 900_000 },
  );
  // Planner statistics for the bulk-loaded tables (PGlite has no autovacuum to gather them).
  const table = (name: string) => (options.schema ? `"${options.schema.replace(/"/g, "")}"."${name}"` : `"${name}"`);
  await prisma.$executeRawUnsafe(`ANALYZE ${table("Farm")}, ${table("Product")}`);

  return {
    hubId,
    users: users.length,
    farmers: users.filter((user) => user.role === "FARMER").length,
    buyers: buyers.length,
    restaurants: buyers.filter((buyer) => buyer.kind === "RESTAURANT").length,
    farms: farms.length,
    products: products.length,
    vehicles: vehicles.length,
    benchCycle: {
      id: bench.row.id,
      name: bench.row.name,
      status: "CLOSED",
      deliveryDate: bench.row.deliveryDate,
      orders: orders.filter((o) => o.cycleId === bench.row.id).length,
      farms: new Set(lines.map((line) => line.farmId)).size,
    },
    earlierCycles: earlier.map((c) => ({
      id: c.row.id,
      name: c.row.name,
      deliveryDate: c.row.deliveryDate,
      orders: orders.filter((o) => o.cycleId === c.row.id).length,
    })),
    openCycleId: open.row.id,
    orders: orders.length,
    orderLines: lines.length,
    timingsMs: timings,
  };
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(
      [
        "Usage: DATABASE_URL=pglite:./data/large npm run seed:large [-- --reset]",
        "",
        "Seeds a large region for benchmarks: 2,000 farms, 50,000 products, 20,000 buyers and a closed",
        "cycle of 5,000 orders from 150 farms (plus the five demo logins, password foodshed-demo).",
        `DATABASE_URL defaults to ${DEFAULT_LARGE_DATABASE_URL} (never the dev database).`,
        "Refuses a database that already has users unless --reset is given, which empties every table.",
      ].join("\n"),
    );
    return;
  }
  process.env.DATABASE_URL ??= DEFAULT_LARGE_DATABASE_URL;
  const reset = argv.includes("--reset");
  const started = performance.now();
  try {
    console.log(`Large region → ${process.env.DATABASE_URL}`);
    await ensureDatabaseReady((line) => console.log(line));
    const { prisma } = getDatabase();
    const existing = await prisma.user.count();
    if (existing > 0 && !reset) {
      console.error(
        `The database already has ${existing} users. Use --reset to empty it first, or point DATABASE_URL elsewhere.`,
      );
      process.exitCode = 1;
      return;
    }
    if (existing > 0) {
      await wipeDatabase(prisma);
      console.log("Emptied every table (--reset).");
    }
    const target = parseDatabaseUrl(process.env.DATABASE_URL);
    const schema = target.kind === "postgres" ? target.schema : undefined;
    const summary = await seedLarge(prisma, { log: (line) => console.log(line), schema });
    console.log(
      [
        `Seeded the large region in ${((performance.now() - started) / 1000).toFixed(1)} s:`,
        `  users     ${summary.users} (${summary.farmers} farmers, ${summary.buyers} buyers of which ${summary.restaurants} restaurants)`,
        `  farms     ${summary.farms}`,
        `  products  ${summary.products}`,
        `  vehicles  ${summary.vehicles}`,
        `  cycle     ${summary.benchCycle.name} (${summary.benchCycle.status}, id ${summary.benchCycle.id}):`,
        `            ${summary.benchCycle.orders} orders, ${summary.orderLines} lines, from ${summary.benchCycle.farms} farms`,
        `  open      cycle ${summary.openCycleId} (no orders)`,
        `  phases    ${Object.entries(summary.timingsMs)
          .map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`)
          .join(", ")}`,
      ].join("\n"),
    );
  } finally {
    await closeDatabase();
  }
}

const invokedPath = process.argv[1];
if (invokedPath && import.meta.url === pathToFileURL(invokedPath).href) {
  // A script, not the web server: it signs no sessions, so the development defaults apply
  // unless NODE_ENV says otherwise (docs/decisions/019).
  process.env.NODE_ENV ??= "development";
  main(process.argv.slice(2)).catch((error: unknown) => {
    // A data folder held by another process: its message says what to do, no stack needed.
    console.error(error instanceof DatabaseLockedError ? error.message : error);
    process.exitCode = 1;
  });
}
