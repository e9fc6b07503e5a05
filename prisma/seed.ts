// The demo region: Bristol Food Hub with ~50 farms, ~500 products, ~70 buyers, four vans (two
// refrigerated), a delivered cycle last week (its orders' checkout estimates, a locked route plan
// driven to the end, allocated carbon) and an open one now (orders with their estimates).
// Deterministic: a fixed PRNG seed, a fixed solver seed and iteration count, and the clock only
// through `now` (cycles are placed relative to it).
//
//   npm run db:seed              seeds an empty database (DATABASE_URL, default in-memory PGlite)
//   npm run db:seed -- --reset   wipes every table first
import { pathToFileURL } from "node:url";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { closeDatabase, DatabaseLockedError, ensureDatabaseReady, getDatabase } from "../app/utils/db.server";
import { hashPassword } from "../app/utils/password.server";
import {
  buildBasket,
  buildProduct,
  slugify,
  subtotal,
  totalGrams,
  type BuyerKindName,
  type LineDraft,
  type ProductDraft,
} from "./seed-data/build";
import { ARCHETYPE_STORIES, POOLS, template } from "./seed-data/catalogue";
import { DEMO_FARM_PRODUCTS, FARMS } from "./seed-data/farms";
import { DEMO_LOGINS, DEMO_PASSWORD, demoLogin, demoLoginRows } from "./seed-data/logins";
import { FIRST_NAMES, RESTAURANT_NAMES, SURNAMES } from "./seed-data/people";
import {
  buyerAddress,
  FARM_LANES,
  farmPoint,
  HOUSEHOLD_NOTES,
  phoneLandline,
  phoneMobile,
  PICKUP_INSTRUCTIONS,
  postcode,
  RESTAURANT_NOTES,
  SELF_DELIVERY_INSTRUCTIONS,
} from "./seed-data/places";
import { newId, Rng } from "./seed-data/random";
import {
  HUB,
  neighbourhood,
  NEIGHBOURHOODS,
  SHIFT,
  SLOTS,
  DEMO_EV_RANGE_METRES,
  DEMO_VEHICLES,
  village,
  type Neighbourhood,
} from "./seed-data/region";
import { addDays, formatLocalDate, localDateOf, zonedInstant, type LocalDate } from "./seed-data/time";
import {
  assertSameDatabase,
  checkoutCarbonFields,
  planAndDeliverCycle,
  type DeliveredPlanSummary,
} from "./seed-data/carbon";
import { insertInBatches, wipeDatabase } from "./seed-data/db";
import { assignDemoDriver } from "./seed-data/driver";
import { NANTES_LOGINS, seedNantes, type NantesSummary } from "./seed-data/nantes";

/** The fixed seed of the demo region. Change it and every name, point and price changes. */
export const DEMO_SEED = 0xf00d5eed;

const HOUSEHOLDS = 55;
const RESTAURANTS = 15;
const PAST_ORDERS = 42; // 40 delivered, one cancelled, one failed at the door
const OPEN_ORDERS = 30;

export interface SeedCycleSummary {
  id: string;
  name: string;
  status: "OPEN" | "DELIVERED";
  opensAt: Date;
  cutoffAt: Date;
  deliveryDate: Date;
  orders: number;
}

export interface SeedSummary {
  hub: { id: string; name: string; slug: string };
  users: number;
  admins: number;
  coordinators: number;
  drivers: number;
  farmers: number;
  households: number;
  restaurants: number;
  farms: number;
  products: number;
  vehicles: number;
  cycles: { past: SeedCycleSummary; open: SeedCycleSummary; next: SeedCycleSummary };
  /** The past cycle's route plan (locked, every stop completed), without its id. */
  pastPlan: { routes: number; stops: number; unassigned: number; co2eGrams: number };
  orders: number;
  orderLines: number;
  standingOrders: number;
  logins: readonly { email: string; role: string }[];
}

