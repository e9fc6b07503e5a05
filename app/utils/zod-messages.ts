// The app's words for zod's generic failures, used where a field's schema has no message of its
// own: a repeated field, a number that is not one, text over its limit. zod's own English
// ("Invalid input: expected string, received array") never reaches a user. The words come from
// the `validation` catalogue (`zod.*`) in the current request's or page's language
// (docs/decisions/025-i18n.md). Configured once by each entry (entry.server.tsx,
// entry.client.tsx) and by the test setup.
import { z } from "zod";
import { currentT } from "~/i18n/i18n";

type Issue = Parameters<NonNullable<z.core.$ZodConfig["customError"]>>[0];

/** The message for a zod issue with no message of its own, or undefined to keep zod's. */
export function appMessage(issue: Issue): string | undefined {
  const t = currentT("validation");
  switch (issue.code) {
    case "invalid_type": {
      if (Array.isArray(issue.input)) return t("zod.sendOnce");
      if (issue.input === undefined || issue.input === null || issue.input === "") return t("zod.required");
      if (issue.expected === "number" || issue.expected === "int") return t("zod.number");
      if (issue.expected === "boolean") return t("zod.boolean");
      if (issue.expected === "date") return t("zod.date");
      return t("zod.validValue");
    }
    case "too_big": {
      const count = Number(issue.maximum);
      if (issue.origin === "string") return t("zod.tooLong", { count });
      if (issue.origin === "array" || issue.origin === "set") return t("zod.tooManyItems", { count });
      return t("zod.atMost", { max: count });
    }
    case "too_small": {
      const count = Number(issue.minimum);
      if (issue.origin === "string") return count === 1 ? t("zod.required") : t("zod.tooShort", { count });
      if (issue.origin === "array" || issue.origin === "set") return t("zod.tooFewItems", { count });
      return t("zod.atLeast", { min: count });
    }
    case "invalid_value":
      return t("zod.option");
    case "invalid_format":
      return issue.format === "email" ? t("zod.email") : t("zod.format");
    case "not_multiple_of":
      return t("zod.multipleOf", { divisor: String(issue.divisor) });
    case "unrecognized_keys":
      return t("zod.unrecognizedKeys");
    default:
      return t("zod.fallback");
  }
}

/** Makes `appMessage` zod's fallback message everywhere in this process. */
export function configureZodMessages(): void {
  z.config({ customError: (issue) => appMessage(issue) });
}
