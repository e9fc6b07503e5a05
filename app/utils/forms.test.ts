import { describe, expect, it } from "vitest";
import { NameSchema, TextSchema } from "./forms";

describe("the shared text schema", () => {
  it.each([
    ["Rosie", true],
    ["  Rosie  ", true],
    ["", false],
    ["Ro\u0000sie", false],
    ["Ro\u0007sie", false],
    ["Ro\nsie", false],
    ["x".repeat(121), false],
  ])("a name %j is accepted: %s", (text, ok) => {
    expect(NameSchema.safeParse(text).success).toBe(ok);
  });

  it("keeps line breaks and tabs in multi-line text, and says what is wrong", () => {
    const Notes = TextSchema({ label: "notes for the driver", max: 500, multiline: true, required: false });
    expect(Notes.safeParse("Gate code 1234\r\n\tRing twice").success).toBe(true);
    expect(Notes.safeParse("").success).toBe(true);
    const bad = Notes.safeParse("Gate\u0000code");
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toBe(
      "Remove the control characters from notes for the driver: they cannot be stored",
    );
    expect(NameSchema.safeParse("x".repeat(121)).error!.issues[0]!.message).toBe("Use at most 120 characters");
  });
});

describe("page numbers from the address", () => {
  it.each([
    [null, 1],
    ["3", 3],
    ["0", 1],
    ["-2", 1],
    ["abc", 1],
    ["99999999999999999999", 1],
    ["999999", 100_000],
  ])("%j is page %i", async (value, page) => {
    const { pageNumber } = await import("./forms");
    expect(pageNumber(value)).toBe(page);
  });
});
