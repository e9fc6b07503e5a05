import { describe, expect, it } from "vitest";
import { formatIban, isValidIban, normaliseIban } from "./bank-details";

describe("IBAN", () => {
  it.each([
    "GB82 WEST 1234 5698 7654 32",
    "GB82WEST12345698765432",
    "gb82 west 1234 5698 7654 32",
    "FR14 2004 1010 0505 0001 3M02 606",
    "DE89 3704 0044 0532 0130 00",
    "IE29 AIBK 9311 5212 3456 78",
  ])("accepts %j", (iban) => expect(isValidIban(iban)).toBe(true));

  it.each([
    "GB82 WEST 1234 5698 7654 33", // one digit wrong: the checksum fails
    "GB28 WEST 1234 5698 7654 32", // check digits swapped
    "GB82",
    "1234 5678 9012 3456",
    "GB82 WEST 1234 5698 7654 32 00 00 00 00 00 00",
    "GB82-WEST-1234-5698-7654-3$",
    "",
  ])("refuses %j", (iban) => expect(isValidIban(iban)).toBe(false));

  it("normalises and prints in groups of four", () => {
    expect(normaliseIban(" gb82 west-1234 5698 7654 32 ")).toBe("GB82WEST12345698765432");
    expect(formatIban("GB82WEST12345698765432")).toBe("GB82 WEST 1234 5698 7654 32");
  });
});
