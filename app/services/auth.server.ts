// Sign-up and log-in use cases: hashing, throttling of failed attempts, role defaults.
import {
  clearFailures,
  countRecentFailures,
  recordFailures,
} from "~/models/login-attempt.server";
import {
  createUser,
  emailExists,
  getFirstHubId,
  getUserCredentials,
  type SessionUser,
} from "~/models/user.server";
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
    return { ok: false, field: "email", message: "An account with this email already exists. Log in instead." };
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
    if (error instanceof Error && "code" in error && (error as { code?: string }).code === "P2002") {
      return { ok: false, field: "email", message: "An account with this email already exists. Log in instead." };
    }
    throw error;
  }
}

export type LoginResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

export async function logIn(input: { email: string; password: string; clientAddress: string | null }): Promise<LoginResult> {
  const env = getEnv();
  const windowMs = env.LOGIN_WINDOW_MINUTES * 60_000;
  const since = new Date(Date.now() - windowMs);
  const keys = [`email:${input.email.toLowerCase()}`];
  if (input.clientAddress) keys.push(`ip:${input.clientAddress}`);

  const failures = await countRecentFailures({ keys, since });
  const blocked = failures.find((row) => row._count._all >= env.LOGIN_MAX_ATTEMPTS);
  if (blocked) {
    const oldest = blocked._min.createdAt?.getTime() ?? Date.now();
    const retryAfterMinutes = Math.max(1, Math.ceil((oldest + windowMs - Date.now()) / 60_000));
    return { ok: false, reason: "throttled", retryAfterMinutes };
  }

  const account = await getUserCredentials({ email: input.email });
  const valid = await verifyPassword(input.password, account?.passwordHash ?? (await getDummyHash()));
  if (!account || !valid) {
    await recordFailures({ keys });
    return { ok: false, reason: "invalid" };
  }
  await clearFailures({ keys: [keys[0]!] });
  await clearFailures({ keys, before: since });
  return { ok: true, userId: account.id };
}
