// The coordinator's hub settings (the guard for hub pages is ~/utils/hub-guard.server).
import { listHubFarmsMoney, setFarmCommission } from "~/models/farm-payout.server";
import {
  createHub,
  CurrencyLockedError,
  getHubMoneySettings,
  getHubPayeeForBuyerOrder,
  updateHubMoneySettings,
  updateHubSettings,
  type HubMoneySettings,
  type HubSettingsInput,
} from "~/models/hub.server";
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

// ----- Money settings (docs/decisions/035) -----

/** The settings page's money part: payee, bank details, rates, and the hub's farms with their override and payout status. */
export async function getHubMoney({ hubId }: { hubId: string }) {
  const [money, farms] = await Promise.all([getHubMoneySettings({ hubId }), listHubFarmsMoney({ hubId })]);
  return { money, farms };
}

export async function saveHubMoneySettings({ hubId, data }: { hubId: string; data: HubMoneySettings }) {
  await updateHubMoneySettings({ hubId, data });
  return { ok: true as const };
}

/** A farm's commission override (null: the hub's rate); another hub's farm or an unknown id is "not found". */
export async function saveFarmCommission({
  hubId,
  farmId,
  basisPoints,
}: {
  hubId: string;
  farmId: string;
  basisPoints: number | null;
}) {
  const updated = await setFarmCommission({ hubId, farmId, basisPoints });
  if (updated === 0)
    return { ok: false as const, status: 404 as const, message: serverT("messages")("hub.farmNotFound") };
  return { ok: true as const };
}

/**
 * "How to pay" on the buyer's invoice: the hub's payee and bank details, or null when the hub has
 * set none (the invoice then shows nothing new).
 */
export async function getInvoicePayee({ orderId, buyerId }: { orderId: string; buyerId: string }) {
  const payee = await getHubPayeeForBuyerOrder({ orderId, buyerId });
  if (!payee) return null;
  const hasAny = Object.values(payee).some((value) => value !== null && value !== "");
  return hasAny ? payee : null;
}
