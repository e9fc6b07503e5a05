import type { DistanceConvention } from "./instances";

/** A solution in the CVRPLIB `.sol` format: `Route #k: customers...` then `Cost value`. */
export function formatSol(routes: number[][], cost: number, convention: DistanceConvention): string {
  const lines = routes.filter((r) => r.length > 0).map((r, k) => `Route #${k + 1}: ${r.join(" ")}`);
  const value = convention === "euclid-nint" ? String(Math.round(cost)) : String(Math.round(cost * 100) / 100);
  return `${lines.join("\n")}\nCost ${value}\n`;
}

export function parseSol(text: string): { routes: number[][]; cost: number | null } {
  const routes: number[][] = [];
  let cost: number | null = null;
  for (const line of text.split(/\r?\n/)) {
    const r = /^Route\s*#\d+\s*:\s*(.*)$/i.exec(line.trim());
    if (r) routes.push(r[1]!.trim() === "" ? [] : r[1]!.trim().split(/\s+/).map(Number));
    const c = /^Cost\s+([-+0-9.eE]+)/i.exec(line.trim());
    if (c) cost = Number(c[1]);
  }
  return { routes, cost };
}
