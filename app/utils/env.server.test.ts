import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env.server";

describe("parseEnv", () => {
  it("gives development defaults in development", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect(env.HOST).toBe("127.0.0.1");
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBe("pglite:./data/db");
    expect(env.SESSION_SECRET.length).toBeGreaterThan(0);
  });

  it("credits OpenStreetMap for its tiles and not for the offline grid", () => {
    const dev = { NODE_ENV: "development" };
    expect(parseEnv(dev).TILE_ATTRIBUTION).toContain("OpenStreetMap");
    expect(parseEnv({ ...dev, TILE_URL: "/tiles/{z}/{x}/{y}.svg" }).TILE_ATTRIBUTION).not.toContain("OpenStreetMap");
    expect(parseEnv({ ...dev, TILE_URL: "/tiles/{z}/{x}/{y}.svg", TILE_ATTRIBUTION: "Mine" }).TILE_ATTRIBUTION).toBe(
      "Mine",
    );
  });

  it("uses an in-memory database for tests", () => {
    expect(parseEnv({ NODE_ENV: "test" }).DATABASE_URL).toBe("pglite:memory");
  });

  it.each([
    [{ PORT: "not-a-port" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ NODE_ENV: "staging" }, "NODE_ENV"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ NODE_ENV: "production" }, "SESSION_SECRET"],
    [{ NODE_ENV: "production", SESSION_SECRET: "short" }, "SESSION_SECRET"],
    [{ NODE_ENV: "development", STRIPE_SECRET_KEY: "sk_test_x" }, "STRIPE_WEBHOOK_SECRET"],
    [{ NODE_ENV: "development", ROAD_CIRCUITY: "-1" }, "ROAD_CIRCUITY"],
    [{ NODE_ENV: "development", APP_URL: "not a url" }, "APP_URL"],
    // A built server started without NODE_ENV must not sign sessions with the public dev secret.
    [{}, "SESSION_SECRET"],
    [{ SESSION_SECRET: "short" }, "SESSION_SECRET"],
    [{ NODE_ENV: "production", SESSION_SECRET: "foodshed-development-secret-not-for-production" }, "SESSION_SECRET"],
    [{ NODE_ENV: "development", TRUST_PROXY: "true" }, "TRUST_PROXY"],
    [{ NODE_ENV: "development", TRUST_PROXY: "TRUE" }, "TRUST_PROXY"],
    [{ NODE_ENV: "development", TRUST_PROXY: "proxy.internal" }, "TRUST_PROXY"],
    [{ NODE_ENV: "development", TRUST_PROXY: "10.0.0.0/33" }, "TRUST_PROXY"],
    [{ NODE_ENV: "development", TRUST_PROXY: "-1" }, "TRUST_PROXY"],
  ])("rejects %j naming %s", (source, name) => {
    expect(() => parseEnv(source)).toThrowError(EnvError);
    expect(() => parseEnv(source)).toThrowError(new RegExp(`${name}:`));
  });

  it("accepts a complete production configuration", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      SESSION_SECRET: "x".repeat(40),
      DATABASE_URL: "postgres://u:p@127.0.0.1:5432/foodshed",
      PORT: "8080",
    });
    expect(env.PORT).toBe(8080);
    expect(env.DATABASE_URL).toBe("postgres://u:p@127.0.0.1:5432/foodshed");
  });

  it("uses the public development secret only when NODE_ENV says development or test", () => {
    expect(parseEnv({ NODE_ENV: "development" }).SESSION_SECRET).toBe("foodshed-development-secret-not-for-production");
    expect(parseEnv({ NODE_ENV: "test" }).SESSION_SECRET).toBe("foodshed-development-secret-not-for-production");
    expect(() => parseEnv({})).toThrowError(/SESSION_SECRET: is required without NODE_ENV=development/);
    expect(parseEnv({ SESSION_SECRET: "k".repeat(32) }).SESSION_SECRET).toBe("k".repeat(32));
  });

  it("refuses TRUST_PROXY=true with a message saying what to set instead", () => {
    expect(() => parseEnv({ NODE_ENV: "development", TRUST_PROXY: "true" })).toThrowError(
      /TRUST_PROXY: `true` trusts any X-Forwarded-For.*hop count|number of proxies/s,
    );
  });

  it.each([
    ["", undefined],
    ["1", 1],
    ["0", 0],
    ["2", 2],
    ["10.0.0.1", ["10.0.0.1"]],
    ["10.0.0.0/8, 192.168.1.10", ["10.0.0.0/8", "192.168.1.10"]],
    ["loopback,fd00::/8", ["loopback", "fd00::/8"]],
    ["10.0.0.0/255.0.0.0", ["10.0.0.0/255.0.0.0"]],
  ])("reads TRUST_PROXY=%j as %j (what Express's `trust proxy` takes)", (value, expected) => {
    expect(parseEnv({ NODE_ENV: "development", TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  it("takes text messages with all three of SID, token and sender, or none, and names what is missing", () => {
    const dev = { NODE_ENV: "development" };
    expect(parseEnv(dev).SMS_ACCOUNT_SID).toBeUndefined();
    const full = { ...dev, SMS_ACCOUNT_SID: "AC123", SMS_AUTH_TOKEN: "secret", SMS_FROM: "+447700900000" };
    expect(parseEnv(full)).toMatchObject({ SMS_FROM: "+447700900000", SMS_RETRY_DELAY_MS: 2000 });
    expect(parseEnv({ ...full, SMS_FROM: "Foodshed" }).SMS_FROM).toBe("Foodshed");
    expect(() => parseEnv({ ...dev, SMS_ACCOUNT_SID: "AC123" })).toThrowError(
      /SMS_AUTH_TOKEN: is required when SMS_ACCOUNT_SID is set[\s\S]*SMS_FROM: is required when SMS_ACCOUNT_SID is set/,
    );
    expect(() => parseEnv({ ...full, SMS_FROM: "07700 900000" })).toThrowError(/SMS_FROM: must be a phone number/);
    expect(() => parseEnv({ ...full, SMS_FROM: "FoodshedBristol" })).toThrowError(/SMS_FROM/);
    expect(() => parseEnv({ ...full, SMS_API_URL: "not a url" })).toThrowError(/SMS_API_URL/);
  });

  it("reads the evening-before notice time as HH:MM", () => {
    const dev = { NODE_ENV: "development" };
    expect(parseEnv(dev).DELIVERY_EVE_NOTICE_TIME).toBe("18:00");
    expect(parseEnv({ ...dev, DELIVERY_EVE_NOTICE_TIME: "17:30" }).DELIVERY_EVE_NOTICE_TIME).toBe("17:30");
    expect(() => parseEnv({ ...dev, DELIVERY_EVE_NOTICE_TIME: "6pm" })).toThrowError(
      /DELIVERY_EVE_NOTICE_TIME: must be a time of day as HH:MM/,
    );
  });
});
