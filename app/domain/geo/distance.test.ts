import { describe, expect, it } from "vitest";
import {
  DEFAULT_CIRCUITY,
  durationSeconds,
  EARTH_RADIUS_METRES,
  haversineMetres,
  roadDistanceMetres,
} from "./distance";

describe("haversineMetres", () => {
  it.each([
    { name: "same point", a: { lat: 52, lng: -1 }, b: { lat: 52, lng: -1 }, metres: 0 },
    {
      name: "one degree of latitude",
      a: { lat: 0, lng: 0 },
      b: { lat: 1, lng: 0 },
      metres: (EARTH_RADIUS_METRES * Math.PI) / 180,
    },
    {
      name: "one degree of longitude on the equator",
      a: { lat: 0, lng: 0 },
      b: { lat: 0, lng: 1 },
      metres: (EARTH_RADIUS_METRES * Math.PI) / 180,
    },
    { name: "London to Paris", a: { lat: 51.5074, lng: -0.1278 }, b: { lat: 48.8566, lng: 2.3522 }, metres: 343_560 },
    {
      name: "across the antimeridian",
      a: { lat: 0, lng: 179.5 },
      b: { lat: 0, lng: -179.5 },
      metres: (EARTH_RADIUS_METRES * Math.PI) / 180,
    },
    { name: "antipodes", a: { lat: 0, lng: 0 }, b: { lat: 0, lng: 180 }, metres: EARTH_RADIUS_METRES * Math.PI },
  ])("$name", ({ a, b, metres }) => {
    expect(haversineMetres(a, b)).toBeCloseTo(metres, -2);
  });

  it("is symmetric", () => {
    const a = { lat: 50.1, lng: -4.2 };
    const b = { lat: 51.3, lng: -2.9 };
    expect(haversineMetres(a, b)).toBe(haversineMetres(b, a));
  });

  it.each([
    [{ lat: 91, lng: 0 }, "a.lat"],
    [{ lat: 0, lng: -181 }, "a.lng"],
    [{ lat: Number.NaN, lng: 0 }, "NaN"],
  ])("rejects %o naming the value", (a, message) => {
    expect(() => haversineMetres(a, { lat: 0, lng: 0 })).toThrow(message);
  });
});

describe("roadDistanceMetres", () => {
  it("applies the default circuity of 1.3 and returns integer metres", () => {
    const a = { lat: 0, lng: 0 };
    const b = { lat: 1, lng: 0 };
    expect(DEFAULT_CIRCUITY).toBe(1.3);
    const metres = roadDistanceMetres(a, b);
    expect(Number.isInteger(metres)).toBe(true);
    expect(metres).toBe(Math.round(haversineMetres(a, b) * 1.3));
  });

  it("accepts another circuity and rejects one below 1", () => {
    const a = { lat: 0, lng: 0 };
    const b = { lat: 0.1, lng: 0 };
    expect(roadDistanceMetres(a, b, 1.2)).toBe(Math.round(haversineMetres(a, b) * 1.2));
    expect(() => roadDistanceMetres(a, b, 0.9)).toThrow("0.9");
  });
});

describe("durationSeconds", () => {
  it.each([
    { metres: 40_000, speedKmh: 40, seconds: 3600 },
    { metres: 1_000, speedKmh: 60, seconds: 60 },
    { metres: 0, speedKmh: 30, seconds: 0 },
    { metres: 12_345, speedKmh: 50, seconds: 889 },
  ])("$metres m at $speedKmh km/h → $seconds s", ({ metres, speedKmh, seconds }) => {
    expect(durationSeconds(metres, speedKmh)).toBe(seconds);
  });

  it("rejects negative distance and non-positive speed naming the value", () => {
    expect(() => durationSeconds(-5, 40)).toThrow("-5");
    expect(() => durationSeconds(100, 0)).toThrow("speedKmh must be a positive number, got 0");
  });
});
