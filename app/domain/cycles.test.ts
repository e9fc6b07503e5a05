import { describe, expect, it } from "vitest";
import { currentT } from "~/i18n/i18n";
import { translateMessage } from "~/i18n/messages";
import {
  canMoveCycle,
  deliveryDateProblem,
  cycleStatusAfterDeliveryMarks,
  cycleStatusesThatMayBecome,
  defaultCutoff,
  effectiveCycleStatus,
  isClosingSoon,
  isOrderingOpen,
  msUntilCutoff,
  pickNextScheduledCycle,
  pickOrderingCycle,
} from "./cycles";

const at = (iso: string) => new Date(iso);
const cycle = (
  over: Partial<{
    id: string;
    status: "OPEN" | "CLOSED" | "PLANNED" | "DELIVERED";
    opensAt: string;
    cutoffAt: string;
    deliveryDate: string;
  }> = {},
) => ({
  id: "c1",
  status: "OPEN" as const,
  opensAt: "2025-06-01T08:00:00Z",
  cutoffAt: "2025-06-05T17:00:00Z",
  deliveryDate: "2025-06-07T00:00:00Z",
  ...over,
});

describe("effectiveCycleStatus", () => {
  it.each([
    ["before opening", "2025-06-01T07:59:59Z", "SCHEDULED"],
    ["at opening", "2025-06-01T08:00:00Z", "OPEN"],
    ["one ms before cut-off", "2025-06-05T16:59:59.999Z", "OPEN"],
    ["at cut-off", "2025-06-05T17:00:00Z", "CLOSED"],
    ["after cut-off", "2025-06-06T00:00:00Z", "CLOSED"],
  ])("an OPEN cycle %s is %s", (_label, now, expected) => {
    expect(effectiveCycleStatus(cycle(), at(now))).toBe(expected);
  });

  it.each(["CLOSED", "PLANNED", "DELIVERED"] as const)("keeps a stored %s whatever the clock says", (status) => {
    expect(effectiveCycleStatus(cycle({ status }), at("2025-06-02T00:00:00Z"))).toBe(status);
  });

  it("accepts Date values", () => {
    const c = {
      status: "OPEN" as const,
      opensAt: new Date("2025-06-01T08:00:00Z"),
      cutoffAt: new Date("2025-06-05T17:00:00Z"),
    };
    expect(isOrderingOpen(c, at("2025-06-03T00:00:00Z"))).toBe(true);
  });
});

describe("cut-off helpers", () => {
  it("counts down to the cut-off and stops at zero", () => {
    expect(msUntilCutoff(cycle(), at("2025-06-05T16:00:00Z"))).toBe(3_600_000);
    expect(msUntilCutoff(cycle(), at("2025-06-05T18:00:00Z"))).toBe(0);
  });
  it("is closing soon only within the window and while open", () => {
    expect(isClosingSoon(cycle(), at("2025-06-05T00:00:00Z"))).toBe(true);
    expect(isClosingSoon(cycle(), at("2025-06-03T00:00:00Z"))).toBe(false);
    expect(isClosingSoon(cycle(), at("2025-06-05T17:00:00Z"))).toBe(false);
  });
});

describe("picking cycles", () => {
  const cycles = [
    cycle({ id: "late", cutoffAt: "2025-06-12T17:00:00Z", deliveryDate: "2025-06-14T00:00:00Z" }),
    cycle({ id: "soon" }),
    cycle({ id: "closed", status: "CLOSED" }),
    cycle({ id: "future", opensAt: "2025-06-20T00:00:00Z", cutoffAt: "2025-06-25T00:00:00Z" }),
  ];
  it("orders into the open cycle with the earliest cut-off", () => {
    expect(pickOrderingCycle(cycles, at("2025-06-03T00:00:00Z"))?.id).toBe("soon");
    expect(pickOrderingCycle(cycles, at("2025-06-06T00:00:00Z"))?.id).toBe("late");
    expect(pickOrderingCycle(cycles, at("2025-06-13T00:00:00Z"))).toBeNull();
  });
  it("finds the next scheduled cycle", () => {
    expect(pickNextScheduledCycle(cycles, at("2025-06-13T00:00:00Z"))?.id).toBe("future");
  });
});

