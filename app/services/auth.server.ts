// Accounts: sign-up, log-in with throttling, log-out everywhere, password change and reset
// (docs/decisions/019).
import { createHash, randomBytes } from "node:crypto";
import {
  clearThrottle,
  deleteStaleThrottles,
  forgiveAttempt,
  recordAttempt,
  type ThrottleRule,
  type ThrottleTiming,
} from "~/models/login-attempt.server";
import {
  createPasswordResetToken,
  deleteExpiredResetTokens,
  getPasswordResetToken,
  resetPasswordWithToken,
} from "~/models/password-reset.server";
import {
  createUser,
  emailExists,
  endAllSessions,
  getFirstHubId,
  getPasswordHash,
  getUserCredentials,
  setUserPassword,
  type SessionUser,
} from "~/models/user.server";
import { currentLanguage, serverT } from "~/i18n/i18n.server";
import { notifyPasswordReset } from "~/services/notification.server";
import { isUniqueViolation } from "~/models/database.server";
import { getEnv } from "~/utils/env.server";
import { getDummyHash, hashPassword, verifyPassword } from "~/utils/password.server";

export type SignupRole = "HOUSEHOLD" | "RESTAURANT" | "FARMER";

export type SignupResult = { ok: true; user: SessionUser } | { ok: false; field: "email"; message: string };

export async function signUp(input: {
  email: string;
  password: string;
  name: string;
  accountType: SignupRole;
}): Promise<SignupResult> {
  if (await emailExists({ email: input.email })) {
    return { ok: false, field: "email", message: serverT("auth")("signup.emailTaken") };
  }
  const passwordHash = await hashPassword(input.password);
  const role = input.accountType === "FARMER" ? "FARMER" : "BUYER";
  const buyerKind = input.accountType === "FARMER" ? null : input.accountType;
  try {
    const user = await createUser({
      email: input.email,
      name: input.name,
      passwordHash,
      role,
      buyerKind,
      hubId: await getFirstHubId(),
    });
    return { ok: true, user };
  } catch (error) {
    // Two sign-ups racing for the same email: the unique index decides.
    if (isUniqueViolation(error)) {
      return { ok: false, field: "email", message: serverT("auth")("signup.emailTaken") };
    }
    throw error;
  }
}

export type LoginResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/** A client without a known address (no socket address reached the app) shares one bucket. */
const addressKey = (address: string | null) => address || "unknown";

/**
 * The pauses: the first after the limit is 15 s, then each attempt let through doubles it, up to
 * LOGIN_WINDOW_MINUTES; counts start again from zero every LOGIN_WINDOW_MINUTES (a fixed window).
 */
function throttleTiming(now = new Date()): ThrottleTiming {
  const windowSeconds = getEnv().LOGIN_WINDOW_MINUTES * 60;
  return { now, windowSeconds, baseDelaySeconds: 15, maxDelaySeconds: windowSeconds };
}

/**
 * Counts the attempt against each rule in turn; it goes ahead only when every rule allows it. A
 * refused attempt counts nowhere (the counts are of passwords actually checked): the rules that had
 * already counted it take it back.
 */
async function throttle(
  rules: ThrottleRule[],
  timing: ThrottleTiming,
): Promise<{
  allowed: boolean;
  retryAfterSeconds: number;
  counted: Array<{ rule: ThrottleRule; startedPause: Date | null }>;
}> {
  const counted: Array<{ rule: ThrottleRule; startedPause: Date | null }> = [];
  for (const rule of rules) {
    const outcome = await recordAttempt(rule, timing);
    if (!outcome.allowed) {
      for (const earlier of counted) await forgiveAttempt(earlier.rule, earlier.startedPause);
      const until = outcome.blockedUntil?.getTime() ?? timing.now.getTime();
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((until - timing.now.getTime()) / 1000)),
        counted: [],
      };
    }
    counted.push({ rule, startedPause: outcome.blockedUntil });
  }
  return { allowed: true, retryAfterSeconds: 0, counted };
}

function loginRules(email: string, clientAddress: string | null): { pair: ThrottleRule; address: ThrottleRule } {
  const limit = getEnv().LOGIN_MAX_ATTEMPTS;
  const address = addressKey(clientAddress);
  return {
    // Guessing one account's password from one address.
    pair: { key: `login:${email.toLowerCase()}|${address}`, limit },
    // Guessing many accounts from one address (an office behind one address gets more room).
    address: { key: `login-address:${address}`, limit: limit * 4 },
  };
}

/**
 * Every attempt is counted (atomically, in the database) before the password is checked, per
 * account-and-address pair and per address, so parallel attempts cannot exceed the limit. There
 * is no per-account lock: an attack from elsewhere never keeps the owner out (docs/decisions/019).
 */
