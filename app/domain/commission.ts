// The hub's commission on farm sales (issue 15, docs/decisions/035). Pure: rates are integer basis
// points (1 bp = 0.01 %, 1250 = 12.5 %), amounts integer minor units.

/** The highest commission or hub fee a hub may set: 50 %. */
export const MAX_COMMISSION_BASIS_POINTS = 5000;

/** The rate that applies to a farm's sales: the farm's override when the hub set one, else the hub's. */
export function commissionBasisPoints(
  hub: { commissionBasisPoints: number },
  farm: { commissionBasisPoints: number | null },
): number {
  return farm.commissionBasisPoints ?? hub.commissionBasisPoints;
}

/**
 * Splits one farm sale into the hub's commission and the farm's net.
 *
 * Rounding rule: the commission is `gross × basisPoints / 10 000` rounded half up to the minor
 * unit (0.5 p goes to the hub, as a till would round it), computed in integers so no float error
 * creeps in; the net is `gross − commission`, so the two always add up to the gross exactly.
 * A negative gross (a refund or credit on the sale) splits symmetrically: the commission of −x is
 * minus the commission of x, so a sale refunded in full leaves both sides at zero.
 */
export function splitFarmSale({ grossMinor, basisPoints }: { grossMinor: number; basisPoints: number }): {
  commissionMinor: number;
  netMinor: number;
} {
  if (!Number.isSafeInteger(grossMinor)) throw new RangeError(`grossMinor must be an integer, got ${grossMinor}`);
  if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > 10_000)
    throw new RangeError(`basisPoints must be an integer from 0 to 10000, got ${basisPoints}`);
  const sign = grossMinor < 0 ? -1 : 1;
  const gross = BigInt(Math.abs(grossMinor));
  // floor((gross × bp + 5000) / 10000) = round half up of gross × bp / 10000.
  const commission = Number((gross * BigInt(basisPoints) + 5000n) / 10000n);
  const commissionMinor = sign * commission;
  return { commissionMinor: commissionMinor === 0 ? 0 : commissionMinor, netMinor: grossMinor - commissionMinor };
}

/**
 * A percentage typed in a form ("12.5", "12,5", "12.5 %", "0") as basis points (1250), or null
 * when it is not a number from 0 to `max` with at most two decimals.
 */
export function parsePercentToBasisPoints(text: string, max = MAX_COMMISSION_BASIS_POINTS): number | null {
  const bare = text.trim().replace(/\s*%$/, "").replace(",", ".");
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(bare);
  if (!match) return null;
  const value = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return value <= max ? value : null;
}

/** Basis points as a form shows them: 1250 → "12.5", 1200 → "12", 5 → "0.05". */
export function basisPointsToInput(basisPoints: number): string {
  const whole = Math.floor(basisPoints / 100);
  const fraction = String(basisPoints % 100)
    .padStart(2, "0")
    .replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
}
