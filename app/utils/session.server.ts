// Signed, httpOnly cookie sessions: the app stays stateless and scales by adding instances.
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { getSessionUserById, type SessionUser } from "~/models/user.server";
import type { Role } from "~generated/prisma/enums.ts";
import { getEnv } from "./env.server";

const SESSION_MAX_AGE_SECONDS = 60 * 60 * 24 * 30;

interface SessionData {
  userId: string;
  issuedAt: number;
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

export async function getUserId(request: Request): Promise<string | null> {
  const session = await getSession(request);
  const userId = session.get("userId");
  const issuedAt = session.get("issuedAt");
  if (typeof userId !== "string" || typeof issuedAt !== "number") return null;
  // The cookie's own expiry is enforced by the browser; enforce it here too so a replayed old
  // cookie is not accepted.
  if (Date.now() - issuedAt > SESSION_MAX_AGE_SECONDS * 1000) return null;
  return userId;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  const userId = await getUserId(request);
  if (!userId) return null;
  return getSessionUserById({ id: userId });
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
    throw new Response("You do not have access to this page.", { status: 403, statusText: "Forbidden" });
  }
  return user;
}

/** Like requireRole, but admins do not pass unless listed (e.g. pages that need a buyer's basket). */
export async function requireExactRole(request: Request, roles: Role | Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  const allowed = Array.isArray(roles) ? roles : [roles];
  if (!allowed.includes(user.role)) {
    throw new Response("You do not have access to this page.", { status: 403, statusText: "Forbidden" });
  }
  return user;
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
  const session = await getSession(request);
  session.set("userId", userId);
  session.set("issuedAt", Date.now());
  if (flash) session.flash("toast", flash);
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": await commitSession(session) } });
}

export async function logout(request: Request) {
  const session = await getSession(request);
  return redirect("/", { headers: { "Set-Cookie": await getStorage().destroySession(session) } });
}

/** Redirect target from user input: same-site paths only. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  return to;
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
