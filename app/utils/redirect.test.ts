import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirect";

describe("safeRedirect", () => {
  it.each([
    ["/\t/evil.example", "/"],
    ["/\\evil.example", "/"],
    ["\\/evil.example", "/"],
    ["//evil.example", "/"],
    ["///evil.example", "/"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["/%2F/evil.example", "/%2F/evil.example"],
    ["https://evil.example", "/"],
    ["https:/evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["/ok\r\nSet-Cookie: x=y", "/"],
    ["/ok\nx", "/"],
    ["/\u0000", "/"],
    ["evil.example", "/"],
    ["", "/"],
    ["/./../x", "/x"],
    ["/.//evil.example", "/"],
    ["/orders?tab=open#latest", "/orders?tab=open#latest"],
    ["/map", "/map"],
  ])("%j → %j", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });

  it("uses the fallback for anything that is not a string", () => {
    expect(safeRedirect(null, "/farm")).toBe("/farm");
    expect(safeRedirect(undefined, "/farm")).toBe("/farm");
  });

  it("never answers something a browser would resolve off the site", () => {
    const tricky = [
      "/\t/a",
      "/\\a",
      "//a",
      "/%09/a",
      "https://a",
      "javascript:a",
      "/\r\n/a",
      "/ /a",
      "/\u3000/a",
      "/.//a",
      "/..//a",
    ];
    for (const input of tricky) {
      const out = safeRedirect(input);
      expect(new URL(out, "https://app.example").origin, input).toBe("https://app.example");
    }
  });
});
