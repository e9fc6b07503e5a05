// Environment, parsed once with zod. A bad or missing variable stops the process with a message
// naming it. Only `getPublicEnv()` reaches the browser.
import { isIP } from "node:net";
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
/**
 * Express `trust proxy`: a hop count ("1": the one load balancer in front) or a comma-separated
 * list of proxy addresses and CIDR ranges (or Express's names loopback, linklocal, uniquelocal).
 * `true` is refused: it trusts any X-Forwarded-For a client writes, so every request could claim a
 * new address and walk past log-in throttling.
 */
const TRUST_PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);
function isAddressOrRange(entry: string): boolean {
  if (TRUST_PROXY_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split("/");
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (/^\d{1,3}$/.test(prefix)) return Number(prefix) <= (family === 4 ? 32 : 128);
  // proxy-addr also takes a dotted netmask: 10.0.0.0/255.0.0.0
  return family === 4 && isIP(prefix) === 4;
}
export const TrustProxySchema = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx): number | string[] | undefined => {
    if (value === undefined || value === "") return undefined;
    if (/^(true|yes|on)$/i.test(value)) {
      ctx.addIssue({
        code: "custom",
        message:
          "`true` trusts any X-Forwarded-For a client sends (a rotated header walks past log-in throttling). Give the number of proxies in front of the app (e.g. 1) or their addresses/CIDR ranges (e.g. 10.0.0.0/8)",
      });
      return z.NEVER;
    }
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(",").map((entry) => entry.trim());
    const bad = entries.filter((entry) => !isAddressOrRange(entry));
    if (bad.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `must be a hop count (e.g. 1) or a comma-separated list of IP addresses or CIDR ranges; not understood: ${bad.map((entry) => JSON.stringify(entry)).join(", ")}`,
      });
      return z.NEVER;
    }
    return entries;
  });

/** A text-message sender: an E.164 number, or an alphanumeric sender id (1–11 characters, one letter at least). */
const SmsFromSchema = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .pipe(
    z
      .string()
      .regex(
        /^(\+[1-9]\d{7,14}|(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11})$/,
        "must be a phone number in international form (+447700900123) or a sender name of at most 11 letters and digits",
      )
      .optional(),
  )
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
    /**
     * Text messages through Twilio's Messages API (or any server speaking its REST shape): all
     * three of SID, token and sender, or none (messages then stay in the admin outbox).
     */
    SMS_API_URL: optionalUrl,
    SMS_ACCOUNT_SID: optionalText,
    SMS_AUTH_TOKEN: optionalText,
    SMS_FROM: SmsFromSchema,
    /** First wait before retrying a text message after a network error or a 5xx; doubles each time. */
    SMS_RETRY_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
    /** Hub time of day when buyers are told the next day's arrival window ("18:00"). */
    DELIVERY_EVE_NOTICE_TIME: z
      .string()
      .trim()
      .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, "must be a time of day as HH:MM, e.g. 18:00")
      .default("18:00"),
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
    TRUST_PROXY: TrustProxySchema,
  })
  .superRefine((env, ctx) => {
    const sms = { SMS_ACCOUNT_SID: env.SMS_ACCOUNT_SID, SMS_AUTH_TOKEN: env.SMS_AUTH_TOKEN, SMS_FROM: env.SMS_FROM };
    const given = Object.entries(sms).filter(([, value]) => value !== undefined);
    if (given.length > 0 && given.length < 3) {
      for (const [name, value] of Object.entries(sms)) {
        if (value === undefined)
          ctx.addIssue({
            code: "custom",
            path: [name],
            message: `is required when ${given.map(([n]) => n).join(" and ")} ${given.length === 1 ? "is" : "are"} set (text messages need the account SID, the auth token and the sender)`,
          });
      }
    }
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_WEBHOOK_SECRET"],
        message: "is required when STRIPE_SECRET_KEY is set (webhooks confirm payments)",
      });
    }
  });

export type Env = z.infer<typeof EnvSchema> & {
  SESSION_SECRET: string;
  DATABASE_URL: string;
  TILE_ATTRIBUTION: string;
};

const OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

function defaultAttribution(tileUrl: string): string {
  if (tileUrl.startsWith("/tiles/")) return "Offline grid tiles (no map data)";
  return OSM_ATTRIBUTION;
}

export class EnvError extends Error {
  override name = "EnvError";
}

const DEV_SESSION_SECRET = "foodshed-development-secret-not-for-production";

/**
 * The development secret is public (it is in this file): only `NODE_ENV=development` (set by
 * `npm run dev`) and `NODE_ENV=test` may fall back to it. Anything else — production, or a built
 * server started without NODE_ENV — needs a SESSION_SECRET of at least 32 characters.
 */
function sessionSecretIssue(source: Record<string, string | undefined>, secret: string | undefined): string | null {
  const mode = source.NODE_ENV?.trim();
  if (mode === "development" || mode === "test") return null;
  const where = mode ? `with NODE_ENV=${mode}` : "without NODE_ENV=development";
  if (!secret) {
    return `is required ${where} (the development secret is public and would let anyone sign a session cookie): set at least 32 random characters, e.g. \`openssl rand -hex 32\``;
  }
  if (secret === DEV_SESSION_SECRET)
    return `must not be the public development secret ${where}: use \`openssl rand -hex 32\``;
  if (secret.length < 32) return `must be at least 32 characters ${where} (e.g. \`openssl rand -hex 32\`)`;
  return null;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  const lines = result.success
    ? []
    : result.error.issues.map((issue) => {
        const name = issue.path.join(".") || "environment";
        return `  ${name}: ${issue.message}`;
      });
  const secretIssue = sessionSecretIssue(source, source.SESSION_SECRET?.trim() || undefined);
  if (secretIssue && !lines.some((line) => line.startsWith("  SESSION_SECRET:")))
    lines.push(`  SESSION_SECRET: ${secretIssue}`);
  if (!result.success || lines.length > 0) {
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
