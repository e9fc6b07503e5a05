import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bboxContains, bboxLngRanges, boundingBox } from "./bounding-box";
import { haversineMetres } from "./distance";

describe("boundingBox", () => {
  it("is symmetric around a mid-latitude point and wider in longitude than latitude", () => {
    const box = boundingBox({ lat: 52, lng: -1 }, 10_000);
    expect(box.crossesAntimeridian).toBe(false);
    expect(52 - box.minLat).toBeCloseTo(box.maxLat - 52, 10);
    expect(-1 - box.minLng).toBeCloseTo(box.maxLng + 1, 10);
    expect(box.maxLng - box.minLng).toBeGreaterThan(box.maxLat - box.minLat);
    expect(box.maxLat - 52).toBeCloseTo(0.0899, 3);
  });

  it("wraps across the antimeridian", () => {
    const box = boundingBox({ lat: -17.7, lng: 179.9 }, 50_000);
    expect(box.crossesAntimeridian).toBe(true);
    expect(box.minLng).toBeGreaterThan(179);
    expect(box.maxLng).toBeLessThan(-179);
    expect(bboxLngRanges(box)).toHaveLength(2);
    expect(bboxContains(box, { lat: -17.7, lng: -179.8 })).toBe(true);
    expect(bboxContains(box, { lat: -17.7, lng: 179.95 })).toBe(true);
    expect(bboxContains(box, { lat: -17.7, lng: 0 })).toBe(false);
  });

  it("spans all longitudes when the circle reaches a pole", () => {
    const box = boundingBox({ lat: 89.95, lng: 10 }, 20_000);
    expect(box.maxLat).toBe(90);
    expect(box.minLng).toBe(-180);
    expect(box.maxLng).toBe(180);
    expect(bboxContains(box, { lat: 89.99, lng: -170 })).toBe(true);
  });

  it("rejects a negative radius naming the value", () => {
    expect(() => boundingBox({ lat: 0, lng: 0 }, -1)).toThrow("got -1");
  });

  it("contains every point within the radius (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -89, max: 89, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.integer({ min: 1, max: 200_000 }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (lat, lng, radius, bearing, fraction) => {
          const center = { lat, lng };
          // Destination point along a bearing at a fraction of the radius.
          const R = 6_371_008.8;
          const d = (radius * fraction) / R;
          const φ1 = (lat * Math.PI) / 180;
          const λ1 = (lng * Math.PI) / 180;
          const φ2 = Math.asin(Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(bearing));
          const λ2 =
            λ1 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * Math.sin(φ2));
          const point = { lat: (φ2 * 180) / Math.PI, lng: (((λ2 * 180) / Math.PI + 540) % 360) - 180 };
          if (haversineMetres(center, point) > radius) return true;
          return bboxContains(boundingBox(center, radius), point);
        },
      ),
    );
  });
});
