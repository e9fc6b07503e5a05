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

export const NameSchema = z
  .string({ error: "Enter your name" })
  .trim()
  .min(1, { error: "Enter your name" })
  .max(120, { error: "Use at most 120 characters" });
