import { describe, expect, it } from "vitest";
import {
  arrivalWindow,
  deliveryChannels,
  eveningNoticeDue,
  expectedArrival,
  noticeForOrderStatus,
  ordersNearby,
  parseTimeOfDay,
  pendingStopsBefore,
  roundToQuarterHour,
  routeDelayMs,
  type RouteStopState,
} from "./delivery-notices";

const at = (iso: string) => new Date(iso);
const hhmm = (d: Date) => d.toISOString().slice(11, 16);

describe("the evening-before arrival window", () => {
  it.each([
    // planned arrival (UTC) → window
    ["2026-12-07T10:58:00Z", "10:30", "11:30"],
    ["2026-12-07T11:07:29Z", "10:30", "11:30"],
    ["2026-12-07T11:07:30Z", "10:45", "11:45"], // a tie goes up
    ["2026-12-07T11:00:00Z", "10:30", "11:30"],
    ["2026-12-07T09:52:00Z", "09:15", "10:15"],
    ["2026-12-07T23:50:00Z", "23:15", "00:15"],
  ])("arrival %s → %s–%s (rounded to the quarter hour, ±30 min)", (arrival, from, to) => {
    const window = arrivalWindow([at(arrival)])!;
    expect([hhmm(window.from), hhmm(window.to)]).toEqual([from, to]);
  });

  it("spans both parts of an order that travels in two vans", () => {
    const window = arrivalWindow([at("2026-12-07T11:40:00Z"), at("2026-12-07T10:20:00Z")])!;
    expect([hhmm(window.from), hhmm(window.to)]).toEqual(["09:45", "12:15"]);
  });

  it("never starts before the van leaves the depot", () => {
    const window = arrivalWindow([at("2026-12-07T08:10:00Z")], at("2026-12-07T08:00:00Z"))!;
    expect([hhmm(window.from), hhmm(window.to)]).toEqual(["08:00", "08:45"]);
    const later = arrivalWindow([at("2026-12-07T08:10:00Z")], at("2026-12-07T07:52:00Z"))!;
    expect(hhmm(later.from)).toBe("07:45");
  });

  it("has no window without a planned stop", () => {
    expect(arrivalWindow([])).toBeNull();
  });

  it("rounds half-hour time zones correctly (India is UTC+5:30)", () => {
    expect(roundToQuarterHour(at("2026-12-07T05:23:00Z")).toISOString()).toBe("2026-12-07T05:30:00.000Z");
  });
});

describe("when the evening-before message is due", () => {
  const deliveryDate = at("2026-12-08T00:00:00Z"); // Tuesday 8 December, London
  it.each([
    ["2026-12-07T17:59:00Z", false], // Monday 17:59 London
    ["2026-12-07T18:00:00Z", true],
    ["2026-12-07T23:59:00Z", true],
    ["2026-12-08T00:00:00Z", false], // the day itself: too late
    ["2026-12-06T18:30:00Z", false], // two days before
  ])("at %s: %s", (now, due) => {
    expect(eveningNoticeDue({ now: at(now), deliveryDate, timeZone: "Europe/London" })).toBe(due);
  });

  it("follows the hub's clock and the configured time", () => {
    // Paris is UTC+1 in December: 17:00Z is 18:00 there.
    const paris = { deliveryDate: at("2026-12-07T23:00:00Z"), timeZone: "Europe/Paris" };
    expect(eveningNoticeDue({ now: at("2026-12-07T16:59:00Z"), ...paris })).toBe(false);
    expect(eveningNoticeDue({ now: at("2026-12-07T17:00:00Z"), ...paris })).toBe(true);
    expect(eveningNoticeDue({ now: at("2026-12-07T17:00:00Z"), ...paris, minuteOfDay: 19 * 60 })).toBe(false);
  });

  it("reads HH:MM", () => {
    expect(parseTimeOfDay("18:00")).toBe(1080);
    expect(parseTimeOfDay("7:30")).toBe(450);
    expect(parseTimeOfDay("24:00")).toBeNull();
    expect(parseTimeOfDay("six")).toBeNull();
  });
});

