// Signed, httpOnly cookie sessions backed by a server-side record (docs/decisions/019): the cookie
// carries a random session id (only its sha256 is stored) and the user's session version. Log-out
// deletes the record; "log out everywhere", a password change or reset and a role change bump the
// version. Both are checked on every request in one place, `readSession`.
import { createHash, randomBytes } from "node:crypto";
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import {
  createSessionRecord,
  deleteExpiredSessions,
  deleteSessionRecord,
  getSessionRecord,
} from "~/models/session.server";
import { getSessionVersion, type SessionUser } from "~/models/user.server";
import type { Role } from "~generated/prisma/enums.ts";
import { noteSignedInUserLanguage, serverT } from "~/i18n/i18n.server";
import { getEnv } from "./env.server";
import { safeRedirect } from "./redirect";

export { safeRedirect };

const SESSION_MAX_AGE_SECONDS = 60 * 60 * 24 * 30;

interface SessionData {
  userId: string;
  issuedAt: number;
  /** Random session id; the database keeps only its sha256. */
  sid: string;
  /** The user's session version when the session started. */
  v: number;
}
interface FlashData {
  toast: string;
}

let storage: ReturnType<typeof createCookieSessionStorage<SessionData, FlashData>> | undefined;
function getStorage() {
  if (!storage) {
    const env = getEnv();
    storage = createCookieSessionStorage<SessionData, FlashData>({
      cookie: {
        name: "__foodshed",
        httpOnly: true,
        // Lax, not Strict: a link from an email or the return from Stripe Checkout must arrive
        // logged in. Cross-site form posts are refused by the origin check (docs/decisions/019).
        sameSite: "lax",
        path: "/",
        secure: env.NODE_ENV === "production" && !env.APP_URL?.startsWith("http://"),
        secrets: [env.SESSION_SECRET],
        maxAge: SESSION_MAX_AGE_SECONDS,
      },
    });
  }
  return storage;
}

export function getSession(request: Request) {
  // A tampered cookie fails the signature check and yields an empty session: logged out, no error.
  return getStorage().getSession(request.headers.get("Cookie"));
}

export function commitSession(session: Awaited<ReturnType<typeof getSession>>) {
  return getStorage().commitSession(session);
}

function hashSessionId(sid: string): string {
  return createHash("sha256").update(sid).digest("hex");
}

/**
 * The one place that decides who is signed in. The cookie must be signed, not older than 30 days,
 * name a session record that exists, has not expired and belongs to the same user, and carry the
 * user's current session version. Anything else reads as logged out.
 */
async function readSession(request: Request): Promise<SessionUser | null> {
  const session = await getSession(request);
  const userId = session.get("userId");
  const issuedAt = session.get("issuedAt");
  const sid = session.get("sid");
  const version = session.get("v");
  if (
    typeof userId !== "string" ||
    typeof issuedAt !== "number" ||
    typeof sid !== "string" ||
    typeof version !== "number"
  ) {
    return null;
  }
  // The cookie's own expiry is enforced by the browser; enforce it here too so a replayed old
  // cookie is not accepted.
  if (Date.now() - issuedAt > SESSION_MAX_AGE_SECONDS * 1000) return null;
  const record = await getSessionRecord({ tokenHash: hashSessionId(sid) });
  if (!record || record.userId !== userId || record.expiresAt.getTime() <= Date.now()) return null;
  if (record.sessionVersion !== version) return null;
  // From here on the request speaks the user's saved language, if they chose one.
  noteSignedInUserLanguage(record.user.locale);
  return record.user;
}

export async function getUserId(request: Request): Promise<string | null> {
  return (await readSession(request))?.id ?? null;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return readSession(request);
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  return redirect(`/login?${new URLSearchParams({ redirectTo })}`);
}

/** Throws a redirect to the log-in page when nobody (or a deleted user) is signed in. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) throw loginRedirect(request);
  return user;
}

/** Throws 403 when the signed-in user has none of the roles. Admins pass every role check. */
export async function requireRole(request: Request, roles: Role | Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  const allowed = Array.isArray(roles) ? roles : [roles];
  if (!allowed.includes(user.role) && user.role !== "ADMIN") {
    throw new Response(serverT()("errors.403.title"), { status: 403, statusText: "Forbidden" });
  }
  return user;
}

/** Like requireRole, but admins do not pass unless listed (e.g. pages that need a buyer's basket). */
export async function requireExactRole(request: Request, roles: Role | Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  const allowed = Array.isArray(roles) ? roles : [roles];
  if (!allowed.includes(user.role)) {
    throw new Response(serverT()("errors.403.title"), { status: 403, statusText: "Forbidden" });
  }
  return user;
}

/**
 * Starts a session for `userId` in this browser: a fresh random id (never one the browser arrived
 * with, so a planted cookie cannot be logged into), recorded server-side with the user's current
 * session version. Returns the Set-Cookie header value.
 */
export async function startSession(request: Request, userId: string, flash?: string): Promise<string> {
  const session = await getSession(request);
  const previous = session.get("sid");
  if (typeof previous === "string") await deleteSessionRecord({ tokenHash: hashSessionId(previous) });
  const version = await getSessionVersion({ id: userId });
  if (version === null) throw new Error("startSession: no such user");
  const sid = randomBytes(32).toString("base64url");
  const now = Date.now();
  await createSessionRecord({
    userId,
    tokenHash: hashSessionId(sid),
    expiresAt: new Date(now + SESSION_MAX_AGE_SECONDS * 1000),
  });
  // Tidy expired records now and then (they already read as logged out).
  if (Math.random() < 0.05) await deleteExpiredSessions({ now: new Date(now) });
  session.set("userId", userId);
  session.set("issuedAt", now);
  session.set("sid", sid);
  session.set("v", version);
  if (flash) session.flash("toast", flash);
  return commitSession(session);
}

export async function createUserSession({
  request,
  userId,
  redirectTo,
  flash,
}: {
  request: Request;
  userId: string;
  redirectTo: string;
  flash?: string;
}) {
  const setCookie = await startSession(request, userId, flash);
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": setCookie } });
}

/** Ends this browser's session: its record is deleted, so a copy of the cookie is worthless too. */
export async function logout(request: Request, { flash }: { flash?: string } = {}) {
  const session = await getSession(request);
  const sid = session.get("sid");
  if (typeof sid === "string") await deleteSessionRecord({ tokenHash: hashSessionId(sid) });
  if (flash) {
    // A new, anonymous cookie that carries only the message.
    const fresh = await getStorage().getSession();
    fresh.flash("toast", flash);
    return redirect("/", { headers: { "Set-Cookie": await commitSession(fresh) } });
  }
  return redirect("/", { headers: { "Set-Cookie": await getStorage().destroySession(session) } });
}

/** Sets a one-time message shown by the layout, and returns the Set-Cookie header for a redirect. */
export async function redirectWithToast(request: Request, to: string, message: string, init?: ResponseInit) {
  const session = await getSession(request);
  session.flash("toast", message);
  const headers = new Headers(init?.headers);
  headers.append("Set-Cookie", await commitSession(session));
  return redirect(to, { ...init, headers });
}

export async function popToast(request: Request): Promise<{ toast: string | null; setCookie: string | null }> {
  const session = await getSession(request);
  const toast = session.get("toast");
  if (typeof toast !== "string") return { toast: null, setCookie: null };
  return { toast, setCookie: await commitSession(session) };
}
