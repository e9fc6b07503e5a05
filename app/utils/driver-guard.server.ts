// Guards for drivers (docs/decisions/030): a driver reaches their own routes and nothing else of
// the hub; a route page answers 404 to anyone who may not see that route, never 403.
import { findDriverHub } from "~/models/driver.server";
import { serverT } from "~/i18n/i18n.server";
import { requireHub } from "./hub-guard.server";
import { requireExactRole, requireUser } from "./session.server";

const notFound = () => new Response(serverT("hub")("driver.routeNotFound"), { status: 404 });

/** A signed-in driver and their hub (a driver without a hub has nothing to see: 404). */
export async function requireDriver(request: Request) {
  const user = await requireExactRole(request, "DRIVER");
  const hub = user.hubId ? await findDriverHub({ hubId: user.hubId }) : null;
  if (!hub) throw notFound();
  return { user, hub };
}

/**
 * Who is opening a route page: the hub's coordinator (or an admin) sees every route of the hub; a
 * driver only the routes assigned to them (the lookup is scoped by `driverId`); anyone else —
 * buyer, farmer — gets 404, as for a route that does not exist.
 */
export async function requireRouteAccess(
  request: Request,
): Promise<{ hubId: string; driverId: string | null; userId: string }> {
  const user = await requireUser(request);
  if (user.role === "DRIVER") {
    if (!user.hubId) throw notFound();
    return { hubId: user.hubId, driverId: user.id, userId: user.id };
  }
  if (user.role === "COORDINATOR" || user.role === "ADMIN") {
    const { hub } = await requireHub(request);
    return { hubId: hub.id, driverId: null, userId: user.id };
  }
  throw notFound();
}
