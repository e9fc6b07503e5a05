// The coordinator's hub: guard and settings.
import { redirect } from "@remix-run/node";
import {
  createHub,
  findHubForUser,
  updateHubSettings,
  type HubSettings,
  type HubSettingsInput,
} from "~/models/hub.server";
import { requireRole } from "~/utils/session.server";

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

const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40) || "hub";

export async function saveHubSettings({
  userId,
  hubId,
  data,
}: {
  userId: string;
  hubId: string | null;
  data: HubSettingsInput;
}) {
  if (hubId) return updateHubSettings({ hubId, data });
  return createHub({ coordinatorId: userId, slug: `${slugify(data.name)}-${Date.now().toString(36)}`, data });
}
