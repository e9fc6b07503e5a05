import { describe, expect, it } from "vitest";
import { callingCodeForTimeZone, isE164, normaliseMobileNumber } from "./phone";

describe("mobile numbers to E.164", () => {
  it.each([
    ["07700 900123", "44", "+447700900123"],
    ["07700-900-123", "44", "+447700900123"],
    ["(07700) 900123", "44", "+447700900123"],
    ["+44 7700 900123", "44", "+447700900123"],
    ["+44 (0)7700 900123", "44", "+447700900123"],
    ["0044 7700 900123", "44", "+447700900123"],
    ["06 12 34 56 78", "33", "+33612345678"],
    ["07.12.34.56.78", "33", "+33712345678"],
    ["+33 6 12 34 56 78", "44", "+33612345678"],
    ["+1 415 555 0100", "44", "+14155550100"],
  ])("%s (country %s) → %s", (input, code, e164) => {
    expect(normaliseMobileNumber(input, code)).toEqual({ ok: true, e164 });
  });

  it.each([
    ["0117 496 0000", "44"], // a Bristol landline
    ["+44 20 7946 0000", "44"], // a London landline
    ["01 23 45 67 89", "33"], // a Paris landline
  ])("refuses the landline %s: a text cannot reach it", (input, code) => {
    expect(normaliseMobileNumber(input, code)).toEqual({ ok: false, problem: "notMobile" });
  });

  it.each(["", "hello", "7700 900123", "+0 123 4567 890", "077009", "+44 7700 9001234", "07700 900123 ext 4", "+1234"])(
    "refuses %j",
    (input) => {
      expect(normaliseMobileNumber(input, "44")).toEqual({ ok: false, problem: "invalid" });
    },
  );

  it("defaults to the United Kingdom, and takes the hub's country from its time zone", () => {
    expect(normaliseMobileNumber("07700 900123")).toEqual({ ok: true, e164: "+447700900123" });
    expect(callingCodeForTimeZone("Europe/Paris")).toBe("33");
    expect(callingCodeForTimeZone("Europe/London")).toBe("44");
    expect(callingCodeForTimeZone("America/Chicago")).toBe("44");
    expect(callingCodeForTimeZone(null)).toBe("44");
  });

  it("recognises stored numbers", () => {
    expect(isE164("+447700900123")).toBe(true);
    expect(isE164("07700900123")).toBe(false);
  });
});
