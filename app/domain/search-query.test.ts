import { describe, expect, it } from "vitest";
import { discoverySearchParams, parseBbox, parseDiscoveryQuery, readDiscoveryQuery } from "./search-query";

const params = (text: string) => new URLSearchParams(text);

describe("parseDiscoveryQuery (strict)", () => {
  it("reads every filter", () => {
    expect(parseDiscoveryQuery(params("q=eggs&cat=EGGS&r=20&stock=1&lat=51.45&lng=-2.59&sort=price"))).toEqual({
      ok: true,
      value: { q: "eggs", category: "EGGS", radiusKm: 20, inStock: true, lat: 51.45, lng: -2.59, sort: "price" },
    });
  });
  it("defaults to 20 km by distance", () => {
    expect(parseDiscoveryQuery(params(""))).toEqual({
      ok: true,
      value: { radiusKm: 20, inStock: false, sort: "distance" },
    });
  });
  it.each([
    ["r=2", "r", "between 5 and 100"],
    ["r=101", "r", "between 5 and 100"],
    ["cat=GADGETS", "cat", "Unknown category"],
    ["lat=95&lng=0", "lat", "between -90 and 90"],
    ["lat=51", "lng", "both lat and lng"],
    ["sort=random", "sort", "distance, relevance or price"],
  ])("refuses %s", (query, field, message) => {
    const result = parseDiscoveryQuery(params(query));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toContain(message);
  });
});

describe("readDiscoveryQuery (lenient)", () => {
  it("clamps the radius and drops junk", () => {
    expect(readDiscoveryQuery(params("r=500&cat=GADGETS&lat=200&lng=1&q=eggs"))).toEqual({
      q: "eggs",
      radiusKm: 100,
      inStock: false,
      sort: "distance",
    });
    expect(readDiscoveryQuery(params("r=1")).radiusKm).toBe(5);
  });
});

describe("parseBbox", () => {
  it("reads Leaflet's order", () => {
    expect(parseBbox("-2.7,51.3,-2.4,51.6")).toEqual({
      ok: true,
      value: { minLng: -2.7, minLat: 51.3, maxLng: -2.4, maxLat: 51.6 },
    });
  });
  it("wraps longitudes past the antimeridian and clamps whole-world spans", () => {
    expect(parseBbox("170,0,190,10")).toEqual({
      ok: true,
      value: { minLng: 170, minLat: 0, maxLng: -170, maxLat: 10 },
    });
    expect(parseBbox("-400,0,400,10")).toEqual({
      ok: true,
      value: { minLng: -180, minLat: 0, maxLng: 180, maxLat: 10 },
    });
  });
  it.each([null, "1,2,3", "a,b,c,d", "0,60,1,50", "0,-91,1,0"])("refuses %j", (text) => {
    expect(parseBbox(text).ok).toBe(false);
  });
});

describe("discoverySearchParams", () => {
  it("writes only what is set", () => {
    expect(discoverySearchParams({ q: "eggs", radiusKm: 20, inStock: false, sort: "distance" }).toString()).toBe(
      "q=eggs&r=20",
    );
  });
});
