import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env.server";

describe("parseEnv", () => {
  it("gives development defaults with nothing set", () => {
    const env = parseEnv({});
    expect(env.HOST).toBe("127.0.0.1");
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBe("pglite:./data/db");
    expect(env.SESSION_SECRET.length).toBeGreaterThan(0);
  });

  it("credits OpenStreetMap for its tiles and not for the offline grid", () => {
    expect(parseEnv({}).TILE_ATTRIBUTION).toContain("OpenStreetMap");
    expect(parseEnv({ TILE_URL: "/tiles/{z}/{x}/{y}.svg" }).TILE_ATTRIBUTION).not.toContain("OpenStreetMap");
    expect(parseEnv({ TILE_URL: "/tiles/{z}/{x}/{y}.svg", TILE_ATTRIBUTION: "Mine" }).TILE_ATTRIBUTION).toBe("Mine");
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
    [{ STRIPE_SECRET_KEY: "sk_test_x" }, "STRIPE_WEBHOOK_SECRET"],
    [{ ROAD_CIRCUITY: "-1" }, "ROAD_CIRCUITY"],
    [{ APP_URL: "not a url" }, "APP_URL"],
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
});
