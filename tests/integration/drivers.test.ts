// Drivers (issue 16, docs/decisions/030): invitations, route assignment and who may open a route.
// Real database, real loaders and actions, real session cookies.
import { describe, expect, it } from "vitest";
import { loader as homeLoader } from "~/routes/_index";
import { action as basketAction } from "~/routes/basket";
import { loader as checkoutLoader } from "~/routes/checkout";
import { loader as myRoutesLoader } from "~/routes/driver._index";
import { action as driverAction, loader as driverLoader } from "~/routes/driver.routes.$routeId";
import { loader as farmLoader } from "~/routes/farm._index";
import { loader as hubLoader } from "~/routes/hub._index";
import { loader as cyclesLoader } from "~/routes/hub.cycles._index";
import { loader as planLoader } from "~/routes/hub.cycles.$cycleId.plan/route";
import { action as driversAction, loader as driversLoader } from "~/routes/hub.drivers";
import { loader as hubOrdersLoader } from "~/routes/hub.orders";
import { action as manifestAction, loader as manifestLoader } from "~/routes/hub.routes.$routeId.manifest";
import { loader as vehiclesLoader } from "~/routes/hub.vehicles._index";
import { action as inviteAction, loader as inviteLoader } from "~/routes/invite.$token";
import { loader as ordersLoader } from "~/routes/orders._index";
import { logIn } from "~/services/auth.server";
import { prisma } from "~/utils/db.server";
import {
  createTestCycle,
  createTestFarm,
  createTestHub,
  createTestProduct,
  createTestUser,
  createTestVehicle,
  makeRequest,
  TEST_PASSWORD,
} from "../factories";

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
async function responseOf(promise: Promise<unknown>): Promise<Response> {
  try {
    return (await promise) as Response;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

let counter = 0;
const uniqueEmail = (label: string) => `${label}-${Date.now()}-${counter++}@example.test`;

/** A hub with a coordinator, a delivery route on its cycle's current plan and one stop. */
async function hubWithRoute() {
  const coordinator = await createTestUser({ role: "COORDINATOR" });
  const hub = await createTestHub({ coordinatorId: coordinator.id });
  const vehicle = await createTestVehicle(hub.id, { refrigerated: true });
  const farm = await createTestFarm({ hubId: hub.id });
  const milk = await createTestProduct(farm.id, { name: "Milk", unit: "L", gramsPerUnit: 1030, chilled: true });
  const cycle = await createTestCycle(hub.id, { status: "PLANNED", cutoffAt: new Date(Date.now() - 3_600_000) });
  const buyer = await createTestUser({ hubId: hub.id });
  const order = await prisma.order.create({
    data: {
      buyerId: buyer.id,
      hubId: hub.id,
      cycleId: cycle.id,
      fulfilment: "DELIVERY",
      paymentMethod: "ON_DELIVERY",
      address: "1 Test Street",
      lat: 51.46,
      lng: -2.6,
      contactPhone: "+44 117 496 0000",
      notes: "Leave it by the blue door",
      subtotalMinor: 600,
      totalMinor: 600,
      totalGrams: 2060,
      lines: {
        create: [
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
  });
  const route = await createRoute({ cycleId: cycle.id, vehicleId: vehicle.id, orderId: order.id });
  return { coordinator, hub, vehicle, cycle, buyer, order, route, stop: route.stops[0]! };
}

/** A new plan for the cycle (the current one from now on) with one delivery route of one stop. */
async function createRoute({ cycleId, vehicleId, orderId }: { cycleId: string; vehicleId: string; orderId: string }) {
  const start = new Date(Date.now() + 2 * 3_600_000);
  const plan = await prisma.routePlan.create({
    data: {
      cycleId,
      distanceSource: "haversine",
      routes: {
        create: [
          {
            vehicleId,
            kind: "DELIVERY",
            position: 0,
            startAt: start,
            endAt: new Date(start.getTime() + 3_600_000),
            distanceM: 12_000,
            durationS: 3600,
            loadGrams: 2060,
            co2eGrams: 900,
            factorKey: "van-diesel-average",
            stops: {
              create: [
                {
                  sequence: 1,
                  orderId,
                  arrivalAt: new Date(start.getTime() + 1_200_000),
                  departureAt: new Date(start.getTime() + 1_500_000),
                  gramsHandled: 2060,
                  loadGramsAfter: 0,
                  distanceFromDepotM: 6000,
                  co2eGrams: 450,
                },
              ],
            },
          },
        ],
      },
    },
    include: { routes: { include: { stops: true } } },
  });
  return plan.routes[0]!;
}

async function invite(coordinatorId: string, form: { name: string; email: string }) {
  return responseOf(
    driversAction(
      args(await makeRequest("/hub/drivers", { userId: coordinatorId, form: { intent: "invite", ...form } })),
    ),
  );
}

async function latestInvitationToken(email: string): Promise<string> {
  const message = await prisma.emailMessage.findFirstOrThrow({
    where: { to: email, kind: "driver-invitation" },
    orderBy: { createdAt: "desc" },
  });
  const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(message.text)?.[1];
  expect(token).toBeTruthy();
  return token!;
}

const inviteArgs = (token: string, request: Request) => ({ request, params: { token }, context: {} });
const openInvite = (token: string) =>
  responseOf(inviteLoader(inviteArgs(token, new Request(`http://localhost/invite/${token}`))));
const acceptInvite = async (token: string, password = "a-long-driver-password") =>
  responseOf(inviteAction(inviteArgs(token, await makeRequest(`/invite/${token}`, { form: { password } }))));

describe("driver invitations", () => {
  it("invites by email, stores only the token's hash, and the invitee becomes a driver of the hub, logged in", async () => {
    const { coordinator, hub } = await hubWithRoute();
    const email = uniqueEmail("Driver");
    const res = await invite(coordinator.id, { name: "Dana Driver", email });
    expect(res.status).toBe(302);
    const token = await latestInvitationToken(email.toLowerCase());
    const invitation = await prisma.driverInvitation.findFirstOrThrow({ where: { hubId: hub.id } });
    expect(invitation.email).toBe(email.toLowerCase());
    expect(invitation.tokenHash).not.toContain(token);
    const days = (invitation.expiresAt.getTime() - invitation.createdAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(7);

    // The coordinator's page lists it as pending.
    const page = await (
      (await driversLoader(args(await makeRequest("/hub/drivers", { userId: coordinator.id })))) as Response
    ).json();
    expect(page.invitations.map((i: { email: string }) => i.email)).toEqual([email.toLowerCase()]);

    // Opening the link uses nothing.
    const opened = await openInvite(token);
    expect(opened.status).toBe(200);
    expect(await opened.json()).toMatchObject({ state: "valid", name: "Dana Driver", hubName: hub.name });
    // Sign-up's password rules: too short is refused, nothing created.
    const short = await acceptInvite(token, "short");
    expect(short.status).toBe(400);
    expect(await prisma.user.count({ where: { email: email.toLowerCase() } })).toBe(0);

    const accepted = await acceptInvite(token);
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe("/driver");
    const driver = await prisma.user.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect([driver.role, driver.hubId, driver.name]).toEqual(["DRIVER", hub.id, "Dana Driver"]);
    // The cookie it set is a driver's session: /driver opens with it, and home sends the driver there.
    const cookie = accepted.headers.get("Set-Cookie")!.split(";")[0]!;
    const mine = await responseOf(
      myRoutesLoader(args(new Request("http://localhost/driver", { headers: { Cookie: cookie } }))),
    );
    expect(mine.status).toBe(200);
    const home = await responseOf(homeLoader(args(new Request("http://localhost/", { headers: { Cookie: cookie } }))));
    expect([home.status, home.headers.get("Location")]).toEqual([302, "/driver"]);
    // And log-in works with the chosen password.
    expect(
      await logIn({ email: email.toLowerCase(), password: "a-long-driver-password", clientAddress: "203.0.113.7" }),
    ).toMatchObject({ ok: true, userId: driver.id });

    // Used once: a second submit creates nothing and says so.
    const again = await acceptInvite(token, "another-long-password");
    expect(again.status).toBe(410);
    expect(await again.json()).toMatchObject({ state: "used" });
    expect(await prisma.user.count({ where: { email: email.toLowerCase() } })).toBe(1);
    expect((await openInvite(token)).status).toBe(410);
  });

  it("creates one account when the form is sent twice at once", async () => {
    const { coordinator } = await hubWithRoute();
    const email = uniqueEmail("twice");
    await invite(coordinator.id, { name: "Twice", email });
    const token = await latestInvitationToken(email);
    const results = await Promise.all([acceptInvite(token), acceptInvite(token)]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 410]);
    expect(await prisma.user.count({ where: { email } })).toBe(1);
  });

  it("refuses an email that is already an account's, or already invited, with a message", async () => {
    const { coordinator, hub } = await hubWithRoute();
    const buyer = await createTestUser();
    const taken = await invite(coordinator.id, { name: "Someone", email: buyer.email.toUpperCase() });
    expect(taken.status).toBe(409);
    expect(JSON.stringify(await taken.json())).toMatch(/already belongs to a Foodshed account/);
    const email = uniqueEmail("dup");
    expect((await invite(coordinator.id, { name: "First", email })).status).toBe(302);
    const twice = await invite(coordinator.id, { name: "Second", email });
    expect(twice.status).toBe(409);
    expect(JSON.stringify(await twice.json())).toMatch(/already has an open invitation/);
    const bad = await invite(coordinator.id, { name: "", email: "not-an-email" });
    expect(bad.status).toBe(400);
    expect(await prisma.driverInvitation.count({ where: { hubId: hub.id } })).toBe(1);
  });

  it("an expired link says to ask for a new one; a resend replaces the link", async () => {
    const { coordinator } = await hubWithRoute();
    const email = uniqueEmail("late");
    await invite(coordinator.id, { name: "Late", email });
    const token = await latestInvitationToken(email);
    const invitation = await prisma.driverInvitation.findFirstOrThrow({ where: { email } });
    await prisma.driverInvitation.update({
      where: { id: invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const opened = await openInvite(token);
    expect(opened.status).toBe(410);
    expect(await opened.json()).toMatchObject({ state: "expired" });
    expect((await acceptInvite(token)).status).toBe(410);
    expect(await prisma.user.count({ where: { email } })).toBe(0);

    const resent = await responseOf(
      driversAction(
        args(
          await makeRequest("/hub/drivers", {
            userId: coordinator.id,
            form: { intent: "resend", invitationId: invitation.id },
          }),
        ),
      ),
    );
    expect(resent.status).toBe(302);
    const fresh = await latestInvitationToken(email);
    expect(fresh).not.toBe(token);
    expect((await openInvite(token)).status).toBe(404); // the old link is gone
    expect((await acceptInvite(fresh)).status).toBe(302);
    expect(await prisma.user.count({ where: { email, role: "DRIVER" } })).toBe(1);
  });

  it("a revoked link is refused; another hub's coordinator can neither revoke nor resend", async () => {
    const { coordinator } = await hubWithRoute();
    const other = await hubWithRoute();
    const email = uniqueEmail("revoked");
    await invite(coordinator.id, { name: "Revoked", email });
    const token = await latestInvitationToken(email);
    const invitation = await prisma.driverInvitation.findFirstOrThrow({ where: { email } });
    for (const intent of ["revoke", "resend"]) {
      const res = await responseOf(
        driversAction(
          args(
            await makeRequest("/hub/drivers", {
              userId: other.coordinator.id,
              form: { intent, invitationId: invitation.id },
            }),
          ),
        ),
      );
      expect({ intent, status: res.status }).toEqual({ intent, status: 404 });
    }
    expect((await openInvite(token)).status).toBe(200);
    const revoked = await responseOf(
      driversAction(
        args(
          await makeRequest("/hub/drivers", {
            userId: coordinator.id,
            form: { intent: "revoke", invitationId: invitation.id },
          }),
        ),
      ),
    );
    expect(revoked.status).toBe(302);
    const opened = await openInvite(token);
    expect(opened.status).toBe(410);
    expect(await opened.json()).toMatchObject({ state: "revoked" });
    expect((await acceptInvite(token)).status).toBe(410);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  it("deactivating a driver ends their sessions, refuses log-in and unassigns their routes to come", async () => {
    const { coordinator, hub, route } = await hubWithRoute();
    const other = await hubWithRoute();
    const driver = await createTestUser({ role: "DRIVER", hubId: hub.id });
    await prisma.route.update({ where: { id: route.id }, data: { driverId: driver.id } });
    const driverRequest = await makeRequest("/driver", { userId: driver.id });
    expect((await responseOf(myRoutesLoader(args(driverRequest)))).status).toBe(200);

    const stranger = await responseOf(
      driversAction(
        args(
          await makeRequest("/hub/drivers", {
            userId: other.coordinator.id,
            form: { intent: "deactivate", driverId: driver.id },
          }),
        ),
      ),
    );
    expect(stranger.status).toBe(404);
    const res = await responseOf(
      driversAction(
        args(
          await makeRequest("/hub/drivers", {
            userId: coordinator.id,
            form: { intent: "deactivate", driverId: driver.id },
          }),
        ),
      ),
    );
    expect(res.status).toBe(302);
    // The session the driver had is over: the same cookie now goes to log-in.
    const after = await responseOf(myRoutesLoader(args(driverRequest)));
    expect([after.status, after.headers.get("Location")?.startsWith("/login")]).toEqual([302, true]);
    expect(await logIn({ email: driver.email, password: TEST_PASSWORD, clientAddress: "203.0.113.8" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect((await prisma.route.findUniqueOrThrow({ where: { id: route.id } })).driverId).toBeNull();
  });
});

describe("driver reactivation", () => {
  const post = async (userId: string, form: Record<string, string>) =>
    responseOf(driversAction(args(await makeRequest("/hub/drivers", { userId, form }))));

  it("lets the hub's coordinator reactivate a driver, once however often; old sessions stay ended", async () => {
    const { coordinator, hub, route } = await hubWithRoute();
    const other = await hubWithRoute();
    const driver = await createTestUser({ role: "DRIVER", hubId: hub.id });
    const buyer = await createTestUser({ hubId: hub.id });
    await prisma.route.update({ where: { id: route.id }, data: { driverId: driver.id } });
    const oldSession = await makeRequest("/driver", { userId: driver.id });
    expect((await post(coordinator.id, { intent: "deactivate", driverId: driver.id })).status).toBe(302);
    const deactivated = await prisma.user.findUniqueOrThrow({ where: { id: driver.id } });

    // Refused: another hub's coordinator (404, as if unknown), a buyer's id, bad input, a non-coordinator.
    expect((await post(other.coordinator.id, { intent: "reactivate", driverId: driver.id })).status).toBe(404);
    const notDriver = await post(coordinator.id, { intent: "reactivate", driverId: buyer.id });
    expect(notDriver.status).toBe(404);
    expect((await notDriver.json()).error).toBe("That person is not one of your hub’s drivers.");
    expect((await post(coordinator.id, { intent: "reactivate" })).status).toBe(400);
    expect((await post(coordinator.id, { intent: "reactivate", driverId: "x".repeat(65) })).status).toBe(400);
    expect((await post(buyer.id, { intent: "reactivate", driverId: driver.id })).status).toBe(403);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: driver.id } })).deactivatedAt).not.toBeNull();

    const res = await post(coordinator.id, { intent: "reactivate", driverId: driver.id });
    expect(res.status).toBe(302);
    // A double submit changes nothing and still answers as done.
    expect((await post(coordinator.id, { intent: "reactivate", driverId: driver.id })).status).toBe(302);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: driver.id } });
    expect(after.deactivatedAt).toBeNull();
    expect(after.sessionVersion).toBe(deactivated.sessionVersion);
    // They log in again with their password; the session they had before stays ended.
    expect(await logIn({ email: driver.email, password: TEST_PASSWORD, clientAddress: "203.0.113.9" })).toMatchObject({
      ok: true,
    });
    const stale = await responseOf(myRoutesLoader(args(oldSession)));
    expect([stale.status, stale.headers.get("Location")?.startsWith("/login")]).toEqual([302, true]);
    // Their routes are not given back; the list shows them active and offers them for assignment.
    expect((await prisma.route.findUniqueOrThrow({ where: { id: route.id } })).driverId).toBeNull();
    const page = await (
      (await driversLoader(args(await makeRequest("/hub/drivers", { userId: coordinator.id })))) as Response
    ).json();
    expect(page.drivers.find((d: { id: string }) => d.id === driver.id)?.deactivatedAt).toBeNull();
    const fresh = await makeRequest("/driver", { userId: driver.id });
    expect((await responseOf(myRoutesLoader(args(fresh)))).status).toBe(200);
  });
});

describe("route assignment", () => {
  it("assigns only an active driver of the same hub, only on the coordinator's own routes", async () => {
    const { coordinator, hub, route, buyer, cycle, vehicle, order } = await hubWithRoute();
    const other = await hubWithRoute();
    const driver = await createTestUser({ role: "DRIVER", hubId: hub.id });
    const otherDriver = await createTestUser({ role: "DRIVER", hubId: other.hub.id });
    const gone = await createTestUser({ role: "DRIVER", hubId: hub.id });
    await prisma.user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
    const assign = async (userId: string, routeId: string, driverId: string) =>
      responseOf(
        manifestAction(
          args(
            await makeRequest(`/hub/routes/${routeId}/manifest`, {
              userId,
              form: { intent: "assign", driverId },
            }),
            { routeId },
          ),
        ),
      );
    const driverOf = async (routeId: string) =>
      (await prisma.route.findUniqueOrThrow({ where: { id: routeId } })).driverId;

    expect((await assign(coordinator.id, route.id, driver.id)).status).toBe(302);
    expect(await driverOf(route.id)).toBe(driver.id);
    // The manifest shows the select with the hub's active drivers only.
    const manifest = await (
      (await manifestLoader(
        args(await makeRequest(`/hub/routes/${route.id}/manifest`, { userId: coordinator.id }), { routeId: route.id }),
      )) as Response
    ).json();
    expect(manifest.drivers.map((d: { id: string }) => d.id)).toEqual([driver.id]);
    expect(manifest.route.driverId).toBe(driver.id);

    for (const [label, id] of [
      ["another hub's driver", otherDriver.id],
      ["a buyer", buyer.id],
      ["a deactivated driver", gone.id],
      ["an unknown id", "nope"],
    ] as const) {
      const res = await assign(coordinator.id, route.id, id);
      expect({ label, status: res.status }).toEqual({ label, status: 400 });
      expect(await driverOf(route.id)).toBe(driver.id);
    }
    // Another hub's coordinator does not find the route, even naming their own driver.
    expect((await assign(other.coordinator.id, route.id, otherDriver.id)).status).toBe(404);
    expect((await assign(other.coordinator.id, route.id, "")).status).toBe(404);
    expect(await driverOf(route.id)).toBe(driver.id);

    // "" unassigns.
    expect((await assign(coordinator.id, route.id, "")).status).toBe(302);
    expect(await driverOf(route.id)).toBeNull();

    // A re-plan makes new routes: the old one is refused.
    const newer = await createRoute({ cycleId: cycle.id, vehicleId: vehicle.id, orderId: order.id });
    expect((await assign(coordinator.id, route.id, driver.id)).status).toBe(409);
    expect((await assign(coordinator.id, newer.id, driver.id)).status).toBe(302);
  });
});

describe("who may open a route", () => {
  it("the assigned driver and the hub's coordinator; everyone else gets 404 and changes nothing", async () => {
    const { coordinator, hub, route, stop, buyer } = await hubWithRoute();
    const other = await hubWithRoute();
    const driver = await createTestUser({ role: "DRIVER", hubId: hub.id });
    const sameHubDriver = await createTestUser({ role: "DRIVER", hubId: hub.id });
    const otherHubDriver = await createTestUser({ role: "DRIVER", hubId: other.hub.id });
    const farmer = await createTestUser({ role: "FARMER" });
    await prisma.route.update({ where: { id: route.id }, data: { driverId: driver.id } });
    const path = `/driver/routes/${route.id}`;
    const params = { routeId: route.id };

    const snapshot = async () => ({
      stops: await prisma.stop.findMany({ where: { routeId: route.id }, orderBy: { id: "asc" } }),
      orders: await prisma.order.findMany({ where: { hubId: hub.id }, select: { id: true, status: true } }),
    });
    const before = await snapshot();
    const refused = [
      ["another driver of the hub", sameHubDriver.id],
      ["another hub's driver", otherHubDriver.id],
      ["another hub's coordinator", other.coordinator.id],
      ["a buyer", buyer.id],
      ["a farmer", farmer.id],
    ] as const;
    for (const [who, userId] of refused) {
      const attempts: Array<[string, () => Promise<unknown>]> = [
        ["page", async () => driverLoader(args(await makeRequest(path, { userId }), params))],
        [
          "start",
          async () => driverAction(args(await makeRequest(path, { userId, form: { intent: "start" } }), params)),
        ],
        [
          "delivered",
          async () =>
            driverAction(
              args(await makeRequest(path, { userId, form: { intent: "delivered", stopId: stop.id } }), params),
            ),
        ],
        [
          "failed",
          async () =>
            driverAction(
              args(
                await makeRequest(path, { userId, form: { intent: "failed", stopId: stop.id, reason: "Nobody home" } }),
                params,
              ),
            ),
        ],
      ];
      for (const [what, attempt] of attempts) {
        const res = await responseOf(attempt());
        expect({ who, what, status: res.status }).toEqual({ who, what, status: 404 });
      }
    }
    // An anonymous visitor is sent to log in.
    const anonymous = await responseOf(driverLoader(args(await makeRequest(path), params)));
    expect(anonymous.status).toBe(302);
    expect(await snapshot()).toEqual(before);

    // The coordinator still opens it.
    const asCoordinator = await responseOf(
      driverLoader(args(await makeRequest(path, { userId: coordinator.id }), params)),
    );
    expect(asCoordinator.status).toBe(200);

    // The assigned driver sees each stop's place, phone, notes and chilled items, and may mark it.
    const page = await responseOf(driverLoader(args(await makeRequest(path, { userId: driver.id }), params)));
    expect(page.status).toBe(200);
    const body = await page.json();
    expect(body.asDriver).toBe(true);
    const [shown] = body.route.stops;
    expect(shown.place).toEqual({ latitude: 51.46, longitude: -2.6 });
    expect(shown.order.contactPhone).toBe("+44 117 496 0000");
    expect(shown.order.notes).toBe("Leave it by the blue door");
    expect(shown.items).toEqual([{ productName: "Milk", quantityMilli: 2000, unit: "L", chilled: true }]);
    const started = await responseOf(
      driverAction(args(await makeRequest(path, { userId: driver.id, form: { intent: "start" } }), params)),
    );
    expect(started.status).toBe(302);
    const delivered = await responseOf(
      driverAction(
        args(
          await makeRequest(path, {
            userId: driver.id,
            form: { intent: "delivered", stopId: stop.id, proofKind: "RECIPIENT", recipient: "Ann" },
          }),
          params,
        ),
      ),
    );
    expect(delivered.status).toBe(302);
    expect((await prisma.stop.findUniqueOrThrow({ where: { id: stop.id } })).status).toBe("DONE");
    expect((await prisma.order.findFirstOrThrow({ where: { stops: { some: { id: stop.id } } } })).status).toBe(
      "DELIVERED",
    );

    // Unassigned, the same driver no longer finds it.
    await prisma.route.update({ where: { id: route.id }, data: { driverId: null } });
    expect((await responseOf(driverLoader(args(await makeRequest(path, { userId: driver.id }), params)))).status).toBe(
      404,
    );
  });

  it("lists a driver's own routes of today and later, of the current plan only", async () => {
    const { hub, route, cycle, vehicle, order } = await hubWithRoute();
    const driver = await createTestUser({ role: "DRIVER", hubId: hub.id });
    const idle = await createTestUser({ role: "DRIVER", hubId: hub.id });
    await prisma.route.update({ where: { id: route.id }, data: { driverId: driver.id } });
    const list = async (userId: string) =>
      (await ((await myRoutesLoader(args(await makeRequest("/driver", { userId })))) as Response).json()).routes;
    const [mine] = await list(driver.id);
    expect(mine).toMatchObject({ id: route.id, cycleName: cycle.name, stopCount: 1, status: "NOT_STARTED" });
    expect(await list(idle.id)).toEqual([]);
    // A re-plan replaces the routes: the old assignment is not shown any more.
    await createRoute({ cycleId: cycle.id, vehicleId: vehicle.id, orderId: order.id });
    expect(await list(driver.id)).toEqual([]);
  });

  it("refuses a driver every hub, farm, checkout, basket and buyer page", async () => {
    const { hub, route, cycle } = await hubWithRoute();
    const driver = await createTestUser({ role: "DRIVER", hubId: hub.id });
    await prisma.route.update({ where: { id: route.id }, data: { driverId: driver.id } });
    const as = (path: string, form?: Record<string, string>) => makeRequest(path, { userId: driver.id, form });
    const pages: Array<[string, () => Promise<unknown>]> = [
      ["/hub", async () => hubLoader(args(await as("/hub")))],
      ["/hub/cycles", async () => cyclesLoader(args(await as("/hub/cycles")))],
      [
        "/hub/cycles/:id/plan",
        async () => planLoader(args(await as(`/hub/cycles/${cycle.id}/plan`), { cycleId: cycle.id })),
      ],
      ["/hub/orders", async () => hubOrdersLoader(args(await as("/hub/orders")))],
      ["/hub/vehicles", async () => vehiclesLoader(args(await as("/hub/vehicles")))],
      ["/hub/drivers", async () => driversLoader(args(await as("/hub/drivers")))],
      [
        "/hub/drivers (invite)",
        async () =>
          driversAction(args(await as("/hub/drivers", { intent: "invite", name: "X", email: "x@example.test" }))),
      ],
      [
        "manifest of their own route",
        async () => manifestLoader(args(await as(`/hub/routes/${route.id}/manifest`), { routeId: route.id })),
      ],
      [
        "assign themselves",
        async () =>
          manifestAction(
            args(await as(`/hub/routes/${route.id}/manifest`, { intent: "assign", driverId: driver.id }), {
              routeId: route.id,
            }),
          ),
      ],
      ["/farm", async () => farmLoader(args(await as("/farm")))],
      ["/checkout", async () => checkoutLoader(args(await as("/checkout")))],
      ["/orders", async () => ordersLoader(args(await as("/orders")))],
      [
        "/basket (add)",
        async () => basketAction(args(await as("/basket", { intent: "add", productId: "p", quantity: "1" }))),
      ],
    ];
    for (const [label, attempt] of pages) {
      const res = await responseOf(attempt());
      expect({ label, status: res.status }).toEqual({ label, status: 403 });
    }
    expect(await prisma.driverInvitation.count({ where: { hubId: hub.id } })).toBe(0);
  });
});
