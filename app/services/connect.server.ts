// Farm payouts through Stripe Connect Express (issue 15, docs/decisions/035): the farmer opens an
// Express account once and goes through Stripe's hosted onboarding (account links); the status
// shown (pending, enabled, restricted) comes from the account as Stripe reports it, on the way back
// from onboarding and by the `account.updated` webhook (dispatched here from payment.server.ts).
import { connectCountry, payoutStatusOf, type ConnectAccountState } from "~/domain/payouts";
import { serverT } from "~/i18n/i18n.server";
import {
  createConnectAccount,
  createOnboardingLink,
  isStripeConfigured,
  retrieveConnectAccount,
  type StripeAccount,
} from "~/integrations/stripe.server";
import { claimFarmStripeAccount, getFarmPayoutForOwner, setFarmPayoutStatus } from "~/models/farm-payout.server";
import { getEnv } from "~/utils/env.server";

export type ConnectFailure = { ok: false; status: 404 | 409 | 503; message: string };

const fail = (status: ConnectFailure["status"], key: string): ConnectFailure => ({
  ok: false,
  status,
  message: serverT("messages")(`connect.${key}`),
});

/** The fields of a Stripe account the status depends on (domain/payouts.ts). */
export function connectAccountState(account: StripeAccount): ConnectAccountState {
  const requirements = account.requirements;
  return {
    payoutsEnabled: account.payouts_enabled === true,
    detailsSubmitted: account.details_submitted === true,
    disabledReason: requirements?.disabled_reason ?? null,
    due: [...(requirements?.currently_due ?? []), ...(requirements?.past_due ?? [])],
    transfers: account.capabilities?.transfers ?? null,
  };
}

/** The farmer's payouts page: their farm's status, and whether card payouts exist at all here. */
export async function getFarmPayouts({ ownerId }: { ownerId: string }) {
  const farm = await getFarmPayoutForOwner({ ownerId });
  if (!farm) return null;
  return {
    farm: {
      id: farm.id,
      name: farm.name,
      connected: farm.stripeAccountId !== null,
      status: farm.payoutStatus,
      statusAt: farm.payoutStatusAt,
    },
    stripe: isStripeConfigured(),
  };
}

const baseUrl = (origin: string) => (getEnv().APP_URL ?? origin).replace(/\/$/, "");

const links = (origin: string) => ({
  refreshUrl: `${baseUrl(origin)}/farm/payouts/refresh`,
  returnUrl: `${baseUrl(origin)}/farm/payouts/return`,
});

/**
 * "Connect with Stripe": the farm's Express account (opened once) and a fresh onboarding link to
 * send the farmer to. A double submit opens one account: the same idempotency key (the farm id)
 * gets the same account back from Stripe, and the id is stored only where none is yet — the loser
 * of the race reads the winner's and links to it.
 */
export async function startOnboarding({
  ownerId,
  farmId,
  origin,
  now = new Date(),
}: {
  ownerId: string;
  /** The farm the form was for: it must be the farmer's own. */
  farmId?: string;
  origin: string;
  now?: Date;
}): Promise<{ ok: true; url: string } | ConnectFailure> {
  const farm = await getFarmPayoutForOwner({ ownerId });
  if (!farm || (farmId !== undefined && farm.id !== farmId)) return fail(404, "farmNotFound");
  if (!isStripeConfigured()) return fail(409, "notConfigured");
  try {
    let accountId = farm.stripeAccountId;
    if (!accountId) {
      const account = await createConnectAccount({
        farmId: farm.id,
        country: connectCountry({ timeZone: farm.hub?.timeZone ?? null, currency: farm.hub?.currency ?? null }),
        email: farm.contactEmail ?? farm.owner.email,
      });
      const stored = await claimFarmStripeAccount({
        farmId: farm.id,
        ownerId,
        accountId: account.id,
        status: payoutStatusOf(connectAccountState(account)),
        at: now,
      });
      accountId = stored ? account.id : ((await getFarmPayoutForOwner({ ownerId }))?.stripeAccountId ?? null);
      if (!accountId) return fail(404, "farmNotFound");
    }
    const link = await createOnboardingLink({ accountId, ...links(origin) });
    return { ok: true, url: link.url };
  } catch (error) {
    console.error("[connect] could not start Stripe onboarding:", error);
    return fail(503, "stripeFailed");
  }
}

/** Stripe's refresh_url (the link expired or was used): a new link for the same account. */
export async function refreshOnboarding({
  ownerId,
  origin,
}: {
  ownerId: string;
  origin: string;
}): Promise<{ ok: true; url: string } | ConnectFailure> {
  const farm = await getFarmPayoutForOwner({ ownerId });
  if (!farm?.stripeAccountId) return fail(404, "notConnected");
  if (!isStripeConfigured()) return fail(409, "notConfigured");
  try {
    const link = await createOnboardingLink({ accountId: farm.stripeAccountId, ...links(origin) });
    return { ok: true, url: link.url };
  } catch (error) {
    console.error("[connect] could not refresh the Stripe onboarding link:", error);
    return fail(503, "stripeFailed");
  }
}

/**
 * Stripe's return_url (the farmer left onboarding, finished or not): ask Stripe for the account and
 * store its status. The webhook may have done it already; this is the same write.
 */
export async function syncFarmPayoutStatus({
  ownerId,
  now = new Date(),
}: {
  ownerId: string;
  now?: Date;
}): Promise<{ ok: true; status: string } | ConnectFailure> {
  const farm = await getFarmPayoutForOwner({ ownerId });
  if (!farm?.stripeAccountId) return fail(404, "notConnected");
  if (!isStripeConfigured()) return fail(409, "notConfigured");
  try {
    const account = await retrieveConnectAccount(farm.stripeAccountId);
    const status = payoutStatusOf(connectAccountState(account));
    await setFarmPayoutStatus({ accountId: farm.stripeAccountId, status, at: now });
    return { ok: true, status };
  } catch (error) {
    console.error("[connect] could not read the Stripe account:", error);
    return fail(503, "stripeFailed");
  }
}

/**
 * Webhook `account.updated`: the farm holding the account takes the status the event carries,
 * unless a newer one is stored. Events carry whole seconds: the event counts as the end of its
 * second, so a status read from Stripe in the same second does not hide it. A replayed event id
 * never gets here (payment.server.ts records ids first); a late, older event changes nothing.
 */
export async function accountUpdated(account: StripeAccount, createdSeconds: number): Promise<string> {
  if (typeof account.id !== "string" || !account.id.startsWith("acct_")) return "not an account";
  const status = payoutStatusOf(connectAccountState(account));
  const at = new Date(createdSeconds * 1000 + 999);
  const updated = await setFarmPayoutStatus({ accountId: account.id, status, at });
  return updated ? `farm payout status ${status}` : "no farm with this account, or a newer status";
}
