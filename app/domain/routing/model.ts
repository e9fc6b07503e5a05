import { RoutingInputError } from "./errors";
import type { Matrix, RoutingProblem, RoutingStop, RoutingVehicle, SerializableRoutingProblem } from "./types";

/** Stand-in for "no limit" in time arithmetic (keeps Infinity - Infinity = NaN out of the maths). */
export const TIME_BIG = 1e15;

/** A validated problem with flat matrices in the caller's indexing (0 = depot, stop i = i + 1). */
export interface Model {
  stops: RoutingStop[];
  vehicles: RoutingVehicle[];
  /** stops.length + 1 */
  size: number;
  dist: Float64Array;
  time: Float64Array;
  stopIndexById: Map<string, number>;
  vehicleIndexById: Map<string, number>;
  /** True when some vehicle has a costPerKm or fixedCost. */
  costMode: boolean;
}

function describeStop(stops: RoutingStop[], i: number): string {
  const s = stops[i];
  return s && typeof s.id === "string" ? `stop "${s.id}" (index ${i})` : `stop at index ${i}`;
}

function nodeName(stops: RoutingStop[], m: number): string {
  return m === 0 ? "the depot (index 0)" : `${describeStop(stops, m - 1)} (matrix index ${m})`;
}

function flatten(name: string, matrix: Matrix, size: number, stops: RoutingStop[]): Float64Array {
  const out = new Float64Array(size * size);
  if (typeof matrix === "function") {
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const v = i === j ? 0 : matrix(i, j);
        check(v, i, j);
        out[i * size + j] = v;
      }
    }
    return out;
  }
  if (!Array.isArray(matrix)) {
    throw new RoutingInputError(`${name} matrix must be an array of rows or a function`);
  }
  if (matrix.length !== size) {
    throw new RoutingInputError(
      `${name} matrix has ${matrix.length} rows but must be ${size} x ${size} (the depot plus ${stops.length} stops)`,
    );
  }
  for (let i = 0; i < size; i++) {
    const row = matrix[i];
    if (!Array.isArray(row) || row.length !== size) {
      throw new RoutingInputError(
        `${name} matrix row ${i} has ${Array.isArray(row) ? row.length : "no"} entries but must have ${size} (the depot plus ${stops.length} stops)`,
      );
    }
    for (let j = 0; j < size; j++) {
      const v = i === j ? 0 : row[j]!;
      check(v, i, j);
      out[i * size + j] = v;
    }
  }
  return out;

  function check(v: unknown, i: number, j: number): asserts v is number {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RoutingInputError(
        `${name} from ${nodeName(stops, i)} to ${nodeName(stops, j)} is ${String(v)}; it must be a finite number`,
      );
    }
    if (v < 0) {
      throw new RoutingInputError(`${name} from ${nodeName(stops, i)} to ${nodeName(stops, j)} is negative (${v})`);
    }
  }
}

