// Shared zod building blocks for forms (client-safe: used by routes and by conform on the client).
// Their messages are in the `validation` catalogue (`fields.*`), translated when shown (`lazyT`).
import { z } from "zod";
import { currentT, lazyT } from "~/i18n/i18n";

export const EmailSchema = z
  .string({ error: lazyT("validation:fields.email.required") })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: lazyT("validation:fields.email.invalid") }).max(254));

export const PASSWORD_MIN_LENGTH = 10;
const PASSWORD_MAX_LENGTH = 200;

export const PasswordSchema = z
  .string({ error: lazyT("validation:fields.password.required") })
  .min(PASSWORD_MIN_LENGTH, { error: lazyT("validation:fields.password.tooShort", { count: PASSWORD_MIN_LENGTH }) })
  .max(PASSWORD_MAX_LENGTH, { error: lazyT("validation:fields.password.tooLong", { count: PASSWORD_MAX_LENGTH }) });

// Control characters (NUL above all: PostgreSQL cannot store it) are never part of what a person
// types; tab, line feed and carriage return are, in multi-line text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * One string schema for typed text: trimmed, required or not, at most `max` characters, and no
 * control characters (the server also refuses NUL in any form before a route sees it). `label`
 * names the field inside the messages ("Enter {{label}}"): a translated page passes a function,
 * `label: lazyT("validation:fields.name.label")`, so the words follow the language.
 */
export function TextSchema({
  label,
  max,
  multiline = false,
  required = true,
}: {
  label: string | (() => string);
  max: number;
  multiline?: boolean;
  required?: boolean;
}) {
  const named = () => ({ label: typeof label === "function" ? label() : label });
  const t = () => currentT("validation");
  return z
    .string({ error: () => t()("fields.text.required", named()) })
    .trim()
    .min(required ? 1 : 0, { error: () => t()("fields.text.required", named()) })
    .max(max, { error: () => t()("fields.text.tooLong", { count: max }) })
    .refine((text) => !(multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(text), {
      error: () => t()("fields.text.controlCharacters", named()),
    });
}

export const NameSchema = TextSchema({ label: lazyT("validation:fields.name.label"), max: 120 });

/** A list's page number from the address: 1 for anything that is not a whole number from 1 to 100,000. */
export function pageNumber(value: string | null): number {
  const page = /^\d{1,6}$/.test(value ?? "") ? Number(value) : 1;
  return Math.min(Math.max(page, 1), 100_000);
}
