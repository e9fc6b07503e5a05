// Shared zod building blocks for forms (client-safe: used by routes and by conform on the client).
import { z } from "zod";

export const EmailSchema = z
  .string({ error: "Enter your email address" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com" }).max(254));

export const PasswordSchema = z
  .string({ error: "Enter a password" })
  .min(10, { error: "Use at least 10 characters" })
  .max(200, { error: "Use at most 200 characters" });

// Control characters (NUL above all: PostgreSQL cannot store it) are never part of what a person
// types; tab, line feed and carriage return are, in multi-line text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * One string schema for typed text: trimmed, required or not, at most `max` characters, and no
 * control characters (the server also refuses NUL in any form before a route sees it).
 */
export function TextSchema({
  label,
  max,
  multiline = false,
  required = true,
}: {
  label: string;
  max: number;
  multiline?: boolean;
  required?: boolean;
}) {
  return z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(required ? 1 : 0, { error: `Enter ${label}` })
    .max(max, { error: `Use at most ${max} characters` })
    .refine((text) => !(multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(text), {
      error: `Remove the control characters from ${label}: they cannot be stored`,
    });
}

export const NameSchema = TextSchema({ label: "your name", max: 120 });

/** A list's page number from the address: 1 for anything that is not a whole number from 1 to 100,000. */
export function pageNumber(value: string | null): number {
  const page = /^\d{1,6}$/.test(value ?? "") ? Number(value) : 1;
  return Math.min(Math.max(page, 1), 100_000);
}