type Db = Prisma.TransactionClient;
type UserRow = Prisma.UserCreateManyInput & { id: string };
type OrderRow = Prisma.OrderCreateManyInput & { id: string; placedAt: Date };

interface Buyer {
  id: string;
  kind: BuyerKindName;
  address: string;
  lat: number;
  lng: number;
  phone: string;
  invoiceTermsDays: number | null;
  notes: string | null;
}

interface CycleDraft {
  row: Prisma.DeliveryCycleCreateManyInput & { id: string };
  slots: (Prisma.DeliverySlotCreateManyInput & { id: string; startMinute: number; endMinute: number })[];
  deliveryDay: LocalDate;
}

function cycleFor(deliveryDay: LocalDate, status: "OPEN" | "DELIVERED", hubId: string): CycleDraft {
  const id = newId();
  return {
    deliveryDay,
    row: {
      id,
      hubId,
      name: `${formatLocalDate(HUB.timeZone, deliveryDay)} delivery`,
      opensAt: zonedInstant(HUB.timeZone, addDays(deliveryDay, -HUB.cutoffDaysBefore - 7), HUB.cutoffMinuteOfDay),
      cutoffAt: zonedInstant(HUB.timeZone, addDays(deliveryDay, -HUB.cutoffDaysBefore), HUB.cutoffMinuteOfDay),
      deliveryDate: zonedInstant(HUB.timeZone, deliveryDay, 0),
      status,
    },
    slots: SLOTS.map((slot) => ({
      id: newId(),
      cycleId: id,
      startMinute: slot.startMinute,
      endMinute: slot.endMinute,
    })),
  };
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Builds the whole region in memory, then writes it in one transaction. */
export async function seedDemo(prisma: PrismaClient, opts: { now?: Date } = {}): Promise<SeedSummary> {
  const now = opts.now ?? new Date();
  const rng = new Rng(DEMO_SEED);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const hubId = newId();
  const users: UserRow[] = [];
  const names = rng.fork("names");

  // --- Demo accounts ------------------------------------------------------------------------
  const { rows: demoRows, loginIds } = demoLoginRows(passwordHash, hubId, newId);
  users.push(...demoRows);
  const idOf = (key: (typeof DEMO_LOGINS)[number]["key"]): string => loginIds.get(key) as string;

  // --- Farms and their owners ---------------------------------------------------------------
  const farmRng = rng.fork("farms");
  const farms: (Prisma.FarmCreateManyInput & { id: string; lat: number; lng: number })[] = [];
  const products: ProductDraft[] = [];
  const productsByFarm = new Map<string, ProductDraft[]>();
  const productOptions = { now, timeZone: HUB.timeZone };
  let phoneIndex = 100;
  let demoFarmId = "";
  const definitions = [
    ...FARMS.map((definition) => ({ ...definition, status: "ACTIVE" as const })),
    // One producer waiting for approval, so the admin's queue is not empty.
    {
      name: "Dundry Hill Growers",
      archetype: "MARKET_GARDEN" as const,
      village: "Dundry",
      status: "PENDING" as const,
      selfDelivers: false,
      certifications: [],
      demo: false,
    },
  ];
  for (const definition of definitions) {
    const place = village(definition.village);
    const slug = slugify(definition.name);
    const farmId = newId();
    const isDemo = definition.demo === true;
    let ownerId: string;
    let ownerFirst: string;
    let surname: string;
    if (isDemo) {
      ownerId = idOf("farmer");
      demoFarmId = farmId;
      [ownerFirst, surname] = demoLogin("farmer").name.split(" ") as [string, string];
      const owner = users.find((user) => user.id === ownerId);
      if (owner) owner.phone = phoneMobile(phoneIndex++);
    } else {
      ownerId = newId();
      ownerFirst = names.pick(FIRST_NAMES);
      surname = names.pick(SURNAMES);
      users.push({
        id: ownerId,
        email: `${slugify(ownerFirst)}@${slug}.test`,
        passwordHash,
        name: `${ownerFirst} ${surname}`,
        role: "FARMER",
        phone: phoneMobile(phoneIndex++),
        hubId,
      });
    }
    const point = farmPoint(farmRng, place);
    const since = farmRng.int(1952, 2019);
    const story = [
      since < 1990
        ? `The ${surname} family have farmed here, just outside ${place.name}, since ${since}.`
        : `${ownerFirst} ${surname} started ${definition.name} near ${place.name} in ${since}.`,
      farmRng.pick(ARCHETYPE_STORIES[definition.archetype]),
    ].join(" ");
    const hasWindow = !definition.selfDelivers && farmRng.chance(0.7);
    const windowStart = farmRng.pick([420, 450, 480, 540]);
    farms.push({
      id: farmId,
      ownerId,
      hubId,
      name: definition.name,
      slug,
      story,
      certifications: [...(definition.certifications ?? [])],
      contactEmail: `hello@${slug}.test`,
      contactPhone: phoneLandline(farms.length + 200),
      address: `${definition.name}, ${farmRng.pick(FARM_LANES)}, ${place.name}, ${place.county} ${postcode(farmRng, place.postcode)}`,
      lat: point.lat,
      lng: point.lng,
      pickupInstructions: definition.selfDelivers ? SELF_DELIVERY_INSTRUCTIONS : farmRng.pick(PICKUP_INSTRUCTIONS),
      pickupWindowStart: hasWindow ? windowStart : null,
      pickupWindowEnd: hasWindow ? windowStart + farmRng.pick([240, 300, 360, 480]) : null,
      selfDelivers: definition.selfDelivers ?? false,
      status: definition.status,
    });
    const pool = POOLS[definition.archetype];
    const keys = isDemo
      ? DEMO_FARM_PRODUCTS
      : definition.status === "PENDING"
        ? farmRng.sample(pool, 5)
        : farmRng.sample(pool, Math.min(pool.length, farmRng.int(8, 14)));
    const farmProducts = keys.map((key) =>
      buildProduct(
        farmRng,
        farmId,
        template(key),
        isDemo ? { ...productOptions, outOfStockShare: 0, wholesaleShare: 0.45 } : productOptions,
      ),
    );
    products.push(...farmProducts);
    productsByFarm.set(farmId, farmProducts);
  }
  const activeFarmIds = farms.filter((farm) => farm.status === "ACTIVE").map((farm) => farm.id);
  // Farms that bring their own goods drive to the hub with a van-load worth the trip: the hub's
  // kitchens buy from them in bulk (issue 17: not 37 km for 500 g).
  const selfDeliveringFarmIds = farms.filter((farm) => farm.selfDelivers && farm.status === "ACTIVE").map((f) => f.id);

  // --- Buyers -------------------------------------------------------------------------------
  const buyerRng = rng.fork("buyers");
  const buyers: Buyer[] = [];
  const usedEmails = new Set(users.map((user) => user.email));
  const centralPlaces = NEIGHBOURHOODS.filter((place) => place.central);
  const addBuyer = (user: UserRow, kind: BuyerKindName, place: Neighbourhood, businessName?: string): void => {
    const { address, point } = buyerAddress(buyerRng, place);
    const phone = kind === "RESTAURANT" ? phoneLandline(600 + buyers.length) : phoneMobile(phoneIndex++);
    const fullAddress = businessName ? `${businessName}, ${address}` : address;
    Object.assign(user, { address: fullAddress, lat: point.lat, lng: point.lng, phone, buyerKind: kind, hubId });
    buyers.push({
      id: user.id,
      kind,
      address: fullAddress,
      lat: point.lat,
      lng: point.lng,
      phone,
      invoiceTermsDays: kind === "RESTAURANT" ? buyerRng.pick([14, 30]) : null,
      notes: kind === "RESTAURANT" ? buyerRng.pick(RESTAURANT_NOTES) : buyerRng.pick(HOUSEHOLD_NOTES),
    });
  };
  const demoUser = (key: "household" | "restaurant"): UserRow => users.find((user) => user.id === idOf(key)) as UserRow;
  addBuyer(demoUser("household"), "HOUSEHOLD", neighbourhood("Redland"));
  addBuyer(demoUser("restaurant"), "RESTAURANT", neighbourhood("Stokes Croft"), RESTAURANT_NAMES[0]);
  for (let i = 1; i < HOUSEHOLDS; i++) {
    const first = names.pick(FIRST_NAMES);
    const last = names.pick(SURNAMES);
    let email = `${slugify(first)}.${slugify(last)}@mail.test`;
    for (let n = 2; usedEmails.has(email); n++) email = `${slugify(first)}.${slugify(last)}${n}@mail.test`;
    usedEmails.add(email);
    const user: UserRow = {
      id: newId(),
      email,
      passwordHash,
      name: `${first} ${last}`,
      role: "BUYER",
      distanceUnit: buyerRng.chance(0.15) ? "MI" : "KM",
    };
    users.push(user);
    addBuyer(user, "HOUSEHOLD", buyerRng.pick(NEIGHBOURHOODS));
  }
  for (let i = 1; i < RESTAURANTS; i++) {
    const name = RESTAURANT_NAMES[i] ?? `Kitchen ${i}`;
    const user: UserRow = { id: newId(), email: `orders@${slugify(name)}.test`, passwordHash, name, role: "BUYER" };
    users.push(user);
    addBuyer(user, "RESTAURANT", buyerRng.pick(centralPlaces), name);
  }

  // --- Vehicles and cycles ------------------------------------------------------------------
  // Bought one after another (listed oldest first: the checkout estimate's choice of van among
  // equally common types goes by age).
  const vehicles: Prisma.VehicleCreateManyInput[] = DEMO_VEHICLES.map((vehicle, index) => ({
    id: newId(),
    createdAt: new Date(now.getTime() - (400 - 30 * index) * DAY),
    hubId,
    name: vehicle.name,
    capacityGrams: vehicle.capacityGrams,
    energyType: vehicle.energyType,
    refrigerated: vehicle.refrigerated,
    shiftStartMinute: SHIFT.startMinute,
    shiftEndMinute: SHIFT.endMinute,
    costPerKmMinor: vehicle.costPerKmMinor,
    // The electric vans' usable range per shift (derated in winter and for refrigeration).
    rangeMetres: vehicle.energyType === "van-bev-average" ? DEMO_EV_RANGE_METRES : null,
  }));
  const today = localDateOf(HUB.timeZone, now);
  const past = cycleFor(addDays(today, -7), "DELIVERED", hubId);
  const open = cycleFor(addDays(today, 5), "OPEN", hubId);
  const next = cycleFor(addDays(today, 12), "OPEN", hubId);

  // --- Orders -------------------------------------------------------------------------------
  const orderRng = rng.fork("orders");
  const orders: OrderRow[] = [];
  const lines: (LineDraft & { orderId: string })[] = [];
  const standingOrders: Prisma.StandingOrderCreateManyInput[] = [];
  const standingLines: Prisma.StandingOrderLineCreateManyInput[] = [];
  const demoHousehold = buyers[0] as Buyer;
  const demoRestaurant = buyers[1] as Buyer;
  const chooseBuyers = (count: number): Buyer[] => {
    const others = orderRng.sample(buyers.slice(2), count - 2);
    return orderRng.shuffle([demoHousehold, demoRestaurant, ...others]);
  };

  let kitchenTurn = 0;
  const placeOrders = (cycle: CycleDraft, kind: "past" | "open"): void => {
    const count = kind === "past" ? PAST_ORDERS : OPEN_ORDERS;
    const opensAt = cycle.row.opensAt as Date;
    const cutoffAt = cycle.row.cutoffAt as Date;
    const deliveryDate = cycle.row.deliveryDate as Date;
    const lastPlaced = Math.min(cutoffAt.getTime(), now.getTime()) - 10 * MINUTE;
    const chosen = chooseBuyers(count);
    const failedIndex = chosen.findIndex((buyer, index) => index > 2 && buyer.kind === "HOUSEHOLD");
    const cancelledIndex = chosen.findIndex((buyer, index) => index > failedIndex && buyer.kind === "HOUSEHOLD");
    chosen.forEach((buyer, index) => {
      const isDemo = buyer === demoHousehold || buyer === demoRestaurant;
      const withDemoFarm = isDemo || orderRng.chance(0.3);
      // Each kitchen not buying from the demo farm buys from one of the self-delivering farms, in turn.
      const kitchenFarm =
        buyer.kind === "RESTAURANT" && selfDeliveringFarmIds.length > 0
          ? selfDeliveringFarmIds[kitchenTurn++ % selfDeliveringFarmIds.length]
          : undefined;
      const basket = buildBasket(orderRng, {
        kind: buyer.kind,
        farmIds: activeFarmIds,
        productsByFarm,
        at: new Date(deliveryDate.getTime() + 12 * 60 * MINUTE),
        minimumSubtotalMinor: HUB.orderMinimumMinor,
        consumeStock: kind === "open",
        includeFarmId: withDemoFarm ? demoFarmId : kitchenFarm,
      });
      if (basket.length === 0) return;
      const id = newId();
      const delivery = buyer.kind === "RESTAURANT" || orderRng.chance(0.75);
      const slot = orderRng.pick(cycle.slots);
      const paymentMethod =
        buyer.kind === "RESTAURANT"
          ? orderRng.chance(0.8)
            ? "INVOICE"
            : "CARD"
          : buyer === demoHousehold
            ? "ON_DELIVERY"
            : orderRng.chance(0.6)
              ? "CARD"
              : "ON_DELIVERY";
      const placedAt = new Date(opensAt.getTime() + Math.floor(orderRng.next() * (lastPlaced - opensAt.getTime())));
      const fee = delivery ? HUB.deliveryFeeMinor : 0;
      const sub = subtotal(basket);
      let status: OrderRow["status"] = "CONFIRMED";
      let paymentStatus: OrderRow["paymentStatus"] = paymentMethod === "CARD" ? "PAID" : "UNPAID";
      let paidAt: Date | null = paymentMethod === "CARD" ? new Date(placedAt.getTime() + 2 * MINUTE) : null;
      let deliveredAt: Date | null = null;
      let cancelledAt: Date | null = null;
      let failureReason: string | null = null;
      const handedOver = new Date(
        deliveryDate.getTime() +
          (delivery
            ? (slot.startMinute + orderRng.int(0, slot.endMinute - slot.startMinute - 10)) * MINUTE
            : orderRng.int(10 * 60, 17 * 60) * MINUTE),
      );
      if (kind === "past") {
        if (index === cancelledIndex) {
          status = "CANCELLED";
          cancelledAt = new Date(
            placedAt.getTime() + Math.floor(orderRng.next() * (cutoffAt.getTime() - placedAt.getTime())),
          );
          if (paymentMethod === "CARD") paymentStatus = "REFUNDED";
        } else if (index === failedIndex && delivery) {
          status = "FAILED";
          failureReason =
            "Nobody home and no safe place for chilled goods; the customer was called and will collect next cycle.";
        } else {
          status = "DELIVERED";
          deliveredAt = handedOver;
          if (paymentMethod === "ON_DELIVERY") {
            paymentStatus = "PAID";
            paidAt = handedOver;
          } else if (paymentMethod === "INVOICE" && orderRng.chance(0.5)) {
            const settled = new Date(handedOver.getTime() + orderRng.int(1, 6) * DAY);
            if (settled.getTime() < now.getTime()) {
              paymentStatus = "PAID";
              paidAt = settled;
            }
          }
        }
      }
      const terms = paymentMethod === "INVOICE" ? (buyer.invoiceTermsDays ?? 30) : null;
      orders.push({
        id,
        buyerId: buyer.id,
        hubId,
        cycleId: cycle.row.id,
        slotId: delivery ? slot.id : null,
        fulfilment: delivery ? "DELIVERY" : "PICKUP",
        status,
        paymentMethod,
        paymentStatus,
        invoiceTermsDays: terms,
        // Net terms count from the moment the order was placed (domain/pricing invoiceDueAt).
        invoiceDueAt: terms === null ? null : new Date(placedAt.getTime() + terms * DAY),
        address: delivery ? buyer.address : null,
        lat: delivery ? buyer.lat : null,
        lng: delivery ? buyer.lng : null,
        contactPhone: buyer.phone,
        notes: delivery ? (buyer.notes ?? "") : "",
        currency: HUB.currency,
        subtotalMinor: sub,
        deliveryFeeMinor: fee,
        totalMinor: sub + fee,
        totalGrams: totalGrams(basket),
        failureReason,
        placedAt,
        paidAt,
        cancelledAt,
        deliveredAt,
      });
      for (const line of basket) lines.push({ ...line, orderId: id });

      // Restaurants in the open cycle (the demo one among them) order the same every week.
      const standing =
        kind === "open" && buyer.kind === "RESTAURANT" && (buyer === demoRestaurant || standingOrders.length < 4);
      if (standing) {
        const standingId = newId();
        standingOrders.push({
          id: standingId,
          buyerId: buyer.id,
          hubId,
          status: "ACTIVE",
          fulfilment: "DELIVERY",
          paymentMethod,
          address: buyer.address,
          lat: buyer.lat,
          lng: buyer.lng,
          slotStartMinute: slot.startMinute,
          lastCycleId: cycle.row.id,
        });
        for (const line of basket) {
          standingLines.push({
            id: newId(),
            standingOrderId: standingId,
            productId: line.productId,
            quantityMilli: line.quantityMilli,
          });
        }
        const order = orders[orders.length - 1];
        if (order) order.standingOrderId = standingId;
      }
    });
  };
  placeOrders(past, "past");
  placeOrders(open, "open");
  // Order numbers follow the order in which orders were placed.
  orders.sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());

  // --- Write ----------------------------------------------------------------------------------
  // In the order things happened: the region, then the past cycle's orders with the estimates
  // their checkouts stored, its route plan (the estimates of later orders learn from it), then
  // the open cycle's orders. The carbon estimate and route planning are the app's services, which
  // read what is already committed, so this is several transactions; if any step fails, an empty
  // database is emptied again so the next `npm run dev` seeds it from scratch.
  const linesByOrder = new Map<string, LineDraft[]>();
  for (const line of lines) {
    const list = linesByOrder.get(line.orderId) ?? [];
    list.push(line);
    linesByOrder.set(line.orderId, list);
  }
  const kindOfBuyer = new Map(buyers.map((buyer) => [buyer.id, buyer.kind]));
  const writeOrders = async (cycleId: string): Promise<void> => {
    const cycleOrders = orders.filter((order) => order.cycleId === cycleId);
    // Each order's checkout estimate, as at the moment it was placed (sequentially: deterministic).
    for (const order of cycleOrders) {
      Object.assign(
        order,
        await checkoutCarbonFields(
          {
            hubId,
            placedAt: order.placedAt,
            fulfilment: order.fulfilment ?? "DELIVERY",
            lat: order.lat ?? null,
            lng: order.lng ?? null,
          },
          linesByOrder.get(order.id) ?? [],
          kindOfBuyer.get(order.buyerId) ?? "HOUSEHOLD",
        ),
      );
    }
    const ids = new Set(cycleOrders.map((order) => order.id));
    await prisma.$transaction(
      async (db: Db) => {
        await insertInBatches(cycleOrders, 500, (batch) => db.order.createMany({ data: batch }));
        const cycleLines = lines.filter((line) => ids.has(line.orderId));
        await insertInBatches(cycleLines, 1000, (batch) => db.orderLine.createMany({ data: batch }));
      },
      { maxWait: 30_000, timeout: 180_000 },
    );
  };

  const writeRegion = async (db: Db): Promise<void> => {
    await db.hub.create({
      data: { id: hubId, ...HUB },
    });
    await db.user.createMany({ data: users });
    await db.hub.update({ where: { id: hubId }, data: { coordinatorId: idOf("coordinator") } });
    await db.farm.createMany({ data: farms });
    await insertInBatches(products, 500, (batch) => db.product.createMany({ data: batch }));
    await db.vehicle.createMany({ data: vehicles });
    // The past cycle is closed until its plan is driven (planAndDeliverCycle marks it DELIVERED).
    await db.deliveryCycle.createMany({ data: [{ ...past.row, status: "CLOSED" }, open.row, next.row] });
    await db.deliverySlot.createMany({ data: [...past.slots, ...open.slots, ...next.slots] });
    await db.standingOrder.createMany({ data: standingOrders });
    await db.standingOrderLine.createMany({ data: standingLines });
  };

  const wasEmpty = (await prisma.user.count()) === 0;
  let pastPlan: DeliveredPlanSummary;
  try {
    await prisma.$transaction(writeRegion, { maxWait: 30_000, timeout: 180_000 });
    await assertSameDatabase(hubId);
    await writeOrders(past.row.id);
    pastPlan = await planAndDeliverCycle(prisma, {
      hubId,
      cycleId: past.row.id,
      coordinatorId: idOf("coordinator"),
      // The coordinator planned the routes an hour after ordering closed.
      plannedAt: new Date((past.row.cutoffAt as Date).getTime() + 60 * MINUTE),
    });
    await writeOrders(open.row.id);
    // The demo driver drives today's cycle when there is one (none on a fresh seed: see driver.ts).
    await assignDemoDriver(prisma, { hubId, driverId: idOf("driver"), timeZone: HUB.timeZone, now });
  } catch (error) {
    if (wasEmpty) await wipeDatabase(prisma).catch(() => undefined);
    throw error;
  }

  const cycleSummary = (cycle: CycleDraft, status: "OPEN" | "DELIVERED"): SeedCycleSummary => ({
    id: cycle.row.id,
    name: cycle.row.name,
    status,
    opensAt: cycle.row.opensAt as Date,
    cutoffAt: cycle.row.cutoffAt as Date,
    deliveryDate: cycle.row.deliveryDate as Date,
    orders: orders.filter((order) => order.cycleId === cycle.row.id).length,
  });
  return {
    hub: { id: hubId, name: HUB.name, slug: HUB.slug },
    users: users.length,
    admins: users.filter((user) => user.role === "ADMIN").length,
    coordinators: users.filter((user) => user.role === "COORDINATOR").length,
    drivers: users.filter((user) => user.role === "DRIVER").length,
    farmers: users.filter((user) => user.role === "FARMER").length,
    households: buyers.filter((buyer) => buyer.kind === "HOUSEHOLD").length,
    restaurants: buyers.filter((buyer) => buyer.kind === "RESTAURANT").length,
    farms: farms.length,
    products: products.length,
    vehicles: vehicles.length,
    cycles: {
      past: cycleSummary(past, "DELIVERED"),
      open: cycleSummary(open, "OPEN"),
      next: cycleSummary(next, "OPEN"),
    },
    pastPlan: {
      routes: pastPlan.routes,
      stops: pastPlan.stops,
      unassigned: pastPlan.unassigned,
      co2eGrams: pastPlan.co2eGrams,
    },
    orders: orders.length,
    orderLines: lines.length,
    standingOrders: standingOrders.length,
    logins: DEMO_LOGINS.map((login) => ({ email: login.email, role: login.buyerKind ?? login.role })),
  };
}

