// Sessions and accounts (docs/decisions/019): log-out ends the session for real, throttling holds
// under parallel attempts without locking the owner out, redirects stay on the site.
import { describe, expect, it } from "vitest";
import { forgiveAttempt, recordAttempt } from "~/models/login-attempt.server";
import { setUserRole } from "~/models/user.server";
import { action as accountAction } from "~/routes/account";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password.$token";
import { prisma } from "~/utils/db.server";
import { getUser } from "~/utils/session.server";
import { createTestUser, TEST_PASSWORD } from "../factories";

const args = (request: Request) => ({ request, params: {}, context: {} });

function post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form),
  });
}

async function logInCookie(email: string, address = "203.0.113.1"): Promise<string> {
  const response = (await loginAction(
    args(post("/login", { email, password: TEST_PASSWORD }, { "x-client-address": address })),
  )) as Response;
  expect(response.status).toBe(302);
  return response.headers.get("Set-Cookie")!.split(";")[0]!;
}

const asBrowser = (cookie: string) => new Request("http://localhost/", { headers: { Cookie: cookie } });

describe("log-out", () => {
  it("makes a copied session cookie unusable", async () => {
    const user = await createTestUser();
    const cookie = await logInCookie(user.email);
    expect((await getUser(asBrowser(cookie)))?.id).toBe(user.id);
    const response = (await logoutAction(
      args(new Request("http://localhost/logout", { method: "POST", headers: { Cookie: cookie } })),
    )) as Response;
    expect(response.status).toBe(302);
    // Someone who copied the cookie before log-out replays it.
    expect(await getUser(asBrowser(cookie))).toBeNull();
  });
});

describe("log-in throttling", () => {
  it("checks at most the limit of 30 parallel bad passwords, and the owner still logs in from another address", async () => {
    const user = await createTestUser();
    const attacker = "198.51.100.7";
    const responses = (await Promise.all(
      Array.from({ length: 30 }, () =>
        loginAction(
          args(post("/login", { email: user.email, password: "wrong-password-x" }, { "x-client-address": attacker })),
        ),
      ),
    )) as Response[];
    const checked = responses.filter((r) => r.status === 400).length;
    const throttled = responses.filter((r) => r.status === 429).length;
    expect(checked + throttled).toBe(30);
    expect(checked).toBeLessThanOrEqual(5);
    // The owner, from home, with the right password.
    const owner = (await loginAction(
      args(post("/login", { email: user.email, password: TEST_PASSWORD }, { "x-client-address": "192.0.2.44" })),
    )) as Response;
    expect(owner.status).toBe(302);
    // Another account from the attacker's address is not blocked by the attack on this one.
    const neighbour = await createTestUser();
    const other = (await loginAction(
      args(post("/login", { email: neighbour.email, password: TEST_PASSWORD }, { "x-client-address": attacker })),
    )) as Response;
    expect(other.status).toBe(302);
  });
});

describe("redirect after log-in", () => {
  it.each([
    "/\t/evil.example",
    "/\\evil.example",
    "//evil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "/ok\r\nSet-Cookie: x=y",
  ])("stays on the site for %j", async (redirectTo) => {
    const user = await createTestUser();
    const response = (await loginAction(
      args(post("/login", { email: user.email, password: TEST_PASSWORD, redirectTo })),
    )) as Response;
    expect(response.status).toBe(302);
    const target = new URL(response.headers.get("Location")!, "http://localhost");
    expect(target.origin).toBe("http://localhost");
    expect(response.headers.get("Location")).toBe("/");
  });
});

// ---------------------------------------------------------------------------------------------
// Sessions ended on purpose: log out everywhere, password change, role change.

const withCookie = (path: string, cookie: string, form: Record<string, string>) =>
  new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body: new URLSearchParams(form),
  });

