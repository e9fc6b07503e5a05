/**
 * Route optimisation: a capacitated vehicle routing solver with time windows, service times,
 * shifts, route duration limits and a mixed fleet. Pure and synchronous: matrices in, routes out.
 * See docs/decisions/005-route-solver.md and README.md in this folder.
 */
export { solve } from "./solve";
export { evaluateRoutes } from "./evaluate";
export { RoutingInputError } from "./errors";
export { toSerializableProblem } from "./model";
export { matricesFromCoordinates, type Coordinate } from "./coordinates";
export type * from "./types";
