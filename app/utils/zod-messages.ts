// The app's words for zod's generic failures, used where a field's schema has no message of its
// own: a repeated field, a number that is not one, text over its limit. zod's own English
// ("Invalid input: expected string, received array") never reaches a user. Configured once by
// each entry (entry.server.tsx, entry.client.tsx) and by the test setup.
import { z } from "zod";

type Issue = Parameters<NonNullable<z.core.$ZodConfig["customError"]>>[0];

const count = (n: number | bigint, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** The message for a zod issue with no message of its own, or undefined to keep zod's. */
export function appMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case "invalid_type": {
      if (Array.isArray(issue.input)) return "Send this field once.";
      if (issue.input === undefined || issue.input === null || issue.input === "") return "This field is required.";
      if (issue.expected === "number" || issue.expected === "int") return "Enter a number.";
      if (issue.expected === "boolean") return "Choose yes or no.";
      if (issue.expected === "date") return "Enter a date.";
      return "Enter a valid value.";
    }
    case "too_big":
      if (issue.origin === "string") return `Use at most ${count(issue.maximum, "character", "characters")}.`;
      if (issue.origin === "array" || issue.origin === "set")
        return `Choose at most ${count(issue.maximum, "item", "items")}.`;
      return `Enter at most ${issue.maximum.toLocaleString("en-GB")}.`;
    case "too_small":
      if (issue.origin === "string")
        return issue.minimum === 1
          ? "This field is required."
          : `Use at least ${count(issue.minimum, "character", "characters")}.`;
      if (issue.origin === "array" || issue.origin === "set")
        return `Choose at least ${count(issue.minimum, "item", "items")}.`;
      return `Enter at least ${issue.minimum.toLocaleString("en-GB")}.`;
    case "invalid_value":
      return "Choose one of the listed options.";
    case "invalid_format":
      return issue.format === "email"
        ? "Enter an email address like name@example.com."
        : "Check the format of this field.";
    case "not_multiple_of":
      return `Enter a multiple of ${String(issue.divisor)}.`;
    case "unrecognized_keys":
      return "The form sent fields it should not have: reload the page and try again.";
    default:
      return "Check this field.";
  }
}

/** Makes `appMessage` zod's fallback message everywhere in this process. */
export function configureZodMessages(): void {
  z.config({ customError: (issue) => appMessage(issue) });
}
