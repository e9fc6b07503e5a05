// Address search: the integration's real fetch against a fake Nominatim HTTP server, and the
// /api/geocode resource route (signed-in only, 400 on bad queries, 502 when the geocoder fails).
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { GeocoderError, geocoderUserAgent, searchAddress } from "~/integrations/geocoder.server";
import { loader as geocodeApi } from "~/routes/api.geocode";
import { createTestUser, makeRequest } from "../factories";
import { startGeocoderFake } from "../support/geocoder-fake";

// Before any loader reads the environment (getEnv() is parsed once, lazily).
const fake = await startGeocoderFake({ slowMs: 1500 });
process.env.GEOCODER_URL = fake.url;

afterEach(() => {
  fake.mode = "ok";
});
afterAll(() => fake.stop());

const options = { baseUrl: fake.url, userAgent: geocoderUserAgent("https://foodshed.example") };

async function respond(promise: Promise<unknown>): Promise<Response> {
  try {
    return (await promise) as Response;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

describe("searchAddress", () => {
  it("asks /search with format=jsonv2, the query, limit 5 and an identifying User-Agent", async () => {
    const results = await searchAddress("Windmill Hill, Bristol", options);
    expect(results).toEqual([
      { label: "Windmill Hill City Farm, Philip Street, Bristol, England", lat: 51.4393, lng: -2.593 },
      { label: "Windmill Hill, Wiltshire, England", lat: 51.4352, lng: -1.8813 },
    ]);
    const request = fake.requests.at(-1)!;
    expect(request.path).toBe("/search");
    expect(Object.fromEntries(request.query)).toEqual({ format: "jsonv2", q: "Windmill Hill, Bristol", limit: "5" });
    expect(request.userAgent).toMatch(/^Foodshed\/.*foodshed\.example/);
  });

  it("answers an empty list when nothing is found", async () => {
    expect(await searchAddress("Atlantis", options)).toEqual([]);
  });

  it.each([
    ["error", "answered 500"],
    ["busy", "too many requests"],
    ["garbage", "could not be read"],
  ] as const)("turns a geocoder in %s mode into a GeocoderError (%s)", async (mode, message) => {
    fake.mode = mode;
    const failure = searchAddress("Stroud", options);
    await expect(failure).rejects.toBeInstanceOf(GeocoderError);
    await expect(failure).rejects.toThrow(message);
  });

  it("gives up after the timeout", async () => {
    fake.mode = "slow";
    await expect(searchAddress("Stroud", { ...options, timeoutMs: 200 })).rejects.toThrow(/did not answer within/);
  });

  it("reports an unreachable geocoder", async () => {
    await expect(searchAddress("Stroud", { ...options, baseUrl: "http://127.0.0.1:9" })).rejects.toThrow(
      /could not be reached/,
    );
  });
});

describe("/api/geocode", () => {
  const call = async (path: string, userId?: string) =>
    respond(geocodeApi({ request: await makeRequest(path, { userId }), params: {}, context: {} }));

  it("sends guests to log in", async () => {
    const response = await call("/api/geocode?q=Stroud");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toContain("/login");
  });

  it("answers places for a signed-in user", async () => {
    const user = await createTestUser({ role: "FARMER" });
    const response = await call("/api/geocode?q=Stroud", user.id);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      results: [{ label: "Stroud, Gloucestershire, England", lat: 51.7457, lng: -2.2178 }],
    });
  });

  it.each([
    ["/api/geocode", "Type an address"],
    ["/api/geocode?q=%20%20", "Type an address"],
    [`/api/geocode?q=${"a".repeat(201)}`, "at most 200"],
  ])("%s → 400 with a message", async (path, message) => {
    const user = await createTestUser();
    const before = fake.requests.length;
    const response = await call(path, user.id);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(message);
    expect(fake.requests.length).toBe(before);
  });

  it("answers 502 with the reason when the geocoder fails", async () => {
    const user = await createTestUser();
    fake.mode = "error";
    const response = await call("/api/geocode?q=Stroud", user.id);
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: string }).error).toMatch(/address search failed.*pin/);
  });
});