export async function logIn(input: {
  email: string;
  password: string;
  clientAddress: string | null;
}): Promise<LoginResult> {
  const timing = throttleTiming();
  const rules = loginRules(input.email, input.clientAddress);
  // The address first: a paused address is refused before any per-account row is written, so
  // varying the email from a paused address cannot grow the table.
  const gate = await throttle([rules.address, rules.pair], timing);
  if (!gate.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: gate.retryAfterSeconds };

  const account = await getUserCredentials({ email: input.email });
  const valid = await verifyPassword(input.password, account?.passwordHash ?? (await getDummyHash()));
  // A deactivated account (a driver the coordinator let go, docs/decisions/030) reads as no match.
  if (!account || !valid || account.deactivatedAt) return { ok: false, reason: "invalid" };
  // A correct password clears this pair and takes back its own count from the address (a
  // successful log-in never clears the address: one's own account must not reset an attack).
  await clearThrottle({ key: rules.pair.key });
  const address = gate.counted.find((entry) => entry.rule.key === rules.address.key);
  if (address) await forgiveAttempt(address.rule, address.startedPause);
  await deleteStaleThrottles({ before: new Date(timing.now.getTime() - timing.windowSeconds * 2000) });
  return { ok: true, userId: account.id };
}

/** "Log out everywhere": every session of the user ends, this one included. */
export async function logOutEverywhere({ userId }: { userId: string }): Promise<void> {
  await endAllSessions({ userId });
}

export type ChangePasswordResult =
  { ok: true } | { ok: false; field: "currentPassword"; message: string; status: 400 | 429 };

/**
 * Needs the current password (throttled like a log-in, so a borrowed session cannot guess it);
 * the new one ends every other session. The caller starts a fresh session for this browser.
 */
export async function changePassword(input: {
  userId: string;
  currentPassword: string;
  newPassword: string;
}): Promise<ChangePasswordResult> {
  const timing = throttleTiming();
  const rule = { key: `password-change:${input.userId}`, limit: getEnv().LOGIN_MAX_ATTEMPTS };
  const gate = await throttle([rule], timing);
  if (!gate.allowed) {
    return {
      ok: false,
      field: "currentPassword",
      status: 429,
      message: serverT("auth")("password.throttled", { wait: formatWait(gate.retryAfterSeconds) }),
    };
  }
  const stored = await getPasswordHash({ id: input.userId });
  if (!stored || !(await verifyPassword(input.currentPassword, stored))) {
    return { ok: false, field: "currentPassword", status: 400, message: serverT("auth")("password.wrongCurrent") };
  }
  await clearThrottle({ key: rule.key });
  await setUserPassword({ id: input.userId, passwordHash: await hashPassword(input.newPassword) });
  return { ok: true };
}

export const RESET_TOKEN_MINUTES = 30;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * "Forgot your password?": emails a single-use link when the address belongs to an account. The
 * caller answers the same whether or not it does. Throttled per email (3, then growing pauses)
 * and per client address (10). Returns whether a request was throttled, for the status code only.
 */
export async function requestPasswordReset(input: {
  email: string;
  clientAddress: string | null;
}): Promise<{ throttled: boolean }> {
  const email = input.email.toLowerCase();
  const timing = throttleTiming();
  const gate = await throttle(
    [
      { key: `reset-address:${addressKey(input.clientAddress)}`, limit: 10 },
      { key: `reset:${email}`, limit: 3 },
    ],
    timing,
  );
  if (!gate.allowed) return { throttled: true };
  const account = await getUserCredentials({ email });
  if (!account || account.deactivatedAt) return { throttled: false };
  const token = randomBytes(32).toString("base64url");
  await createPasswordResetToken({
    userId: account.id,
    tokenHash: hashToken(token),
    expiresAt: new Date(timing.now.getTime() + RESET_TOKEN_MINUTES * 60_000),
  });
  await deleteExpiredResetTokens({ before: new Date(timing.now.getTime() - 24 * 60 * 60_000) });
  // In the account's language; without a saved one, the language the request was made in.
  await notifyPasswordReset({
    to: email,
    token,
    minutes: RESET_TOKEN_MINUTES,
    language: account.locale ?? currentLanguage(),
  });
  return { throttled: false };
}

export type ResetTokenState = "valid" | "expired" | "used" | "unknown";

/** What a reset link is worth, for the page that opens it (opening it uses nothing). */
export async function checkResetToken({ token }: { token: string }): Promise<ResetTokenState> {
  const row = await getPasswordResetToken({ tokenHash: hashToken(token) });
  if (!row) return "unknown";
  if (row.usedAt) return "used";
  if (row.expiresAt.getTime() <= Date.now()) return "expired";
  return "valid";
}

/** Sets the new password from a reset link: the link is used up and every session ends. */
export async function resetPassword(input: {
  token: string;
  newPassword: string;
}): Promise<{ ok: true; userId: string } | { ok: false; state: ResetTokenState }> {
  const passwordHash = await hashPassword(input.newPassword);
  const done = await resetPasswordWithToken({ tokenHash: hashToken(input.token), passwordHash, now: new Date() });
  if (done) return { ok: true, userId: done.userId };
  const state = await checkResetToken({ token: input.token });
  return { ok: false, state: state === "valid" ? "used" : state };
}

/** "45 seconds", "3 minutes", in the current request's language. */
export function formatWait(seconds: number): string {
  const t = serverT("auth");
  if (seconds < 90) return t("wait.seconds", { count: seconds });
  return t("wait.minutes", { count: Math.ceil(seconds / 60) });
}
