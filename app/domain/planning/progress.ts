// What delivery progress means for orders and plans. An order can be two stops (its chilled and
// its ambient part, maybe on two routes); its status follows all of its parts. A plan whose
// routes have started cannot be replaced without losing what drivers recorded.
import { message, type Message } from "../message";

export type StopProgress = "PENDING" | "DONE" | "PARTIAL" | "FAILED";

export interface OrderPart {
  status: StopProgress;
  cargo: "CHILLED" | "AMBIENT" | null;
  failureReason: string | null;
}

export interface DerivedOrderStatus {
  status: "OUT_FOR_DELIVERY" | "DELIVERED" | "PARTLY_DELIVERED" | "FAILED";
  failureReason: string | null;
}

const partName = (part: OrderPart) =>
  part.cargo === "CHILLED" ? "chilled goods" : part.cargo === "AMBIENT" ? "ambient goods" : "the order";
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * An order's status from its delivery parts: DELIVERED when every part is; still OUT_FOR_DELIVERY
 * while any part is to go (a failed or short part is noted, not final); FAILED once every part
 * failed; PARTLY_DELIVERED once every part is marked and some, not all, goods arrived (a part
 * partly delivered, or one part delivered and the other failed: docs/decisions/032). The reason
 * says which part failed or was short, why, and what was delivered.
 */
export function orderStatusFromParts(parts: readonly OrderPart[]): DerivedOrderStatus {
  if (parts.length === 0) return { status: "OUT_FOR_DELIVERY", failureReason: null };
  const failed = parts.filter((p) => p.status === "FAILED");
  const short = parts.filter((p) => p.status === "PARTIAL");
  const describe = () => {
    const failures = failed.map((p) => `${partName(p)} not delivered${p.failureReason ? ` (${p.failureReason})` : ""}`);
    const partly = short.map((p) => `${partName(p)} partly delivered`);
    const delivered = parts.filter((p) => p.status === "DONE").map((p) => `${partName(p)} delivered`);
    const pending = parts.filter((p) => p.status === "PENDING").map((p) => `${partName(p)} still on the way`);
    return capitalise([...failures, ...partly, ...delivered, ...pending].join("; ")) + ".";
  };
  if (parts.some((p) => p.status === "PENDING")) {
    return { status: "OUT_FOR_DELIVERY", failureReason: failed.length + short.length > 0 ? describe() : null };
  }
  if (failed.length === 0 && short.length === 0) return { status: "DELIVERED", failureReason: null };
  if (failed.length === parts.length) {
    if (parts.length === 1) return { status: "FAILED", failureReason: failed[0]!.failureReason };
    return { status: "FAILED", failureReason: describe() };
  }
  return { status: "PARTLY_DELIVERED", failureReason: describe() };
}

export interface RouteProgress {
  name: string;
  done: number;
  failed: number;
  /** "Start route" was pressed (its orders went out for delivery). */
  started: boolean;
}

/**
 * Why a plan cannot be replaced, in words, or null when no route has started: re-planning would
 * drop the stops drivers already marked.
 */
export function replanRefusal(routes: readonly RouteProgress[]): Message | null {
  const started = routes.filter((r) => r.started || r.done + r.failed > 0);
  if (started.length === 0) return null;
  const marks = started.reduce((sum, r) => sum + r.done + r.failed, 0);
  const names = started.map((r) => r.name).join(", ");
  if (marks === 0) return message("messages:planning.replanStarted", { count: started.length, names });
  return message("messages:planning.replanStartedMarked", {
    count: started.length,
    names,
    marked: message("messages:planning.stopsMarked", { count: marks }),
  });
}

export type RouteRunStatus = "NOT_STARTED" | "IN_PROGRESS" | "FINISHED";

/**
 * Where a route stands for its driver: not started while every stop is to go (or it has none),
 * finished once every stop is done or failed, in progress in between.
 */
export function routeRunStatus(stops: readonly { status: StopProgress }[]): RouteRunStatus {
  const marked = stops.filter((s) => s.status !== "PENDING").length;
  if (marked === 0) return "NOT_STARTED";
  return marked === stops.length ? "FINISHED" : "IN_PROGRESS";
}