describe("ending sessions", () => {
  it("log out everywhere ends every device's session", async () => {
    const user = await createTestUser();
    const laptop = await logInCookie(user.email, "203.0.113.10");
    const phone = await logInCookie(user.email, "203.0.113.11");
    const response = (await logoutAction(args(withCookie("/logout", laptop, { scope: "everywhere" })))) as Response;
    expect(response.status).toBe(302);
    expect(await getUser(asBrowser(laptop))).toBeNull();
    expect(await getUser(asBrowser(phone))).toBeNull();
    // A later log-in works as usual.
    expect((await getUser(asBrowser(await logInCookie(user.email))))?.id).toBe(user.id);
  });

  it("plain log-out ends only this browser's session", async () => {
    const user = await createTestUser();
    const laptop = await logInCookie(user.email);
    const phone = await logInCookie(user.email);
    await logoutAction(args(withCookie("/logout", laptop, {})));
    expect(await getUser(asBrowser(laptop))).toBeNull();
    expect((await getUser(asBrowser(phone)))?.id).toBe(user.id);
  });

  it("a password change needs the current password and ends the other sessions", async () => {
    const user = await createTestUser();
    const here = await logInCookie(user.email);
    const elsewhere = await logInCookie(user.email);

    const wrong = (await accountAction(
      args(
        withCookie("/account", here, {
          intent: "password",
          currentPassword: "not-my-password",
          newPassword: "a-brand-new-password",
        }),
      ),
    )) as Response;
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(await wrong.json())).toContain("not your current password");
    const short = (await accountAction(
      args(withCookie("/account", here, { intent: "password", currentPassword: TEST_PASSWORD, newPassword: "short" })),
    )) as Response;
    expect(short.status).toBe(400);
    expect(JSON.stringify(await short.json())).toContain("at least 10");

    const changed = (await accountAction(
      args(
        withCookie("/account", here, {
          intent: "password",
          currentPassword: TEST_PASSWORD,
          newPassword: "a-brand-new-password",
        }),
      ),
    )) as Response;
    expect(changed.status).toBe(302);
    const renewed = changed.headers.get("Set-Cookie")!.split(";")[0]!;
    expect((await getUser(asBrowser(renewed)))?.id).toBe(user.id);
    expect(await getUser(asBrowser(elsewhere))).toBeNull();
    expect(await getUser(asBrowser(here))).toBeNull();

    const old = (await loginAction(
      args(post("/login", { email: user.email, password: TEST_PASSWORD }, { "x-client-address": "192.0.2.9" })),
    )) as Response;
    expect(old.status).toBe(400);
    const fresh = (await loginAction(
      args(
        post("/login", { email: user.email, password: "a-brand-new-password" }, { "x-client-address": "192.0.2.9" }),
      ),
    )) as Response;
    expect(fresh.status).toBe(302);
  });

  it("a role change ends the user's sessions; saving the same role does not", async () => {
    const user = await createTestUser();
    const cookie = await logInCookie(user.email);
    await setUserRole({ id: user.id, role: "BUYER", buyerKind: "HOUSEHOLD" });
    expect((await getUser(asBrowser(cookie)))?.id).toBe(user.id);
    await setUserRole({ id: user.id, role: "FARMER", buyerKind: null });
    expect(await getUser(asBrowser(cookie))).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Password reset by email.

async function askForReset(email: string, address = "198.51.100.50") {
  return (await forgotAction(args(post("/forgot-password", { email }, { "x-client-address": address })))) as Response;
}

async function latestResetToken(email: string): Promise<string> {
  const message = await prisma.emailMessage.findFirstOrThrow({
    where: { to: email, kind: "password-reset" },
    orderBy: { createdAt: "desc" },
  });
  const token = /\/reset-password\/([A-Za-z0-9_-]+)/.exec(message.text)?.[1];
  expect(token).toBeTruthy();
  return token!;
}

const resetArgs = (token: string, request: Request) => ({ request, params: { token }, context: {} });

describe("password reset", () => {
  it("answers the same whether or not the email has an account, and emails only an account", async () => {
    const user = await createTestUser();
    const known = await askForReset(user.email);
    const unknown = await askForReset(`nobody-${Date.now()}@example.test`);
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const strip = (body: unknown) => JSON.stringify(body).replace(/"initialValue":\{[^}]*\}/, "");
    expect(strip(await known.json())).toBe(strip(await unknown.json()));
    expect(await prisma.emailMessage.count({ where: { to: user.email, kind: "password-reset" } })).toBe(1);
    // Only the hash of the token is stored.
    const token = await latestResetToken(user.email);
    const stored = await prisma.passwordResetToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Math.abs(stored.expiresAt.getTime() - stored.createdAt.getTime() - 30 * 60_000)).toBeLessThan(5_000);
  });

  it("sets a new password once, ends every session and logs in", async () => {
    const user = await createTestUser();
    const before = await logInCookie(user.email);
    await askForReset(user.email);
    const token = await latestResetToken(user.email);

    const page = (await resetLoader(
      resetArgs(token, new Request(`http://localhost/reset-password/${token}`)),
    )) as Response;
    expect(page.status).toBe(200);
    expect(await page.json()).toEqual({ state: "valid", minutes: 30 });

    const done = (await resetAction(
      resetArgs(token, post(`/reset-password/${token}`, { password: "reset-and-remembered" })),
    )) as Response;
    expect(done.status).toBe(302);
    const cookie = done.headers.get("Set-Cookie")!.split(";")[0]!;
    expect((await getUser(asBrowser(cookie)))?.id).toBe(user.id);
    expect(await getUser(asBrowser(before))).toBeNull();

    const again = (await resetAction(
      resetArgs(token, post(`/reset-password/${token}`, { password: "attacker-password-1" })),
    )) as Response;
    expect(again.status).toBe(410);
    expect(await again.json()).toMatchObject({ state: "used" });
    const reopened = (await resetLoader(
      resetArgs(token, new Request(`http://localhost/reset-password/${token}`)),
    )) as Response;
    expect(reopened.status).toBe(410);

    const login = (await loginAction(
      args(
        post("/login", { email: user.email, password: "reset-and-remembered" }, { "x-client-address": "192.0.2.77" }),
      ),
    )) as Response;
    expect(login.status).toBe(302);
  });

  it("refuses an expired link and an invented one with a clear state", async () => {
    const user = await createTestUser();
    await askForReset(user.email, "198.51.100.51");
    const token = await latestResetToken(user.email);
    await prisma.passwordResetToken.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = (await resetAction(
      resetArgs(token, post(`/reset-password/${token}`, { password: "too-late-password" })),
    )) as Response;
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({ state: "expired" });
    const invented = (await resetLoader(
      resetArgs("x".repeat(43), new Request("http://localhost/reset-password/xxx")),
    )) as Response;
    expect(invented.status).toBe(404);
    expect(await invented.json()).toEqual({ state: "unknown", minutes: 30 });
    const garbage = (await resetLoader(
      resetArgs("<script>", new Request("http://localhost/reset-password/x")),
    )) as Response;
    expect(garbage.status).toBe(404);
  });

  it("a newer link or a password change closes the older links", async () => {
    const user = await createTestUser();
    await askForReset(user.email, "198.51.100.52");
    const first = await latestResetToken(user.email);
    const cookie = await logInCookie(user.email);
    await accountAction(
      args(
        withCookie("/account", cookie, {
          intent: "password",
          currentPassword: TEST_PASSWORD,
          newPassword: "changed-in-between",
        }),
      ),
    );
    const late = (await resetAction(
      resetArgs(first, post(`/reset-password/${first}`, { password: "attacker-password-2" })),
    )) as Response;
    expect(late.status).toBe(410);
  });

  it("throttles reset requests per email (three, then a pause) without saying whether it exists", async () => {
    const user = await createTestUser();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await askForReset(user.email, `198.51.100.${60 + i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(await prisma.emailMessage.count({ where: { to: user.email, kind: "password-reset" } })).toBe(3);
  });
});

// ---------------------------------------------------------------------------------------------
// The throttle's pauses, with a controlled clock.

describe("throttle pauses", () => {
  it("lets the limit through, then pauses 15 s, 30 s, 60 s… and forgets after the window", async () => {
    const key = `test:${Date.now()}`;
    const t0 = Date.parse("2026-12-05T10:00:00Z");
    const at = (seconds: number) => ({
      now: new Date(t0 + seconds * 1000),
      windowSeconds: 900,
      baseDelaySeconds: 15,
      maxDelaySeconds: 900,
    });
    const attempt = async (seconds: number) => (await recordAttempt({ key, limit: 3 }, at(seconds))).allowed;
    expect([await attempt(0), await attempt(1), await attempt(2)]).toEqual([true, true, true]);
    expect(await attempt(3)).toBe(false); // paused until 2 + 15
    expect(await attempt(16)).toBe(false);
    expect(await attempt(17)).toBe(true); // pause doubles: until 17 + 30
    expect(await attempt(46)).toBe(false);
    expect(await attempt(47)).toBe(true); // until 47 + 60
    expect(await attempt(100)).toBe(false);
    // Refused attempts do not extend the pause.
    expect(await attempt(107)).toBe(true);
    // A new window (15 minutes after the first attempt): a fresh start.
    expect(await attempt(901)).toBe(true);
    const row = await prisma.loginThrottle.findUniqueOrThrow({ where: { key } });
    expect(row.failures).toBe(1);
  });

  it("caps the pause", async () => {
    const key = `cap:${Date.now()}`;
    const t0 = Date.parse("2026-12-05T10:00:00Z");
    let now = t0;
    const pauses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const outcome = await recordAttempt(
        { key, limit: 1 },
        { now: new Date(now), windowSeconds: 86_400, baseDelaySeconds: 15, maxDelaySeconds: 900 },
      );
      expect(outcome.allowed).toBe(true);
      pauses.push((outcome.blockedUntil!.getTime() - now) / 1000);
      now = outcome.blockedUntil!.getTime();
    }
    expect(pauses).toEqual([15, 30, 60, 120, 240, 480, 900, 900, 900, 900]);
  });

  it("a forgiven attempt (a correct password) neither counts nor lengthens the pause", async () => {
    const rule = { key: `forgive:${Date.now()}`, limit: 2 };
    const t0 = Date.parse("2026-12-05T10:00:00Z");
    const at = (seconds: number) => ({
      now: new Date(t0 + seconds * 1000),
      windowSeconds: 900,
      baseDelaySeconds: 15,
      maxDelaySeconds: 900,
    });
    await recordAttempt(rule, at(0));
    await recordAttempt(rule, at(1)); // the limit: paused until 16
    const owner = await recordAttempt(rule, at(16)); // let through; would pause until 46
    expect(owner.allowed).toBe(true);
    await forgiveAttempt(rule, owner.blockedUntil);
    // The next attempt is judged as if the owner's had not happened.
    const next = await recordAttempt(rule, at(17));
    expect(next.allowed).toBe(true);
    expect(next.failures).toBe(3);
    expect((next.blockedUntil!.getTime() - t0) / 1000).toBe(17 + 30);
  });
});