/**
 * The whole demo: the Bristol region, then the small French hub in euros (prisma/seed-data/nantes.ts),
 * in that order so Bristol stays the hub new accounts join. `npm run dev`, `npm run db:seed` and the
 * browser journeys seed this; integration tests seed Bristol alone with seedDemo.
 */
export async function seedDemoRegions(
  prisma: PrismaClient,
  opts: { now?: Date } = {},
): Promise<SeedSummary & { nantes: NantesSummary }> {
  const summary = await seedDemo(prisma, opts);
  const nantes = await seedNantes(prisma, { passwordHash: await hashPassword(DEMO_PASSWORD), now: opts.now });
  return { ...summary, nantes };
}

export function formatSummary(summary: SeedSummary & { nantes?: NantesSummary }): string {
  const when = (date: Date): string =>
    new Intl.DateTimeFormat("en-GB", { timeZone: HUB.timeZone, dateStyle: "medium", timeStyle: "short" }).format(date);
  const cycle = (label: string, c: SeedCycleSummary): string =>
    `  ${label.padEnd(6)} ${c.name} (${c.status}) — opens ${when(c.opensAt)}, cut-off ${when(c.cutoffAt)}, ${c.orders} orders`;
  return [
    `Seeded ${summary.hub.name}:`,
    `  users      ${summary.users} (${summary.admins} admin, ${summary.coordinators} coordinator, ${summary.drivers} driver, ${summary.farmers} farmers, ${summary.households} households, ${summary.restaurants} restaurants)`,
    `  farms      ${summary.farms}`,
    `  products   ${summary.products}`,
    `  vehicles   ${summary.vehicles}`,
    `  orders     ${summary.orders} with ${summary.orderLines} lines; ${summary.standingOrders} standing orders`,
    "Cycles:",
    cycle("past", summary.cycles.past),
    cycle("open", summary.cycles.open),
    cycle("next", summary.cycles.next),
    `  past plan: ${summary.pastPlan.routes} routes, ${summary.pastPlan.stops} stops (all completed), ${summary.pastPlan.unassigned} unassigned, ${(summary.pastPlan.co2eGrams / 1000).toFixed(1)} kg CO2e`,
    `Demo logins (password "${DEMO_PASSWORD}"):`,
    ...summary.logins.map((login) => `  ${login.email.padEnd(28)} ${login.role}`),
    ...(summary.nantes
      ? [
          `Also seeded ${summary.nantes.hub.name} (${summary.nantes.hub.currency}, French): ${summary.nantes.farms} farms, ${summary.nantes.products} products, cycle "${summary.nantes.cycle.name}"; logins:`,
          ...NANTES_LOGINS.map((login) => `  ${login.email.padEnd(28)} ${login.buyerKind ?? login.role}`),
        ]
      : []),
  ].join("\n");
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(
      [
        "Usage: npm run db:seed [-- --reset]",
        "Seeds the demo region into DATABASE_URL (pglite:memory, pglite:<folder> or postgres://…).",
        "Without --reset it seeds only an empty database (no users); --reset empties every table first.",
      ].join("\n"),
    );
    return;
  }
  const reset = argv.includes("--reset");
  try {
    await ensureDatabaseReady((line) => console.log(line));
    const { prisma } = getDatabase();
    if (reset) {
      await wipeDatabase(prisma);
      console.log("Emptied every table (--reset).");
    } else {
      const existing = await prisma.user.count();
      if (existing > 0) {
        console.log(`The database already has ${existing} users; not seeding. Run with --reset to wipe and reseed.`);
        return;
      }
    }
    const started = performance.now();
    const summary = await seedDemoRegions(prisma);
    console.log(formatSummary(summary));
    console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
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
