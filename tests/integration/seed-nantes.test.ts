// The second demo hub (prisma/seed-data/nantes.ts) on a real embedded database, seeded after the
// Bristol region as `npm run dev` and the browser journeys do: a euro hub in Paris time whose
// accounts read French, whose farms and buyer lie in its zone, and which does not become the hub
// new accounts join.
import { beforeAll, describe, expect, it } from "vitest";
import { effectiveCycleStatus } from "~/domain/cycles";
import { haversineMetres } from "~/domain/geo";
import { getFirstHubId } from "~/models/user.server";
import { getDatabase, type PrismaClient } from "~/utils/db.server";
import { verifyPassword } from "~/utils/password.server";
import { seedDemoRegions } from "../../prisma/seed";
import { DEMO_PASSWORD } from "../../prisma/seed-data/logins";
import { NANTES_HUB, NANTES_LOGINS } from "../../prisma/seed-data/nantes";

const NOW = new Date("2026-06-10T09:30:00Z");
let prisma: PrismaClient;
let summary: Awaited<ReturnType<typeof seedDemoRegions>>;

beforeAll(async () => {
  prisma = getDatabase().prisma;
  summary = await seedDemoRegions(prisma, { now: NOW });
}, 180_000);

describe("seedDemoRegions", () => {
  it("adds a euro hub in Paris time after Bristol, which stays the hub new accounts join", async () => {
    const hubs = await prisma.hub.findMany({ orderBy: { createdAt: "asc" } });
    expect(hubs.map((hub) => [hub.slug, hub.currency, hub.timeZone, hub.carbonBaselineProfile])).toEqual([
      // Bristol compares with UK statistics; no French baseline could be sourced: the flagged placeholder.
      ["bristol", "GBP", "Europe/London", "uk-dft-defra-nts"],
      ["nantes", "EUR", "Europe/Paris", "europe-assumption"],
    ]);
    expect(await getFirstHubId()).toBe(summary.hub.id);
    expect(summary.nantes.hub.id).toBe(hubs[1]!.id);
  });

  it("gives Nantes active farms inside its zone, products, a van and an open cycle with slots", async () => {
    const hubId = summary.nantes.hub.id;
    const farms = await prisma.farm.findMany({ where: { hubId }, include: { _count: { select: { products: true } } } });
    expect(farms).toHaveLength(summary.nantes.farms);
    for (const farm of farms) {
      expect(farm.status).toBe("ACTIVE");
      expect(farm._count.products, farm.name).toBeGreaterThan(0);
      expect(haversineMetres({ lat: NANTES_HUB.depotLat, lng: NANTES_HUB.depotLng }, farm)).toBeLessThan(60_000);
    }
    expect(await prisma.product.count({ where: { farm: { hubId } } })).toBe(summary.nantes.products);
    expect(await prisma.vehicle.count({ where: { hubId } })).toBe(1);
    const cycles = await prisma.deliveryCycle.findMany({ where: { hubId }, include: { slots: true } });
    expect(cycles).toHaveLength(1);
    expect(effectiveCycleStatus(cycles[0]!, NOW)).toBe("OPEN");
    expect(cycles[0]!.name).toMatch(/^Livraison du \w+ \d+ \w+/u);
    expect(cycles[0]!.slots).toHaveLength(2);
    expect(await prisma.order.count({ where: { hubId } })).toBe(0);
  });

  it("has French accounts that log in with the demo password, the household inside the zone", async () => {
    for (const login of NANTES_LOGINS) {
      const user = await prisma.user.findUniqueOrThrow({ where: { email: login.email } });
      expect(user.locale).toBe("fr");
      expect(user.hubId).toBe(summary.nantes.hub.id);
      expect(await verifyPassword(DEMO_PASSWORD, user.passwordHash)).toBe(true);
    }
    const household = await prisma.user.findUniqueOrThrow({ where: { email: "camille@nantes.foodshed.test" } });
    expect(household.buyerKind).toBe("HOUSEHOLD");
    expect(
      haversineMetres(
        { lat: NANTES_HUB.depotLat, lng: NANTES_HUB.depotLng },
        { lat: household.lat!, lng: household.lng! },
      ),
    ).toBeLessThan(NANTES_HUB.zoneRadiusM);
    const hub = await prisma.hub.findUniqueOrThrow({ where: { id: summary.nantes.hub.id } });
    expect(hub.coordinatorId).toBe(
      (await prisma.user.findUniqueOrThrow({ where: { email: "coordination@nantes.foodshed.test" } })).id,
    );
  });
});
