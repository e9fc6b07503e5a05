// The coordinator's hub settings (the guard for hub pages is ~/utils/hub-guard.server).
import { createHub, CurrencyLockedError, updateHubSettings, type HubSettingsInput } from "~/models/hub.server";
import { serverT } from "~/i18n/i18n.server";

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
  if (!hubId) {
    await createHub({ coordinatorId: userId, slug: `${slugify(data.name)}-${Date.now().toString(36)}`, data });
    return { ok: true as const };
  }
  try {
    await updateHubSettings({ hubId, data });
    return { ok: true as const };
  } catch (error) {
    if (!(error instanceof CurrencyLockedError)) throw error;
    return {
      ok: false as const,
      field: "currency" as const,
      message: serverT("messages")("hub.currencyLocked", { currency: error.currency }),
    };
  }
}
