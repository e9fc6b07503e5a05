import { describe, expect, it } from "vitest";
import { z } from "zod";
import { configureZodMessages } from "./zod-messages";

configureZodMessages();
const first = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues[0]?.message;

describe("zod's fallback messages in the app's words", () => {
  it("names the problem instead of zod's English", () => {
    expect(first(z.string(), ["a", "b"])).toBe("Send this field once.");
    expect(first(z.coerce.number(), "far")).toBe("Enter a number.");
    expect(first(z.string().max(80), "x".repeat(10_000))).toBe("Use at most 80 characters.");
    expect(first(z.string().min(3), "ab")).toBe("Use at least 3 characters.");
    expect(first(z.string().min(1), "")).toBe("This field is required.");
    expect(first(z.coerce.number().max(90), "200")).toBe("Enter at most 90.");
    expect(first(z.enum(["a", "b"]), "c")).toBe("Choose one of the listed options.");
    expect(first(z.email(), "not an email")).toBe("Enter an email address like name@example.com.");
  });

  it("keeps a field's own message first", () => {
    expect(first(z.string().max(80, { error: "Use at most 80 characters for the name" }), "x".repeat(81))).toBe(
      "Use at most 80 characters for the name",
    );
  });
});
