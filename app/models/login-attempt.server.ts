// Throttle state for log-ins and password-reset requests (docs/decisions/019). One row per key; every
// attempt goes through one atomic upsert that counts it and decides, in the same statement, whether
// it may proceed — so parallel attempts are serialised by the row lock and cannot all slip past
// the limit. Times are computed here and passed in (the columns hold UTC without a time zone).
import { prisma } from "~/utils/db.server";

export interface ThrottleRule {
  key: string;
  /** Attempts let through before the pauses start. */
  limit: number;
}

export interface ThrottleTiming {
  now: Date;
  /** Counts run in fixed windows of this length: a new window starts again from zero. */
  windowSeconds: number;
  /** The first pause after the limit; each further attempt let through doubles it… */
  baseDelaySeconds: number;
  /** …up to this. */
  maxDelaySeconds: number;
}

export interface ThrottleOutcome {
  key: string;
  allowed: boolean;
  failures: number;
  blockedUntil: Date | null;
}

const iso = (date: Date) => date.toISOString();

/**
 * Counts one attempt against `rule.key` and says whether it may go ahead. An attempt refused
 * because the key is paused does not count again; an attempt let through counts until
 * `forgiveAttempt`/`clearThrottle` takes it back (a correct password).
 */
export async function recordAttempt(rule: ThrottleRule, timing: ThrottleTiming): Promise<ThrottleOutcome> {
  const now = iso(timing.now);
  const staleBefore = iso(new Date(timing.now.getTime() - timing.windowSeconds * 1000));
  const { limit } = rule;
  const base = timing.baseDelaySeconds;
  const cap = timing.maxDelaySeconds;
  const rows = await prisma.$queryRaw<
    Array<{ allowed: boolean; failures: number; blockedUntil: Date | string | null }>
  >`
    INSERT INTO "LoginThrottle" AS t ("key", "failures", "blockedUntil", "allowed", "windowStartedAt", "updatedAt")
    VALUES (
      ${rule.key}, 1,
      CASE WHEN 1 >= ${limit}::int THEN ${now}::timestamp(3) + make_interval(secs => ${base}::float8) ELSE NULL END,
      true, ${now}::timestamp(3), ${now}::timestamp(3)
    )
    ON CONFLICT ("key") DO UPDATE SET
      -- In a pause: refused, and nothing changes. Otherwise counted (from zero in a new window), and
      -- reaching the limit starts a pause that doubles with every further attempt let through.
      "failures" = CASE
        WHEN t."blockedUntil" > ${now}::timestamp(3) THEN t."failures"
        WHEN t."windowStartedAt" < ${staleBefore}::timestamp(3) THEN 1
        ELSE t."failures" + 1 END,
      "allowed" = NOT (t."blockedUntil" IS NOT NULL AND t."blockedUntil" > ${now}::timestamp(3)),
      "blockedUntil" = CASE
        WHEN t."blockedUntil" > ${now}::timestamp(3) THEN t."blockedUntil"
        WHEN t."windowStartedAt" < ${staleBefore}::timestamp(3) THEN
          CASE WHEN 1 >= ${limit}::int THEN ${now}::timestamp(3) + make_interval(secs => ${base}::float8) ELSE NULL END
        WHEN t."failures" + 1 >= ${limit}::int THEN ${now}::timestamp(3)
          + make_interval(secs => LEAST(${cap}::float8, ${base}::float8 * power(2, t."failures" + 1 - ${limit}::int)))
        ELSE NULL END,
      "windowStartedAt" = CASE
        WHEN t."blockedUntil" > ${now}::timestamp(3) THEN t."windowStartedAt"
        WHEN t."windowStartedAt" < ${staleBefore}::timestamp(3) THEN ${now}::timestamp(3)
        ELSE t."windowStartedAt" END,
      "updatedAt" = ${now}::timestamp(3)
    RETURNING "allowed", "failures", "blockedUntil"`;
  const row = rows[0]!;
  return {
    key: rule.key,
    allowed: row.allowed,
    failures: Number(row.failures),
    blockedUntil: row.blockedUntil === null ? null : asUtc(row.blockedUntil),
  };
}

function asUtc(value: Date | string): Date {
  if (value instanceof Date) return value;
  // A timestamp without time zone read back as text: it holds UTC.
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(" ", "T")}Z`);
}

/**
 * Takes back one counted attempt (a correct password, or an attempt another rule refused), as if
 * it had not happened: the count goes down by one, and the pause that this attempt started (if it
 * started one — `startedPause` is the `blockedUntil` its `recordAttempt` returned) is lifted.
 */
export async function forgiveAttempt(rule: ThrottleRule, startedPause: Date | null) {
  const pause = startedPause ? iso(startedPause) : null;
  await prisma.$executeRaw`
    UPDATE "LoginThrottle" SET
      "failures" = GREATEST("failures" - 1, 0),
      "blockedUntil" = CASE
        WHEN "failures" - 1 < ${rule.limit}::int THEN NULL
        WHEN ${pause}::timestamp(3) IS NOT NULL AND "blockedUntil" = ${pause}::timestamp(3) THEN NULL
        ELSE "blockedUntil" END
    WHERE "key" = ${rule.key}`;
}

export async function clearThrottle({ key }: { key: string }) {
  await prisma.loginThrottle.deleteMany({ where: { key } });
}

/** Forgets keys with no attempt since `before` (they would start from zero anyway). */
export async function deleteStaleThrottles({ before }: { before: Date }) {
  await prisma.loginThrottle.deleteMany({ where: { updatedAt: { lt: before } } });
}
