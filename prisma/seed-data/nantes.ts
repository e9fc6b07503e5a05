// A second, small demo hub that speaks French and sells in euros: Nantes, with four farms, a van,
// an open cycle, a coordinator and a household whose account is in French. It shows what a hub
// outside Britain looks like (currency, time zone, language) and is what the French buyer's journey
// orders from. The Bristol region (prisma/seed.ts) stays the first hub, so new sign-ups still join
// Bristol. Deterministic apart from ids and the clock (`now`).
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { DEMO_PASSWORD } from "./logins";
import { newId } from "./random";
import { addDays, localDateOf, zonedInstant, type LocalDate } from "./time";

export const NANTES_HUB = {
  name: "Nantes Circuits Courts",
  slug: "nantes",
  depotAddress: "MIN Nantes Métropole, 71 boulevard Alfred-Nobel, 44400 Rezé",
  depotLat: 47.186,
  depotLng: -1.548,
  zoneRadiusM: 20_000,
  orderMinimumMinor: 1000,
  deliveryFeeMinor: 300,
  deliveryFeePerKmMinor: 0,
  currency: "EUR",
  timeZone: "Europe/Paris",
  cutoffDaysBefore: 2,
  cutoffMinuteOfDay: 18 * 60,
  // No French baseline could be sourced yet: the European placeholder, flagged as an assumption.
  carbonBaselineProfile: "europe-assumption",
} as const;

/** The Nantes demo accounts (password as every demo account's). Their pages are in French. */
export const NANTES_LOGINS = [
  {
    key: "nantesCoordinator",
    email: "coordination@nantes.foodshed.test",
    name: "Claire Moreau",
    role: "COORDINATOR",
    buyerKind: null,
    description: "Coordinator of Nantes Circuits Courts (euros, French)",
  },
  {
    key: "nantesHousehold",
    email: "camille@nantes.foodshed.test",
    name: "Camille Durand",
    role: "BUYER",
    buyerKind: "HOUSEHOLD",
    description: "Household in Nantes: orders in French, prices in euros",
  },
] as const;

export function nantesLogin(key: (typeof NANTES_LOGINS)[number]["key"]) {
  const login = NANTES_LOGINS.find((entry) => entry.key === key)!;
  return { ...login, password: DEMO_PASSWORD };
}

const HOUSEHOLD_HOME = { address: "8 rue de Strasbourg, 44000 Nantes", lat: 47.2155, lng: -1.552 };

type Category = Prisma.ProductCreateManyInput["category"];
type Unit = Prisma.ProductCreateManyInput["unit"];
interface ProductRow {
  name: string;
  description: string;
  category: Category;
  unit: Unit;
  gramsPerUnit: number;
  priceMinor: number;
  stock: number;
  chilled?: boolean;
}
interface FarmRow {
  name: string;
  slug: string;
  owner: string;
  village: string;
  lat: number;
  lng: number;
  story: string;
  products: ProductRow[];
}

