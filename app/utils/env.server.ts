// Environment, parsed once with zod. A bad or missing variable stops the process with a message
// naming it. Only `getPublicEnv()` reaches the browser.
import { z } from "zod";

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .pipe(z.url().optional())
  .optional();
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();
const positiveNumber = (fallback: number) => z.coerce.number().positive().default(fallback);
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    HOST: z.string().min(1).default("127.0.0.1"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    APP_URL: optionalUrl,
    DATABASE_URL: z
      .string()
      .trim()
      .regex(/^(pglite:|postgres(ql)?:\/\/)/, "must start with pglite: or postgres://")
      .optional(),
    SESSION_SECRET: optionalText,
    DATA_DIR: z.string().min(1).default("./data"),
    UPLOAD_MAX_BYTES: positiveInt(2 * 1024 * 1024),
    STRIPE_SECRET_KEY: optionalText,
    STRIPE_PUBLISHABLE_KEY: optionalText,
    STRIPE_WEBHOOK_SECRET: optionalText,
    /** Points the real Stripe SDK at another host (tests use a local fake). */
    STRIPE_API_BASE: optionalUrl,
    CARD_ORDER_EXPIRY_MINUTES: positiveInt(60),
    SMTP_URL: optionalText,
    MAIL_FROM: z.string().default("Foodshed <orders@foodshed.local>"),
    OSRM_URL: optionalUrl,
    GEOCODER_URL: optionalUrl,
    TILE_URL: z.string().min(1).default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
    /** Defaults to the OpenStreetMap credit for OpenStreetMap tiles, and to a plain note for the local grid. */
    TILE_ATTRIBUTION: optionalText,
    ROAD_CIRCUITY: positiveNumber(1.3),
    AVERAGE_SPEED_KMH: positiveNumber(40),
    CARBON_FACTOR_OVERRIDES: optionalText,
    LOGIN_MAX_ATTEMPTS: positiveInt(5),
    LOGIN_WINDOW_MINUTES: positiveInt(15),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && (!env.SESSION_SECRET || env.SESSION_SECRET.length < 32)) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_SECRET"],
        message: "is required in production and must be at least 32 characters (e.g. `openssl rand -hex 32`)",
      });
    }
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_WEBHOOK_SECRET"],
        message: "is required when STRIPE_SECRET_KEY is set (webhooks confirm payments)",
      });
    }
  });

export type Env = z.infer<typeof EnvSchema> & { SESSION_SECRET: string; DATABASE_URL: string; TILE_ATTRIBUTION: string };

const OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

function defaultAttribution(tileUrl: string): string {
  if (tileUrl.startsWith("/tiles/")) return "Offline grid tiles (no map data)";
  return OSM_ATTRIBUTION;
}

export class EnvError extends Error {
  override name = "EnvError";
}

const DEV_SESSION_SECRET = "foodshed-development-secret-not-for-production";

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = issue.path.join(".") || "environment";
      return `  ${name}: ${issue.message}`;
    });
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}\nSee .env.example for every variable.`);
  }
  const env = result.data;
  return {
    ...env,
    SESSION_SECRET: env.SESSION_SECRET ?? DEV_SESSION_SECRET,
    TILE_ATTRIBUTION: env.TILE_ATTRIBUTION ?? defaultAttribution(env.TILE_URL),
    DATABASE_URL: env.DATABASE_URL ?? (env.NODE_ENV === "test" ? "pglite:memory" : `pglite:${env.DATA_DIR}/db`),
  };
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The subset the browser may see. */
export function getPublicEnv() {
  const env = getEnv();
  return {
    TILE_URL: env.TILE_URL,
    TILE_ATTRIBUTION: env.TILE_ATTRIBUTION,
    GEOCODER_ENABLED: Boolean(env.GEOCODER_URL),
    STRIPE_ENABLED: Boolean(env.STRIPE_SECRET_KEY),
  };
}
export type PublicEnv = ReturnType<typeof getPublicEnv>;
