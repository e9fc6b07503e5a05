import { message, renderMessage, type Message } from "../message";

/** Moving a stop by hand: the new stop sequences of the routes involved. */
export interface RouteSequence {
  routeId: string;
  vehicleId: string;
  stopIds: string[];
}

/** A refused move; `problem` is the message to translate, `message` the same in the current language. */
export class MoveError extends Error {
  override name = "MoveError";
  constructor(readonly problem: Message) {
    super(renderMessage(problem));
  }
}

/**
 * Takes `stopId` out of its route and puts it into `toRouteId` before position `position`
 * (1-based, clamped; past the end appends). Returns only the routes that changed.
 */
export function moveStop(
  routes: readonly RouteSequence[],
  stopId: string,
  toRouteId: string,
  position: number,
): RouteSequence[] {
  const from = routes.find((r) => r.stopIds.includes(stopId));
  if (!from) throw new MoveError(message("messages:planning.move.stopNotOnRoute"));
  const to = routes.find((r) => r.routeId === toRouteId);
  if (!to) throw new MoveError(message("messages:planning.move.chooseRoute"));
  const fromStops = from.stopIds.filter((id) => id !== stopId);
  const target = from.routeId === to.routeId ? fromStops : [...to.stopIds];
  const index = Math.min(Math.max(0, Math.floor(position) - 1), target.length);
  target.splice(index, 0, stopId);
  if (from.routeId === to.routeId) return [{ ...from, stopIds: target }];
  return [
    { ...from, stopIds: fromStops },
    { ...to, stopIds: target },
  ];
}
