// The demo driver's route (docs/decisions/030): when the demo hub has a cycle delivering today (in
// the hub's time zone) with a plan, the driver gets the first delivery route of its current plan,
// so a newcomer logging in as the driver sees a route on /driver. The Bristol demo's cycles are
// placed a week back and days ahead, so on a fresh seed there is none and the driver starts with
// an empty list; the coordinator assigns them a route from the plan page.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { localDateOf } from "./time";

const sameDay = (timeZone: string, a: Date, b: Date) =>
  JSON.stringify(localDateOf(timeZone, a)) === JSON.stringify(localDateOf(timeZone, b));

/** Assigns the driver a delivery route of today's planned or delivered cycle; its id, or null when there is none. */
export async function assignDemoDriver(
  prisma: PrismaClient,
  { hubId, driverId, timeZone, now }: { hubId: string; driverId: string; timeZone: string; now: Date },
): Promise<string | null> {
  const cycles = await prisma.deliveryCycle.findMany({
    where: { hubId, status: { in: ["PLANNED", "DELIVERED"] } },
    orderBy: { deliveryDate: "asc" },
    select: { id: true, deliveryDate: true },
  });
  const today = cycles.find((cycle) => sameDay(timeZone, cycle.deliveryDate, now));
  if (!today) return null;
  const plan = await prisma.routePlan.findFirst({
    where: { cycleId: today.id },
    orderBy: { createdAt: "desc" },
    select: { routes: { where: { kind: "DELIVERY" }, orderBy: { position: "asc" }, take: 1, select: { id: true } } },
  });
  const route = plan?.routes[0];
  if (!route) return null;
  await prisma.route.update({ where: { id: route.id }, data: { driverId } });
  return route.id;
}
