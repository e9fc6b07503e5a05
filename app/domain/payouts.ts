// Farm payouts through Stripe Connect Express (docs/decisions/035): what an account's state means
// for the farm, and which country a farm's account is opened in. Pure: the service hands in the
// fields it read from Stripe, never the SDK's objects.

export const PAYOUT_STATUSES = ["NOT_CONNECTED", "PENDING", "ENABLED", "RESTRICTED"] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** The parts of a Stripe account the status depends on. */
export interface ConnectAccountState {
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  /** requirements.disabled_reason: why Stripe holds the account back (null when it does not). */
  disabledReason: string | null;
  /** requirements.currently_due and past_due, together. */
  due: string[];
  /** capabilities.transfers ("active", "inactive", "pending"), when Stripe sent it. */
  transfers: string | null;
}

/**
 * How the farm's page names the account's state:
 * - ENABLED: payouts are on and transfers can land (nothing holds the account back);
 * - PENDING: onboarding is not finished (details not submitted), or Stripe is verifying what was sent;
 * - RESTRICTED: onboarding was submitted but Stripe needs more (currently due / past due) or
 *   rejected the account: the farmer has to go back to Stripe.
 */
export function payoutStatusOf(account: ConnectAccountState): Exclude<PayoutStatus, "NOT_CONNECTED"> {
  const reason = account.disabledReason;
  const transfersOn = account.transfers === null || account.transfers === "active";
  if (account.payoutsEnabled && transfersOn && !reason) return "ENABLED";
  if (!account.detailsSubmitted) return "PENDING";
  if (reason?.startsWith("rejected.")) return "RESTRICTED";
  if (reason === "requirements.pending_verification" || reason === "under_review") return "PENDING";
  if (reason || account.due.length > 0) return "RESTRICTED";
  return "PENDING";
}

/** Countries by the hub's time zone (the zones hub settings offer), for a new Express account. */
const COUNTRY_BY_TIME_ZONE: Record<string, string> = {
  "Europe/London": "GB",
  "Europe/Dublin": "IE",
  "Europe/Paris": "FR",
  "Europe/Berlin": "DE",
  "Europe/Madrid": "ES",
  "America/New_York": "US",
  "America/Chicago": "US",
  "America/Los_Angeles": "US",
  "Australia/Sydney": "AU",
  "Pacific/Auckland": "NZ",
};

const COUNTRY_BY_CURRENCY: Record<string, string> = {
  GBP: "GB",
  EUR: "FR",
  USD: "US",
  CHF: "CH",
  CAD: "CA",
  AUD: "AU",
  NZD: "NZ",
  SEK: "SE",
  NOK: "NO",
  DKK: "DK",
  PLN: "PL",
  CZK: "CZ",
};

/** The ISO country of a farm's new Express account: the hub's time zone's, else its currency's, else GB. */
export function connectCountry({ timeZone, currency }: { timeZone: string | null; currency: string | null }): string {
  return (
    (timeZone && COUNTRY_BY_TIME_ZONE[timeZone]) || (currency && COUNTRY_BY_CURRENCY[currency.toUpperCase()]) || "GB"
  );
}
