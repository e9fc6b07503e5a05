// Guards for the coordinator's pages: who is asking, and which hub they act for.
import { redirect } from "@remix-run/node";
import { findHubForUser, type HubSettings } from "~/models/hub.server";
import { requireRole } from "./session.server";

/** Signed-in coordinator (or admin) and their hub; without a hub yet, off to the settings page. */
export async function requireHub(
  request: Request,
): Promise<{ user: Awaited<ReturnType<typeof requireRole>>; hub: HubSettings }> {
  const user = await requireRole(request, "COORDINATOR");
  const hubId = new URL(request.url).searchParams.get("hub");
  const hub = await findHubForUser({ userId: user.id, role: user.role, hubId });
  if (!hub) throw redirect("/hub/settings");
  return { user, hub };
}

export async function getOptionalHub(request: Request) {
  const user = await requireRole(request, "COORDINATOR");
  const hub = await findHubForUser({ userId: user.id, role: user.role });
  return { user, hub };
}
