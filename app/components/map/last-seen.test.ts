import { describe, expect, it } from "vitest";
import { lastSeenForMap, lastSeenIconHtml } from "./last-seen";

describe("the route map's last-seen marker", () => {
  const seen = { latitude: 51.45, longitude: -2.58, accuracyM: 25, at: "2026-12-08T11:42:10.000Z", stopSequence: 7 };

  it("places it at the reading, with the time in the hub's time zone", () => {
    expect(lastSeenForMap(seen, "Europe/London", "en-GB")).toEqual({
      lat: 51.45,
      lng: -2.58,
      accuracyM: 25,
      time: "11:42",
      sequence: 7,
    });
    expect(lastSeenForMap(seen, "Europe/Paris", "fr-FR")?.time).toBe("12:42");
  });

  it("shows none without a reading, or with a broken one", () => {
    expect(lastSeenForMap(null, "Europe/London", "en-GB")).toBeNull();
    expect(lastSeenForMap(undefined, "Europe/London", "en-GB")).toBeNull();
    expect(lastSeenForMap({ ...seen, at: "not a date" }, "Europe/London", "en-GB")).toBeNull();
    expect(lastSeenForMap({ ...seen, latitude: Number.NaN }, "Europe/London", "en-GB")).toBeNull();
  });

  it("draws the diamond in the route's colour, and nothing else goes into the markup", () => {
    expect(lastSeenIconHtml("#1b7f3b")).toBe('<span class="last-seen-marker" style="--route-colour:#1b7f3b"></span>');
    expect(lastSeenIconHtml('red"><script>')).toContain("--route-colour:#111");
  });
});
