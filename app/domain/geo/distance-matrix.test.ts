import { describe, expect, it } from "vitest";
import { haversineMetres } from "./distance";
import { buildDistanceMatrix } from "./distance-matrix";

const points = [
  { lat: 52.0, lng: -1.0 },
  { lat: 52.1, lng: -1.2 },
  { lat: 51.9, lng: -0.8 },
];

describe("buildDistanceMatrix", () => {
  it("returns a symmetric integer matrix with a zero diagonal", () => {
    const { distance, duration } = buildDistanceMatrix(points, { circuity: 1.3, speedKmh: 40 });
    expect(distance).toHaveLength(3);
    for (let i = 0; i < 3; i++) {
      expect(distance[i]?.[i]).toBe(0);
      expect(duration[i]?.[i]).toBe(0);
      for (let j = 0; j < 3; j++) {
        const d = distance[i]?.[j] ?? Number.NaN;
        expect(Number.isInteger(d)).toBe(true);
        expect(Number.isInteger(duration[i]?.[j])).toBe(true);
        expect(d).toBe(distance[j]?.[i]);
      }
    }
  });

  it("applies circuity and speed", () => {
    const { distance, duration } = buildDistanceMatrix(points, { circuity: 1.2, speedKmh: 60 });
    const expected = Math.round(haversineMetres(points[0]!, points[1]!) * 1.2);
    expect(distance[0]?.[1]).toBe(expected);
    expect(duration[0]?.[1]).toBe(Math.round((expected / 1000 / 60) * 3600));
  });

  it("uses defaults (1.3, 40 km/h) and handles empty input", () => {
    const { distance } = buildDistanceMatrix(points);
    expect(distance[0]?.[2]).toBe(Math.round(haversineMetres(points[0]!, points[2]!) * 1.3));
    expect(buildDistanceMatrix([])).toEqual({ distance: [], duration: [] });
  });

  it("rejects bad options naming the value", () => {
    expect(() => buildDistanceMatrix(points, { circuity: 0.5 })).toThrow("got 0.5");
    expect(() => buildDistanceMatrix(points, { speedKmh: -10 })).toThrow("got -10");
  });
});
