/**
 * Public types of the route optimiser. Everything here is plain data so a problem can be
 * structured-cloned into a worker thread (see `toSerializableProblem`).
 *
 * Units: demand and capacity in grams, distances in metres, times in seconds. All times (shift,
 * windows, reported schedule) are measured from one origin chosen by the caller, e.g. seconds since
 * midnight of the delivery date.
 */

export interface RoutingStop {
  id: string;
  /** Grams picked up or delivered at this stop (>= 0). */
  demandGrams: number;
  /** Seconds spent at the stop once service starts (>= 0). */
  serviceSeconds: number;
  /** Service must start within [start, end]; a vehicle arriving early waits. */
  window?: { start: number; end: number };
  /** Features a vehicle must have to serve this stop, e.g. ["refrigerated"]. */
  requires?: string[];
}

export interface RoutingVehicle {
  id: string;
  capacityGrams: number;
  /** Earliest departure from the depot. */
  shiftStart: number;
  /** Latest return to the depot. `Infinity` means no limit. */
  shiftEnd: number;
  /** Maximum time between leaving and returning to the depot (waiting included). */
  maxRouteSeconds?: number;
  /**
   * Maximum distance of the route in metres, depot to depot (e.g. an electric van's usable range
   * for the shift). A hard limit like capacity. Absent or Infinity: no limit.
   */
  maxRouteMetres?: number;
  /** Cost per km driven. When no vehicle has a cost, the objective is plain distance. */
  costPerKm?: number;
  /** Cost charged once if the vehicle is used. */
  fixedCost?: number;
  features?: string[];
}

export type Matrix = number[][] | ((from: number, to: number) => number);

export interface RoutingProblem {
  /** Matrix index 0 is always the depot; stop i is matrix index i + 1. */
  depotIndex?: 0;
  stops: RoutingStop[];
  vehicles: RoutingVehicle[];
  /** Metres, (stops + 1) x (stops + 1). */
  distance: Matrix;
  /** Seconds, (stops + 1) x (stops + 1). */
  duration: Matrix;
}

/** A problem whose matrices are arrays: safe to send through postMessage / structuredClone. */
export interface SerializableRoutingProblem extends RoutingProblem {
  distance: number[][];
  duration: number[][];
}

export interface RouteInput {
  vehicleId: string;
  stopIds: string[];
}

export interface InitialRoute extends RouteInput {
  /**
   * A locked route is kept exactly as given (its vehicle and stops are taken out of the
   * optimisation and the route is reported as is, with its violations if any). An unlocked route
   * only seeds the search.
   */
  locked?: boolean;
}

export interface ProgressReport {
  iteration: number;
  /** Best feasible cost so far (Infinity while none is known). */
  bestCost: number;
  elapsedMs: number;
  /** 0..1: share of the time or iteration budget used. */
  fraction: number;
}

export interface SolveOptions {
  seed?: number;
  /** Wall-clock budget. Default 10 000 ms when no iterationLimit is given. */
  timeLimitMs?: number;
  /**
   * Number of genetic iterations (offspring produced). With an iteration limit and no time limit
   * the result depends only on the problem and the seed.
   */
  iterationLimit?: number;
  /**
   * Stop ("converged") after this many iterations without improving the best solution. Default
   * 20 000. After a quarter of it the population restarts from new individuals (the best is kept).
   */
  noImprovementLimit?: number;
  signal?: AbortSignal;
  /** Called at most about 10 times a second. */
  onProgress?: (p: ProgressReport) => void;
  /** Routes to start from (e.g. yesterday's plan) or to keep as they are (`locked`). */
  initialRoutes?: InitialRoute[];
}

export type UnassignedCode =
  | "TOO_HEAVY"
  | "NO_COMPATIBLE_VEHICLE"
  | "WINDOW_UNREACHABLE"
  | "NO_CAPACITY_LEFT"
  | "NO_TIME_LEFT"
  /** The trip from the depot to the stop and back is longer than the range of every vehicle that could serve it. */
  | "OUT_OF_RANGE"
  /** No vehicle that may serve it had enough range left for it. */
  | "NO_RANGE_LEFT"
  | "NOT_IN_ANY_ROUTE";

export interface UnassignedStop {
  stopId: string;
  /** Human readable. */
  reason: string;
  code: UnassignedCode;
}

export interface ScheduledStop {
  stopId: string;
  arrival: number;
  /** Service start, after waiting for the window to open. */
  start: number;
  departure: number;
  /**
   * Cumulative demand served up to and including this stop: the load on board of a collection
   * route, or what a delivery route has handed over so far (on board = route loadGrams - this).
   */
  loadAfterGrams: number;
  distanceFromPrevMetres: number;
}

export interface PlannedRoute {
  vehicleId: string;
  stops: ScheduledStop[];
  /** Including the return to the depot. */
  distanceMetres: number;
  /** end - start (waiting included). */
  durationSeconds: number;
  loadGrams: number;
  /** distance km x costPerKm (default 1) + fixedCost. */
  cost: number;
  /** Departure from the depot. */
  start: number;
  /** Return to the depot. */
  end: number;
}

export interface RoutingSolution {
  routes: PlannedRoute[];
  unassigned: UnassignedStop[];
  totalDistanceMetres: number;
  totalCost: number;
  iterations: number;
  elapsedMs: number;
  stoppedBy: "time" | "iterations" | "signal" | "converged";
}

export type ViolationCode =
  | "UNKNOWN_VEHICLE"
  | "UNKNOWN_STOP"
  | "DUPLICATE_VEHICLE"
  | "DUPLICATE_STOP"
  | "OVER_CAPACITY"
  | "LATE"
  | "SHIFT_END"
  | "ROUTE_TOO_LONG"
  | "OVER_RANGE"
  | "MISSING_FEATURE";

export interface Violation {
  code: ViolationCode;
  vehicleId?: string;
  stopId?: string;
  /** Human readable. */
  message: string;
  /** By how much the constraint is broken (grams, seconds or metres), when it applies. */
  amount?: number;
}

export interface EvaluatedSolution {
  routes: PlannedRoute[];
  unassigned: UnassignedStop[];
  totalDistanceMetres: number;
  totalCost: number;
  violations: Violation[];
  feasible: boolean;
}
