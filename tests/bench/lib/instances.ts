/**
 * Readers for the public benchmark formats: CVRPLIB / TSPLIB `.vrp` (EUC_2D, NODE_COORD_SECTION,
 * DEMAND_SECTION, DEPOT_SECTION) and Solomon `.txt` (VRPTW), plus the distance conventions the
 * best-known solutions are computed under (see the data folder's README).
 */
export type DistanceConvention = "euclid-nint" | "euclid-real" | "solomon-real";

export interface BenchInstance {
  name: string;
  /** Node 0 is the depot; customers are 1..n in the file's order (depot removed). */
  x: number[];
  y: number[];
  demand: number[];
  capacity: number;
  /** Solomon only. */
  ready?: number[];
  due?: number[];
  service?: number[];
  /** Vehicle count stated by the file (Solomon), if any. */
  vehicles?: number;
}

export function parseVrp(text: string, fallbackName = "instance"): BenchInstance {
  const lines = text.split(/\r?\n/);
  let name = fallbackName;
  let dimension = 0;
  let capacity = 0;
  let section = "";
  const coords = new Map<number, [number, number]>();
  const demands = new Map<number, number>();
  const depots: number[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line === "" || line === "EOF") continue;
    const header = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line);
    if (header) {
      const [, key, value] = header as unknown as [string, string, string];
      const v = value.trim();
      if (key === "NAME") name = v;
      else if (key === "DIMENSION") dimension = Number(v);
      else if (key === "CAPACITY") capacity = Number(v);
      else if (key === "EDGE_WEIGHT_TYPE" && v !== "EUC_2D")
        throw new Error(`${name}: unsupported EDGE_WEIGHT_TYPE ${v}`);
      continue;
    }
    if (/^[A-Z_]+SECTION$/.test(line)) {
      section = line;
      continue;
    }
    const parts = line.split(/\s+/).map(Number);
    if (parts.some((p) => Number.isNaN(p))) throw new Error(`${name}: cannot read line "${line}" in ${section}`);
    if (section === "NODE_COORD_SECTION") coords.set(parts[0]!, [parts[1]!, parts[2]!]);
    else if (section === "DEMAND_SECTION") demands.set(parts[0]!, parts[1]!);
    else if (section === "DEPOT_SECTION") {
      if (parts[0]! >= 0) depots.push(parts[0]!);
    }
  }
  if (!dimension || coords.size !== dimension)
    throw new Error(`${name}: expected ${dimension} coordinates, read ${coords.size}`);
  if (!capacity) throw new Error(`${name}: no CAPACITY`);
  const depot = depots[0] ?? 1;
  const ids = [...coords.keys()].sort((a, b) => a - b).filter((id) => id !== depot);
  const order = [depot, ...ids];
  const xs = order.map((id) => coords.get(id)![0]);
  const ys = order.map((id) => coords.get(id)![1]);
  const dem = order.map((id) => demands.get(id) ?? 0);
  for (let i = 0; i < order.length; i++) {
    if (!Number.isFinite(xs[i]!) || !Number.isFinite(ys[i]!))
      throw new Error(`${name}: node ${order[i]} has a non-finite coordinate`);
  }
  return { name, x: xs, y: ys, demand: dem, capacity };
}

export function parseSolomon(text: string, fallbackName = "instance"): BenchInstance {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const name = lines.find((l) => l !== "") ?? fallbackName;
  let vehicles: number | undefined;
  let capacity = 0;
  const rows: number[][] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^NUMBER\s+CAPACITY/i.test(line)) {
      const nums = (lines[i + 1] ?? "").split(/\s+/).map(Number);
      vehicles = nums[0];
      capacity = nums[1] ?? 0;
    }
    const parts = line.split(/\s+/).map(Number);
    if (parts.length === 7 && parts.every((p) => Number.isFinite(p))) rows.push(parts);
  }
  if (rows.length === 0 || !capacity) throw new Error(`${name}: not a Solomon instance`);
  rows.sort((a, b) => a[0]! - b[0]!);
  if (rows[0]![0] !== 0) throw new Error(`${name}: the first customer row must be the depot (number 0)`);
  return {
    name,
    x: rows.map((r) => r[1]!),
    y: rows.map((r) => r[2]!),
    demand: rows.map((r) => r[3]!),
    ready: rows.map((r) => r[4]!),
    due: rows.map((r) => r[5]!),
    service: rows.map((r) => r[6]!),
    capacity,
    vehicles,
  };
}

export function distanceMatrix(inst: BenchInstance, convention: DistanceConvention): number[][] {
  const n = inst.x.length;
  const m: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = new Array<number>(n);
    for (let j = 0; j < n; j++) {
      const d = Math.hypot(inst.x[i]! - inst.x[j]!, inst.y[i]! - inst.y[j]!);
      row[j] = convention === "euclid-nint" ? Math.round(d) : d;
    }
    m.push(row);
  }
  return m;
}

export interface BenchRow {
  instance: string;
  type: "cvrp" | "vrptw";
  customers: number;
  capacity: number;
  distance: DistanceConvention;
  /** Maximum number of vehicles, or null for unlimited. */
  maxVehicles: number | null;
  bks: number;
}

export function parseBks(text: string): BenchRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines[0]!.split("\t").map((h) => h.trim());
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`BKS.tsv has no "${name}" column`);
    return i;
  };
  const ci = {
    instance: col("instance"),
    type: col("type"),
    customers: col("customers"),
    capacity: col("capacity"),
    distance: col("distance"),
    fleet: col("fleet"),
    bks: col("bks"),
  };
  return lines.slice(1).map((l) => {
    const f = l.split("\t").map((x) => x.trim());
    const fleet = f[ci.fleet]!;
    const max = /^max-(\d+)$/.exec(fleet);
    const distance = f[ci.distance]! as DistanceConvention;
    if (!["euclid-nint", "euclid-real", "solomon-real"].includes(distance))
      throw new Error(`unknown distance convention ${distance}`);
    return {
      instance: f[ci.instance]!,
      type: f[ci.type] === "vrptw" ? "vrptw" : "cvrp",
      customers: Number(f[ci.customers]),
      capacity: Number(f[ci.capacity]),
      distance,
      maxVehicles: max ? Number(max[1]) : null,
      bks: Number(f[ci.bks]),
    };
  });
}
