import { describe, expect, it } from "vitest";
import { routeTiles, tileOf, tilesAlong, tileUrl } from "./tiles";

describe("map tiles along a route", () => {
  it("numbers tiles as OpenStreetMap does", () => {
    // Central London is tile 10/511/340 on openstreetmap.org.
    expect(tileOf({ lat: 51.5074, lng: -0.1278 }, 10)).toEqual({ z: 10, x: 511, y: 340 });
    expect(tileOf({ lat: 0, lng: 0 }, 1)).toEqual({ z: 1, x: 1, y: 1 });
    expect(tileOf({ lat: 89.9, lng: 180 }, 2)).toEqual({ z: 2, x: 3, y: 0 });
  });

  it("covers the whole line with a tile either side, once each", () => {
    const line = [
      { lat: 51.45, lng: -2.6 },
      { lat: 51.45, lng: -2.4 },
    ];
    const tiles = tilesAlong(line, 14);
    const start = tileOf(line[0]!, 14);
    const end = tileOf(line[1]!, 14);
    for (let x = start.x; x <= end.x; x++) expect(tiles).toContainEqual({ z: 14, x, y: start.y });
    expect(tiles).toContainEqual({ z: 14, x: start.x - 1, y: start.y - 1 });
    expect(tiles).toContainEqual({ z: 14, x: end.x + 1, y: end.y + 1 });
    expect(new Set(tiles.map((t) => `${t.x}/${t.y}`)).size).toBe(tiles.length);
    expect(tiles.length).toBe((end.x - start.x + 3) * 3);
  });

  it("keeps closer zooms only while the total stays within the limit", () => {
    const line = [
      { lat: 51.45, lng: -2.6 },
      { lat: 51.5, lng: -2.5 },
      { lat: 51.4, lng: -2.55 },
    ];
    const tiles = routeTiles(line, { minZoom: 10, maxZoom: 18, maxTiles: 200 });
    expect(tiles.length).toBeLessThanOrEqual(200);
    const zooms = [...new Set(tiles.map((t) => t.z))];
    expect(zooms[0]).toBe(10);
    // Consecutive zooms from the first, none skipped.
    expect(zooms).toEqual(zooms.map((_, i) => 10 + i));
    expect(routeTiles([], {})).toEqual([]);
  });

  it("writes a tile's address from the map's template", () => {
    expect(tileUrl("https://{s}.tile.example/{z}/{x}/{y}{r}.png", { z: 3, x: 4, y: 5 })).toBe(
      "https://a.tile.example/3/4/5.png",
    );
    expect(tileUrl("/tiles/{z}/{x}/{y}.svg", { z: 12, x: 2020, y: 1362 })).toBe("/tiles/12/2020/1362.svg");
  });
});
