import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runWithRequestLanguage } from "~/i18n/i18n.server";
import { configureZodMessages } from "./zod-messages";

configureZodMessages();
const first = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues[0]?.message;
const inFrench = <T>(fn: () => T) =>
  runWithRequestLanguage(new Request("http://foodshed.test/", { headers: { "Accept-Language": "fr" } }), fn);

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

  it("writes numbers and plurals the reader's way", () => {
    expect(first(z.string().max(2000), "x".repeat(2001))).toBe("Use at most 2,000 characters.");
    expect(first(z.string().max(1), "xx")).toBe("Use at most 1 character.");
    expect(first(z.array(z.string()).min(2), ["a"])).toBe("Choose at least 2 items.");
  });

  it("keeps a field's own message first", () => {
    expect(first(z.string().max(80, { error: "Use at most 80 characters for the name" }), "x".repeat(81))).toBe(
      "Use at most 80 characters for the name",
    );
  });

  it("speaks the request's language", () => {
    inFrench(() => {
      expect(first(z.string(), ["a", "b"])).toBe("Envoyez ce champ une seule fois.");
      expect(first(z.string().max(2000), "x".repeat(2001))).toBe("Utilisez au plus 2\u202f000 caractères.");
      expect(first(z.string().max(1), "xx")).toBe("Utilisez au plus 1 caractère.");
      expect(first(z.coerce.number().max(90), "200")).toBe("Saisissez une valeur inférieure ou égale à 90.");
      expect(first(z.email(), "x")).toBe("Saisissez une adresse e-mail comme nom@exemple.fr.");
    });
  });
});
