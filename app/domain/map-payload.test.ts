import { describe, expect, it } from "vitest";
import {
  decodeMapPayload,
  encodeMapPayload,
  MAP_PAYLOAD_VERSION,
  MapPayloadError,
  mapRowHead,
  mapRowJson,
} from "./map-payload";

describe("the map payload", () => {
  it("round-trips rows written as text into named fields", () => {
    const rows = [
      mapRowJson(mapRowHead({ slug: "a", name: 'Quote "Farm"', lat: 51.123456789, lng: -2.5 }), 9, 1234, 3),
      mapRowJson(mapRowHead({ slug: "b", name: "B", lat: 0, lng: 0 }), 0, null, 0),
    ];
    const text = encodeMapPayload(`[${rows.join(",")}]`, true);
    expect(decodeMapPayload(JSON.parse(text))).toEqual({
      truncated: true,
      farms: [
        {
          slug: "a",
          name: 'Quote "Farm"',
          lat: 51.12346,
          lng: -2.5,
          categoryMask: 9,
          distanceMetres: 1234,
          matches: 3,
        },
        { slug: "b", name: "B", lat: 0, lng: 0, categoryMask: 0, distanceMetres: null, matches: 0 },
      ],
    });
  });

  it("refuses another version or another field layout", () => {
    expect(() => decodeMapPayload({ v: 1, farms: [] })).toThrow(MapPayloadError);
    expect(() =>
      decodeMapPayload({ v: MAP_PAYLOAD_VERSION, fields: ["slug", "name"], farms: [], truncated: false }),
    ).toThrow(MapPayloadError);
    expect(() => decodeMapPayload(null)).toThrow(MapPayloadError);
  });

  it("an empty view is valid", () => {
    expect(decodeMapPayload(JSON.parse(encodeMapPayload("[]", false)))).toEqual({ farms: [], truncated: false });
  });
});