function finite(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

export function validateProblem(problem: RoutingProblem): Model {
  if (!problem || typeof problem !== "object") throw new RoutingInputError("problem must be an object");
  const { stops, vehicles } = problem;
  if (!Array.isArray(stops)) throw new RoutingInputError("problem.stops must be an array");
  if (!Array.isArray(vehicles)) throw new RoutingInputError("problem.vehicles must be an array");
  if (problem.depotIndex !== undefined && problem.depotIndex !== 0) {
    throw new RoutingInputError("depotIndex must be 0: matrix index 0 is the depot, stop i is index i + 1");
  }
  const stopIndexById = new Map<string, number>();
  stops.forEach((s, i) => {
    if (!s || typeof s !== "object") throw new RoutingInputError(`stop at index ${i} is not an object`);
    if (typeof s.id !== "string" || s.id === "") throw new RoutingInputError(`stop at index ${i} has no id`);
    if (stopIndexById.has(s.id))
      throw new RoutingInputError(`stop id "${s.id}" is used twice (indexes ${stopIndexById.get(s.id)} and ${i})`);
    stopIndexById.set(s.id, i);
    const who = describeStop(stops, i);
    if (!finite(s.demandGrams))
      throw new RoutingInputError(`${who} has demandGrams ${String(s.demandGrams)}; it must be a finite number`);
    if (s.demandGrams < 0) throw new RoutingInputError(`${who} has a negative demand (${s.demandGrams} g)`);
    if (!finite(s.serviceSeconds))
      throw new RoutingInputError(`${who} has serviceSeconds ${String(s.serviceSeconds)}; it must be a finite number`);
    if (s.serviceSeconds < 0) throw new RoutingInputError(`${who} has a negative service time (${s.serviceSeconds} s)`);
    if (s.window !== undefined) {
      const w = s.window;
      if (!w || !finite(w.start) || !finite(w.end))
        throw new RoutingInputError(`${who} has a time window with a missing or non-finite start or end`);
      if (w.start > w.end)
        throw new RoutingInputError(`${who} has a time window that ends (${w.end}) before it starts (${w.start})`);
    }
    if (s.requires !== undefined && (!Array.isArray(s.requires) || s.requires.some((f) => typeof f !== "string"))) {
      throw new RoutingInputError(`${who} has "requires" that is not a list of strings`);
    }
  });
  const vehicleIndexById = new Map<string, number>();
  let costMode = false;
  vehicles.forEach((v, i) => {
    if (!v || typeof v !== "object") throw new RoutingInputError(`vehicle at index ${i} is not an object`);
    if (typeof v.id !== "string" || v.id === "") throw new RoutingInputError(`vehicle at index ${i} has no id`);
    if (vehicleIndexById.has(v.id)) throw new RoutingInputError(`vehicle id "${v.id}" is used twice`);
    vehicleIndexById.set(v.id, i);
    const who = `vehicle "${v.id}"`;
    if (!finite(v.capacityGrams))
      throw new RoutingInputError(`${who} has capacityGrams ${String(v.capacityGrams)}; it must be a finite number`);
    if (v.capacityGrams <= 0)
      throw new RoutingInputError(`${who} has zero or negative capacity (${v.capacityGrams} g)`);
    if (!finite(v.shiftStart))
      throw new RoutingInputError(`${who} has shiftStart ${String(v.shiftStart)}; it must be a finite number`);
    if (typeof v.shiftEnd !== "number" || Number.isNaN(v.shiftEnd) || v.shiftEnd === -Infinity) {
      throw new RoutingInputError(
        `${who} has shiftEnd ${String(v.shiftEnd)}; it must be a number (Infinity for no limit)`,
      );
    }
    if (v.shiftEnd < v.shiftStart)
      throw new RoutingInputError(`${who} has a shift that ends (${v.shiftEnd}) before it starts (${v.shiftStart})`);
    if (
      v.maxRouteSeconds !== undefined &&
      (typeof v.maxRouteSeconds !== "number" || Number.isNaN(v.maxRouteSeconds) || v.maxRouteSeconds <= 0)
    ) {
      throw new RoutingInputError(`${who} has maxRouteSeconds ${String(v.maxRouteSeconds)}; it must be positive`);
    }
    if (
      v.maxRouteMetres !== undefined &&
      (typeof v.maxRouteMetres !== "number" || Number.isNaN(v.maxRouteMetres) || v.maxRouteMetres <= 0)
    ) {
      throw new RoutingInputError(
        `${who} has maxRouteMetres ${String(v.maxRouteMetres)}; it must be positive (Infinity for no limit)`,
      );
    }
    if (v.costPerKm !== undefined) {
      if (!finite(v.costPerKm) || v.costPerKm < 0)
        throw new RoutingInputError(`${who} has costPerKm ${String(v.costPerKm)}; it must be a finite number >= 0`);
      costMode = true;
    }
    if (v.fixedCost !== undefined) {
      if (!finite(v.fixedCost) || v.fixedCost < 0)
        throw new RoutingInputError(`${who} has fixedCost ${String(v.fixedCost)}; it must be a finite number >= 0`);
      costMode = true;
    }
    if (v.features !== undefined && (!Array.isArray(v.features) || v.features.some((f) => typeof f !== "string"))) {
      throw new RoutingInputError(`${who} has "features" that is not a list of strings`);
    }
  });
  const size = stops.length + 1;
  const dist = flatten("distance", problem.distance, size, stops);
  const time = flatten("duration", problem.duration, size, stops);
  return { stops, vehicles, size, dist, time, stopIndexById, vehicleIndexById, costMode };
}

/** Matrices as arrays, so the problem can be posted to a worker thread (functions cannot). */
export function toSerializableProblem(problem: RoutingProblem): SerializableRoutingProblem {
  const size = problem.stops.length + 1;
  const toRows = (m: Matrix): number[][] => {
    if (typeof m !== "function") return m.map((row) => row.slice());
    const rows: number[][] = [];
    for (let i = 0; i < size; i++) {
      const row: number[] = new Array<number>(size);
      for (let j = 0; j < size; j++) row[j] = i === j ? 0 : m(i, j);
      rows.push(row);
    }
    return rows;
  };
  return {
    depotIndex: 0,
    stops: problem.stops.map((s) => ({
      ...s,
      window: s.window ? { ...s.window } : undefined,
      requires: s.requires ? [...s.requires] : undefined,
    })),
    vehicles: problem.vehicles.map((v) => ({ ...v, features: v.features ? [...v.features] : undefined })),
    distance: toRows(problem.distance),
    duration: toRows(problem.duration),
  };
}

/** Whether vehicle `v` carries every feature stop `s` requires. */
export function compatible(v: RoutingVehicle, s: RoutingStop): boolean {
  if (!s.requires || s.requires.length === 0) return true;
  const f = v.features ?? [];
  return s.requires.every((r) => f.includes(r));
}

/**
 * Internally the objective is measured in "metre equivalents": the reported cost x 1000
 * (cost = km x costPerKm + fixedCost, costPerKm defaulting to 1). Without any cost given, it is
 * the distance in metres.
 */
export function costFactor(model: Model, v: RoutingVehicle): number {
  return model.costMode ? (v.costPerKm ?? 1) : 1;
}

export function internalFixedCost(model: Model, v: RoutingVehicle): number {
  return model.costMode ? 1000 * (v.fixedCost ?? 0) : 0;
}

export function formatKm(metres: number): string {
  if (metres < 1000) return `${Math.round(metres)} m`;
  const km = metres / 1000;
  return `${Number.isInteger(km) ? km : km.toFixed(1)} km`;
}

export function formatKg(grams: number): string {
  const kg = grams / 1000;
  return `${Number.isInteger(kg) ? kg : kg.toFixed(1)} kg`;
}