const FARMS: FarmRow[] = [
  {
    name: "Ferme du Bois Joli",
    slug: "ferme-du-bois-joli",
    owner: "Yann Le Goff",
    village: "Vertou",
    lat: 47.1689,
    lng: -1.4702,
    story: "Maraîchage bio sur cinq hectares au bord de la Sèvre, des légumes de saison et des poules en plein air.",
    products: [
      {
        name: "Pommes de terre",
        description: "Variété Charlotte, lavées.",
        category: "VEGETABLES",
        unit: "KG",
        gramsPerUnit: 1000,
        priceMinor: 220,
        stock: 200,
      },
      {
        name: "Carottes",
        description: "Carottes des sables, en vrac.",
        category: "VEGETABLES",
        unit: "KG",
        gramsPerUnit: 1000,
        priceMinor: 250,
        stock: 120,
      },
      {
        name: "Poireaux",
        description: "Poireaux d’hiver, la botte de trois.",
        category: "VEGETABLES",
        unit: "BUNCH",
        gramsPerUnit: 900,
        priceMinor: 330,
        stock: 60,
      },
      {
        name: "Mâche nantaise",
        description: "Sachet de 150 g, cueillie la veille.",
        category: "VEGETABLES",
        unit: "EACH",
        gramsPerUnit: 150,
        priceMinor: 250,
        stock: 80,
      },
      {
        name: "Courge butternut",
        description: "Environ 1,2 kg pièce.",
        category: "VEGETABLES",
        unit: "EACH",
        gramsPerUnit: 1200,
        priceMinor: 290,
        stock: 50,
      },
      {
        name: "Œufs plein air",
        description: "La douzaine, poules élevées en plein air.",
        category: "EGGS",
        unit: "DOZEN",
        gramsPerUnit: 720,
        priceMinor: 480,
        stock: 40,
      },
    ],
  },
  {
    name: "Chèvrerie de la Sèvre",
    slug: "chevrerie-de-la-sevre",
    owner: "Anne Guérin",
    village: "Clisson",
    lat: 47.0871,
    lng: -1.2818,
    story: "Quarante chèvres alpines, du lait transformé à la ferme chaque matin.",
    products: [
      {
        name: "Crottin de chèvre frais",
        description: "Fromage frais au lait cru, 60 g.",
        category: "DAIRY",
        unit: "EACH",
        gramsPerUnit: 60,
        priceMinor: 290,
        stock: 80,
        chilled: true,
      },
      {
        name: "Tomme de chèvre",
        description: "Affinée trois mois, morceau de 350 g.",
        category: "DAIRY",
        unit: "EACH",
        gramsPerUnit: 350,
        priceMinor: 890,
        stock: 30,
        chilled: true,
      },
      {
        name: "Yaourts au lait de chèvre",
        description: "Lot de quatre pots.",
        category: "DAIRY",
        unit: "EACH",
        gramsPerUnit: 500,
        priceMinor: 450,
        stock: 40,
        chilled: true,
      },
    ],
  },
  {
    name: "Le Fournil de Carquefou",
    slug: "le-fournil-de-carquefou",
    owner: "Hugo Bernard",
    village: "Carquefou",
    lat: 47.2975,
    lng: -1.4914,
    story: "Paysan boulanger : blés anciens cultivés sur place, levain naturel et four à bois.",
    products: [
      {
        name: "Pain de campagne",
        description: "Au levain, 800 g.",
        category: "BAKERY",
        unit: "EACH",
        gramsPerUnit: 800,
        priceMinor: 480,
        stock: 40,
      },
      {
        name: "Baguette tradition",
        description: "Farine de blé de la ferme.",
        category: "BAKERY",
        unit: "EACH",
        gramsPerUnit: 250,
        priceMinor: 130,
        stock: 60,
      },
      {
        name: "Brioche vendéenne",
        description: "Pur beurre, 500 g.",
        category: "BAKERY",
        unit: "EACH",
        gramsPerUnit: 500,
        priceMinor: 750,
        stock: 20,
      },
    ],
  },
  {
    name: "Vergers de Saint-Julien",
    slug: "vergers-de-saint-julien",
    owner: "Sophie Lambert",
    village: "Saint-Julien-de-Concelles",
    lat: 47.2531,
    lng: -1.3853,
    story: "Pommes et poires de variétés anciennes, en conversion bio, pressées au moulin du village.",
    products: [
      {
        name: "Pommes Reinette",
        description: "Reinette grise du Canada.",
        category: "FRUIT",
        unit: "KG",
        gramsPerUnit: 1000,
        priceMinor: 320,
        stock: 150,
      },
      {
        name: "Poires Conférence",
        description: "Juteuses et fondantes.",
        category: "FRUIT",
        unit: "KG",
        gramsPerUnit: 1000,
        priceMinor: 360,
        stock: 90,
      },
      {
        name: "Jus de pomme",
        description: "Pur jus, bouteille d’un litre.",
        category: "DRINKS",
        unit: "L",
        gramsPerUnit: 1050,
        priceMinor: 390,
        stock: 70,
      },
    ],
  },
];

const DAY_NAME = new Intl.DateTimeFormat("fr-FR", {
  timeZone: NANTES_HUB.timeZone,
  weekday: "long",
  day: "numeric",
  month: "long",
});

function cycleRows(hubId: string, deliveryDay: LocalDate) {
  const tz = NANTES_HUB.timeZone;
  const id = newId();
  const cycle: Prisma.DeliveryCycleCreateManyInput = {
    id,
    hubId,
    name: `Livraison du ${DAY_NAME.format(zonedInstant(tz, deliveryDay, 12 * 60))}`,
    opensAt: zonedInstant(tz, addDays(deliveryDay, -NANTES_HUB.cutoffDaysBefore - 7), NANTES_HUB.cutoffMinuteOfDay),
    cutoffAt: zonedInstant(tz, addDays(deliveryDay, -NANTES_HUB.cutoffDaysBefore), NANTES_HUB.cutoffMinuteOfDay),
    deliveryDate: zonedInstant(tz, deliveryDay, 0),
    status: "OPEN",
  };
  const slots: Prisma.DeliverySlotCreateManyInput[] = [
    { id: newId(), cycleId: id, startMinute: 9 * 60, endMinute: 12 * 60 },
    { id: newId(), cycleId: id, startMinute: 14 * 60, endMinute: 18 * 60 },
  ];
  return { cycle, slots };
}