describe("defaultCutoff", () => {
  it("is 2 days before at 18:00 London time in summer (BST, UTC+1)", () => {
    expect(
      defaultCutoff(at("2025-06-07T09:00:00Z"), {
        daysBefore: 2,
        minuteOfDay: 1080,
        timeZone: "Europe/London",
      }).toISOString(),
    ).toBe("2025-06-05T17:00:00.000Z");
  });
  it("is 18:00 GMT in winter", () => {
    expect(
      defaultCutoff(at("2025-12-10T09:00:00Z"), {
        daysBefore: 2,
        minuteOfDay: 1080,
        timeZone: "Europe/London",
      }).toISOString(),
    ).toBe("2025-12-08T18:00:00.000Z");
  });
});

describe("the cycle lifecycle", () => {
  it("plans an open (closed by the clock) or closed cycle, plans again, and ends at delivered", () => {
    expect(cycleStatusesThatMayBecome("PLANNED").sort()).toEqual(["CLOSED", "OPEN", "PLANNED"]);
    expect(cycleStatusesThatMayBecome("DELIVERED")).toEqual(["PLANNED"]);
    expect(cycleStatusesThatMayBecome("CLOSED")).toEqual(["OPEN"]);
    for (const to of ["OPEN", "CLOSED", "PLANNED"] as const) expect(canMoveCycle("DELIVERED", to)).toBe(false);
    expect(canMoveCycle("PLANNED", "OPEN")).toBe(false);
  });

  it("is delivered once no delivery stop is pending", () => {
    expect(cycleStatusAfterDeliveryMarks(0)).toBe("DELIVERED");
    expect(cycleStatusAfterDeliveryMarks(3)).toBeNull();
  });
});

describe("a cycle's delivery date", () => {
  const london = "Europe/London";
  const now = new Date("2026-12-05T10:00:00Z");
  const others = [{ name: "Week 49", deliveryDate: new Date("2026-12-10T00:00:00Z") }];
  it("refuses a day in the past and a day another cycle of the hub already delivers", () => {
    const past = deliveryDateProblem({ deliveryDate: new Date("2026-12-04T00:00:00Z"), timeZone: london, now, others });
    expect(past).toEqual({ key: "messages:cycles.deliveryInPast" });
    expect(translateMessage(past!)).toBe("The delivery date is in the past: choose today or a later day.");
    const taken = deliveryDateProblem({
      deliveryDate: new Date("2026-12-10T00:00:00Z"),
      timeZone: london,
      now,
      others,
    });
    expect(taken).toEqual({ key: "messages:cycles.deliveryDayTaken", values: { cycle: "Week 49" } });
    expect(translateMessage(taken!)).toBe("Week 49 already delivers on that day: choose another day, or edit Week 49.");
    expect(translateMessage(taken!, currentT("messages", "fr"))).toBe(
      "Week 49 livre déjà ce jour-là\u00a0: choisissez un autre jour, ou modifiez Week 49.",
    );
  });

  it("accepts today and another free day, and compares days in the hub's time zone", () => {
    expect(
      deliveryDateProblem({ deliveryDate: new Date("2026-12-05T00:00:00Z"), timeZone: london, now, others }),
    ).toBeNull();
    expect(
      deliveryDateProblem({ deliveryDate: new Date("2026-12-17T00:00:00Z"), timeZone: london, now, others }),
    ).toBeNull();
    // 23:30 UTC on the 9th is already the 10th in Auckland.
    expect(
      deliveryDateProblem({
        deliveryDate: new Date("2026-12-09T23:30:00Z"),
        timeZone: "Pacific/Auckland",
        now,
        others: [{ name: "Week 49", deliveryDate: new Date("2026-12-10T02:00:00Z") }],
      }),
    ).toMatchObject({ key: "messages:cycles.deliveryDayTaken" });
  });
});
