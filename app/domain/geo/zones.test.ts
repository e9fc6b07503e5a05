import { describe, expect, it } from "vitest";
import { isInDeliveryZone, pointInPolygon, pointInRadius } from "./zones";

const square = [
  { lat: 51, lng: -1 },
  { lat: 51, lng: 0 },
  { lat: 52, lng: 0 },
  { lat: 52, lng: -1 },
];

describe("pointInPolygon", () => {
  it.each([
    { point: { lat: 51.5, lng: -0.5 }, inside: true },
    { point: { lat: 52.5, lng: -0.5 }, inside: false },
    { point: { lat: 51.5, lng: 0.5 }, inside: false },
    { point: { lat: 50.9, lng: -1.1 }, inside: false },
  ])("$point → $inside", ({ point, inside }) => {
    expect(pointInPolygon(point, square)).toBe(inside);
  });

  it("handles a concave zone", () => {
    const l = [
      { lat: 0, lng: 0 },
      { lat: 0, lng: 2 },
      { lat: 1, lng: 2 },
      { lat: 1, lng: 1 },
      { lat: 2, lng: 1 },
      { lat: 2, lng: 0 },
    ];
    expect(pointInPolygon({ lat: 0.5, lng: 1.5 }, l)).toBe(true);
    expect(pointInPolygon({ lat: 1.5, lng: 1.5 }, l)).toBe(false);
    expect(pointInPolygon({ lat: 1.5, lng: 0.5 }, l)).toBe(true);
  });

  it("handles a zone drawn across the antimeridian", () => {
    const fiji = [
      { lat: -18, lng: 179.5 },
      { lat: -18, lng: -179.5 },
      { lat: -17, lng: -179.5 },
      { lat: -17, lng: 179.5 },
    ];
    expect(pointInPolygon({ lat: -17.5, lng: 179.9 }, fiji)).toBe(true);
    expect(pointInPolygon({ lat: -17.5, lng: -179.9 }, fiji)).toBe(true);
    expect(pointInPolygon({ lat: -17.5, lng: 0 }, fiji)).toBe(false);
  });

  it("rejects a degenerate polygon", () => {
    expect(() => pointInPolygon({ lat: 0, lng: 0 }, square.slice(0, 2))).toThrow("at least 3 vertices, got 2");
  });
});

describe("pointInRadius and isInDeliveryZone", () => {
  const center = { lat: 52, lng: -1 };
  it("includes the boundary region and excludes beyond", () => {
    expect(pointInRadius({ lat: 52.08, lng: -1 }, center, 10_000)).toBe(true);
    expect(pointInRadius({ lat: 52.1, lng: -1 }, center, 10_000)).toBe(false);
  });
  it("dispatches on the zone kind", () => {
    expect(isInDeliveryZone({ lat: 52.05, lng: -1 }, { kind: "RADIUS", center, radiusMetres: 10_000 })).toBe(true);
    expect(isInDeliveryZone({ lat: 51.5, lng: -0.5 }, { kind: "POLYGON", polygon: square })).toBe(true);
  });
  it("rejects a negative radius naming the value", () => {
    expect(() => pointInRadius(center, center, -3)).toThrow("got -3");
  });
});