export interface NantesSummary {
  hub: { id: string; name: string; currency: string };
  farms: number;
  products: number;
  cycle: { id: string; name: string; cutoffAt: Date };
}

/**
 * Adds the Nantes hub to a database that already holds the Bristol demo (run after seedDemo, in
 * its own transaction, so Bristol stays the oldest hub). `passwordHash` is the demo password's.
 */
export async function seedNantes(
  prisma: PrismaClient,
  opts: { passwordHash: string; now?: Date },
): Promise<NantesSummary> {
  const now = opts.now ?? new Date();
  const hubId = newId();
  const users: Prisma.UserCreateManyInput[] = [];
  const idOf = new Map<string, string>();
  for (const login of NANTES_LOGINS) {
    const id = newId();
    idOf.set(login.key, id);
    users.push({
      id,
      email: login.email,
      passwordHash: opts.passwordHash,
      name: login.name,
      role: login.role,
      buyerKind: login.buyerKind,
      hubId,
      locale: "fr",
      ...(login.key === "nantesHousehold" ? HOUSEHOLD_HOME : {}),
    });
  }
  const farms: Prisma.FarmCreateManyInput[] = [];
  const products: Prisma.ProductCreateManyInput[] = [];
  FARMS.forEach((farm, index) => {
    const ownerId = newId();
    const [first] = farm.owner.split(" ");
    users.push({
      id: ownerId,
      email: `${first!.toLowerCase()}@${farm.slug}.test`,
      passwordHash: opts.passwordHash,
      name: farm.owner,
      role: "FARMER",
      hubId,
      locale: "fr",
    });
    const farmId = newId();
    farms.push({
      id: farmId,
      ownerId,
      hubId,
      name: farm.name,
      slug: farm.slug,
      story: farm.story,
      contactEmail: `bonjour@${farm.slug}.test`,
      contactPhone: `+33 2 40 00 00 ${String(10 + index).padStart(2, "0")}`,
      address: `${farm.name}, ${farm.village}`,
      lat: farm.lat,
      lng: farm.lng,
      pickupInstructions: "Quai de chargement derrière le hangar, sonnez à la porte.",
      pickupWindowStart: 8 * 60,
      pickupWindowEnd: 13 * 60,
      status: "ACTIVE",
    });
    for (const product of farm.products) {
      products.push({
        id: newId(),
        farmId,
        name: product.name,
        description: product.description,
        category: product.category,
        unit: product.unit,
        gramsPerUnit: product.gramsPerUnit,
        retailPriceMinor: product.priceMinor,
        stockMilli: product.stock * 1000,
        lowStockMilli: 5000,
        chilled: product.chilled ?? false,
      });
    }
  });
  const today = localDateOf(NANTES_HUB.timeZone, now);
  const { cycle, slots } = cycleRows(hubId, addDays(today, 5));

  await prisma.$transaction(async (db) => {
    await db.hub.create({ data: { id: hubId, ...NANTES_HUB } });
    await db.user.createMany({ data: users });
    await db.hub.update({ where: { id: hubId }, data: { coordinatorId: idOf.get("nantesCoordinator")! } });
    await db.farm.createMany({ data: farms });
    await db.product.createMany({ data: products });
    await db.vehicle.create({
      data: {
        hubId,
        name: "Fourgon électrique",
        capacityGrams: 700_000,
        energyType: "van-bev-average",
        refrigerated: true,
        shiftStartMinute: 7 * 60,
        shiftEndMinute: 17 * 60,
        costPerKmMinor: 20,
      },
    });
    await db.deliveryCycle.create({ data: cycle });
    await db.deliverySlot.createMany({ data: slots });
  });
  return {
    hub: { id: hubId, name: NANTES_HUB.name, currency: NANTES_HUB.currency },
    farms: farms.length,
    products: products.length,
    cycle: { id: cycle.id as string, name: cycle.name, cutoffAt: cycle.cutoffAt as Date },
  };
}
