// A farm's money side (docs/decisions/035): its Stripe Connect account and payout status, and the
// commission override its hub sets. Looked up by owner (the farmer's pages), by hub (the
// coordinator's settings) or by Stripe account id (webhooks).
import type { PayoutStatus } from "~generated/prisma/enums.ts";
import { prisma } from "~/utils/db.server";

const PAYOUT_SELECT = {
  id: true,
  name: true,
  contactEmail: true,
  stripeAccountId: true,
  payoutStatus: true,
  payoutStatusAt: true,
  owner: { select: { email: true } },
  hub: { select: { timeZone: true, currency: true } },
} as const;

/** The farmer's farm (the first one, as the other farmer pages) with its payout account. */
export function getFarmPayoutForOwner({ ownerId }: { ownerId: string }) {
  return prisma.farm.findFirst({ where: { ownerId }, orderBy: { createdAt: "asc" }, select: PAYOUT_SELECT });
}

/**
 * Stores the farm's Stripe account once: the write happens only where no account is stored yet, so
 * two submits racing each other cannot both write (the second changes nothing). True when this
 * call stored it.
 */
export async function claimFarmStripeAccount({
  farmId,
  ownerId,
  accountId,
  status,
  at,
}: {
  farmId: string;
  ownerId: string;
  accountId: string;
  status: PayoutStatus;
  at: Date;
}): Promise<boolean> {
  const { count } = await prisma.farm.updateMany({
    where: { id: farmId, ownerId, stripeAccountId: null },
    data: { stripeAccountId: accountId, payoutStatus: status, payoutStatusAt: at },
  });
  return count === 1;
}

/**
 * Records the status of the farm holding `accountId` as it was at `at`, unless a newer status is
 * already stored (webhooks can arrive late and out of order). The number of farms updated (0 or 1).
 */
export async function setFarmPayoutStatus({
  accountId,
  status,
  at,
}: {
  accountId: string;
  status: PayoutStatus;
  at: Date;
}): Promise<number> {
  const { count } = await prisma.farm.updateMany({
    where: { stripeAccountId: accountId, OR: [{ payoutStatusAt: null }, { payoutStatusAt: { lte: at } }] },
    data: { payoutStatus: status, payoutStatusAt: at },
  });
  return count;
}

/** The hub's farms for its "Farms and commission" table: the override and the payout status (read only). */
export function listHubFarmsMoney({ hubId }: { hubId: string }) {
  return prisma.farm.findMany({
    where: { hubId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, status: true, commissionBasisPoints: true, payoutStatus: true },
  });
}

/** Sets (or clears, with null) a farm's commission override: only a farm of this hub. 0 or 1 farms. */
export async function setFarmCommission({
  hubId,
  farmId,
  basisPoints,
}: {
  hubId: string;
  farmId: string;
  basisPoints: number | null;
}): Promise<number> {
  const { count } = await prisma.farm.updateMany({
    where: { id: farmId, hubId },
    data: { commissionBasisPoints: basisPoints },
  });
  return count;
}
