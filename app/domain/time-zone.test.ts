import { describe, expect, it } from "vitest";
import { addDays, zonedDate, zonedMinuteOfDay, zoneOffsetMinutes, zonedParts, zonedToUtc } from "./time-zone";

describe("zoneOffsetMinutes", () => {
  it.each([
    ["Europe/London", "2026-01-15T12:00:00Z", 0],
    ["Europe/London", "2026-07-15T12:00:00Z", 60],
    ["Asia/Kolkata", "2026-07-15T12:00:00Z", 330],
    ["Australia/Eucla", "2026-07-15T12:00:00Z", 525],
    ["America/St_Johns", "2026-01-15T12:00:00Z", -210],
    ["Pacific/Chatham", "2026-01-15T12:00:00Z", 825],
  ])("%s at %s is %i minutes", (zone, instant, minutes) => {
    expect(zoneOffsetMinutes(new Date(instant), zone)).toBe(minutes);
  });
});

describe("zonedToUtc", () => {
  it.each([
    // date, minute of day, zone, instant
    ["2026-12-10", 0, "Europe/London", "2026-12-10T00:00:00.000Z"],
    ["2026-07-10", 9 * 60 + 30, "Europe/London", "2026-07-10T08:30:00.000Z"],
    ["2026-07-10", 9 * 60, "Asia/Kolkata", "2026-07-10T03:30:00.000Z"],
    ["2026-07-10", 0, "Australia/Eucla", "2026-07-09T15:15:00.000Z"],
    ["2026-01-10", 18 * 60, "America/St_Johns", "2026-01-10T21:30:00.000Z"],
    // Spring forward in London (01:00 → 02:00 on 29 March 2026): 01:30 does not exist and moves
    // forward to 02:30 BST; 03:00 is BST.
    ["2026-03-29", 90, "Europe/London", "2026-03-29T01:30:00.000Z"],
    ["2026-03-29", 180, "Europe/London", "2026-03-29T02:00:00.000Z"],
    // Fall back (02:00 → 01:00 on 25 October 2026): 00:30 is still BST.
    ["2026-10-25", 30, "Europe/London", "2026-10-24T23:30:00.000Z"],
    ["2026-10-25", 12 * 60, "Europe/London", "2026-10-25T12:00:00.000Z"],
    // Minutes past 24 h roll into the next day (shifts that end after midnight).
    ["2026-12-10", 25 * 60, "Europe/London", "2026-12-11T01:00:00.000Z"],
  ])("%s + %i min in %s is %s", (date, minute, zone, instant) => {
    expect(zonedToUtc(date, minute, zone).toISOString()).toBe(instant);
  });

  it("refuses a malformed date", () => {
    expect(() => zonedToUtc("10/12/2026", 0, "Europe/London")).toThrow(/YYYY-MM-DD/);
  });
});

describe("wall clock of an instant", () => {
  it.each([
    ["2026-12-05T20:00:00Z", "Asia/Kolkata", "2026-12-06", 90],
    ["2026-12-05T23:59:00Z", "Europe/London", "2026-12-05", 23 * 60 + 59],
    ["2026-07-05T23:30:00Z", "Europe/London", "2026-07-06", 30],
    ["2026-07-05T12:00:00Z", "Australia/Eucla", "2026-07-05", 20 * 60 + 45],
  ])("%s in %s is %s at minute %i", (instant, zone, date, minute) => {
    expect(zonedDate(new Date(instant), zone)).toBe(date);
    expect(zonedMinuteOfDay(new Date(instant), zone)).toBe(minute);
  });

  it("round-trips through zonedToUtc in zones with half- and quarter-hour offsets", () => {
    for (const zone of ["Asia/Kolkata", "Australia/Eucla", "America/St_Johns", "Europe/London"]) {
      for (let minute = 0; minute < 24 * 60; minute += 45) {
        const instant = zonedToUtc("2026-06-01", minute, zone);
        expect(zonedDate(instant, zone)).toBe("2026-06-01");
        expect(zonedMinuteOfDay(instant, zone)).toBe(minute);
      }
    }
  });

  it("gives the weekday", () => {
    expect(zonedParts(new Date("2026-12-05T23:30:00Z"), "Asia/Kolkata").weekday).toBe(0);
  });
});

describe("addDays", () => {
  it.each([
    ["2026-12-31", 1, "2027-01-01"],
    ["2026-03-01", -1, "2026-02-28"],
    ["2028-03-01", -1, "2028-02-29"],
  ])("%s %+i is %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});
