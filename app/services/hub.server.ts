// The coordinator's hub settings (the guard for hub pages is ~/utils/hub-guard.server).
import { createHub, updateHubSettings, type HubSettingsInput } from "~/models/hub.server";

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