describe("a few stops away", () => {
  const stops = (statuses: string): RouteStopState[] =>
    [...statuses].map((c, i) => ({
      id: `s${i + 1}`,
      sequence: i + 1,
      status: c === "D" ? "DONE" : c === "F" ? "FAILED" : "PENDING",
      orderId: `o${i + 1}`,
    }));

  it("picks the orders whose stop is among the next three pending ones", () => {
    expect([...ordersNearby(stops("DPPPPP"))]).toEqual([
      ["o2", 0],
      ["o3", 1],
      ["o4", 2],
    ]);
    // A failed stop is no longer ahead, and a stop skipped by the driver still is.
    expect([...ordersNearby(stops("DFDPPPP"))]).toEqual([
      ["o4", 0],
      ["o5", 1],
      ["o6", 2],
    ]);
    expect([...ordersNearby(stops("PDPPP"))]).toEqual([
      ["o1", 0],
      ["o3", 1],
      ["o4", 2],
    ]);
  });

  it("takes fewer on a route with fewer stops left", () => {
    expect([...ordersNearby(stops("DP"))]).toEqual([["o2", 0]]);
    expect([...ordersNearby(stops("DD"))]).toEqual([]);
  });

  it("counts the pending stops before a stop", () => {
    const route = stops("DPFPP");
    expect(pendingStopsBefore(route, "s5")).toBe(2);
    expect(pendingStopsBefore(route, "s2")).toBe(0);
    expect(pendingStopsBefore(route, "s1")).toBeNull();
    expect(pendingStopsBefore(route, "nope")).toBeNull();
  });
});

describe("expected arrival", () => {
  const planned = (departure: string, completed: string | null, status: "DONE" | "FAILED" | "PENDING" = "DONE") => ({
    status,
    departureAt: at(departure),
    completedAt: completed ? at(completed) : null,
  });

  it("moves the plan by the delay at the last mark", () => {
    const delay = routeDelayMs([
      planned("2026-12-07T10:00:00Z", "2026-12-07T10:05:00Z"),
      planned("2026-12-07T10:20:00Z", "2026-12-07T10:32:00Z", "FAILED"),
      planned("2026-12-07T10:40:00Z", null, "PENDING"),
    ]);
    expect(delay).toBe(12 * 60_000);
    const expected = expectedArrival({
      plannedArrival: at("2026-12-07T10:53:00Z"),
      delayMs: delay,
      now: at("2026-12-07T10:33:00Z"),
    });
    expect(expected.toISOString()).toBe("2026-12-07T11:05:00.000Z");
  });

  it("is on plan before any mark, and never in the past", () => {
    expect(routeDelayMs([planned("2026-12-07T10:00:00Z", null, "PENDING")])).toBe(0);
    const expected = expectedArrival({
      plannedArrival: at("2026-12-07T10:00:00Z"),
      delayMs: -20 * 60_000,
      now: at("2026-12-07T10:01:00Z"),
    });
    expect(expected.toISOString()).toBe("2026-12-07T10:05:00.000Z");
  });
});

describe("which message and which channels", () => {
  it("maps an order's status after a mark to a message", () => {
    expect(noticeForOrderStatus("DELIVERED")).toBe("delivered");
    expect(noticeForOrderStatus("FAILED")).toBe("failed");
    expect(noticeForOrderStatus("PARTLY_DELIVERED")).toBe("partlyDelivered");
    expect(noticeForOrderStatus("OUT_FOR_DELIVERY")).toBeNull();
  });

  it("follows the buyer's choice; SMS without a number falls back to email", () => {
    expect(deliveryChannels("EMAIL", "+447700900123")).toEqual({ email: true, sms: false });
    expect(deliveryChannels("SMS", "+447700900123")).toEqual({ email: false, sms: true });
    expect(deliveryChannels("BOTH", "+447700900123")).toEqual({ email: true, sms: true });
    expect(deliveryChannels("NONE", "+447700900123")).toEqual({ email: false, sms: false });
    expect(deliveryChannels("SMS", null)).toEqual({ email: true, sms: false });
    expect(deliveryChannels("BOTH", null)).toEqual({ email: true, sms: false });
  });
});
