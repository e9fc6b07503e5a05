/**
 * Splits an integer `total` in proportion to non-negative integer `weights` so the parts are
 * integers that add up to `total` exactly (largest remainder / Hamilton). Each part first gets
 * floor(total × w / Σw); the units left over go one each to the largest remainders, ties to the
 * lower index, so the result is deterministic and independent of platform floating point.
 * BigInt keeps total × w exact: grams × metres × grams overflows 2^53 on real routes.
 *
 * Returns null when every weight is zero: the caller decides what a fair fallback is.
 */
export function apportion(total: number, weights: readonly bigint[]): number[] | null {
  const n = weights.length;
  let sum = 0n;
  for (const w of weights) sum += w;
  if (sum === 0n) return null;
  const bigTotal = BigInt(total);
  const parts = new Array<number>(n);
  const remainders = new Array<bigint>(n);
  let assigned = 0;
  for (let i = 0; i < n; i++) {
    const scaled = bigTotal * (weights[i] as bigint);
    const floor = scaled / sum;
    parts[i] = Number(floor);
    remainders[i] = scaled - floor * sum;
    assigned += Number(floor);
  }
  let left = total - assigned;
  if (left > 0) {
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => {
      const ra = remainders[a] as bigint;
      const rb = remainders[b] as bigint;
      return ra === rb ? a - b : ra > rb ? -1 : 1;
    });
    for (const i of order) {
      if (left === 0) break;
      parts[i] = (parts[i] as number) + 1;
      left--;
    }
  }
  return parts;
}

/** Equal split with the same remainder rule (first indices get the extra unit). */
export function apportionEqually(total: number, n: number): number[] {
  if (n === 0) return [];
  const base = Math.floor(total / n);
  const extra = total - base * n;
  return Array.from({ length: n }, (_, i) => base + (i < extra ? 1 : 0));
}
