import { describe, expect, it } from "vitest";
import { action as loginAction } from "~/routes/login";
import { action as signupAction } from "~/routes/signup";
import { loader as adminUsersLoader } from "~/routes/admin.users";
import { loader as rootLoader } from "~/root";
import { prisma } from "~/utils/db.server";
import { commitSession, getSession, getUser } from "~/utils/session.server";
import { createTestUser, makeRequest, sessionCookieFor, TEST_PASSWORD } from "../factories";

const args = (request: Request) => ({ request, params: {}, context: {} });

async function catchResponse(promise: Promise<unknown>): Promise<Response> {
  try {
    const value = await promise;
    if (value instanceof Response) return value;
    throw new Error("expected a Response");
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

describe("sign-up", () => {
  it("creates a household account, hashes the password and signs the user in", async () => {
    const response = (await signupAction(
      args(
        await makeRequest("/signup", {
          form: { name: "Ada", email: "Ada@Example.test", password: "long-enough-pw", accountType: "HOUSEHOLD" },
        }),
      ),
    )) as Response;
    expect(response.status).toBe(302);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "ada@example.test" } });
    expect(user.role).toBe("BUYER");
    expect(user.buyerKind).toBe("HOUSEHOLD");
    expect(user.passwordHash).not.toContain("long-enough-pw");
    expect(user.passwordHash.startsWith("scrypt$")).toBe(true);
    const cookie = response.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const signedIn = await getUser(new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0]! } }));
    expect(signedIn?.id).toBe(user.id);
  });

  it.each([
    [
      { name: "B", email: "not-an-email", password: "long-enough-pw", accountType: "HOUSEHOLD" },
      "email",
      "valid email",
    ],
    [{ name: "B", email: "b@example.test", password: "short", accountType: "HOUSEHOLD" }, "password", "at least 10"],
    [
      { name: "B", email: "b2@example.test", password: "long-enough-pw", accountType: "WIZARD" },
      "accountType",
      "kind of account",
    ],
  ])("rejects bad input %# with 400 and a message on the field", async (form, field, message) => {
    const before = await prisma.user.count();
    const response = (await signupAction(args(await makeRequest("/signup", { form })))) as Response;
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: Record<string, string[]> };
    expect(body.error[field]?.join(" ")).toContain(message);
    expect(await prisma.user.count()).toBe(before);
  });

  it("rejects an existing email with 400 on the email field", async () => {
    const existing = await createTestUser();
    const response = (await signupAction(
      args(
        await makeRequest("/signup", {
          form: { name: "C", email: existing.email, password: "long-enough-pw", accountType: "FARMER" },
        }),
      ),
    )) as Response;
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: Record<string, string[]> };
    expect(body.error.email?.[0]).toMatch(/already exists/);
  });
});

describe("log-in", () => {
  it("signs in with the right password and refuses a wrong one", async () => {
    const user = await createTestUser();
    const ok = (await loginAction(
      args(await makeRequest("/login", { form: { email: user.email, password: TEST_PASSWORD } })),
    )) as Response;
    expect(ok.status).toBe(302);
    const bad = (await loginAction(
      args(await makeRequest("/login", { form: { email: user.email, password: "wrong-password" } })),
    )) as Response;
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("do not match");
  });

  it("slows down repeated failures for one account", async () => {
    const user = await createTestUser();
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = (await loginAction(
        args(await makeRequest("/login", { form: { email: user.email, password: "nope-nope-nope" } })),
      )) as Response;
      expect(response.status).toBe(400);
    }
    // Even the right password is refused while the account is throttled.
    const throttled = (await loginAction(
      args(await makeRequest("/login", { form: { email: user.email, password: TEST_PASSWORD } })),
    )) as Response;
    expect(throttled.status).toBe(429);
    expect(JSON.stringify(await throttled.json())).toMatch(/try again in \d+ (second|minute)/);
  });

  it("redirects only to same-site paths", async () => {
    const user = await createTestUser();
    const response = (await loginAction(
      args(
        await makeRequest("/login", {
          form: { email: user.email, password: TEST_PASSWORD, redirectTo: "//evil.example" },
        }),
      ),
    )) as Response;
    expect(response.headers.get("Location")).toBe("/");
  });
});

describe("sessions and roles", () => {
  it("treats a tampered cookie as logged out", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookieFor(user.id);
    const tampered = cookie.slice(0, -3) + (cookie.endsWith("a") ? "bbb" : "aaa");
    const response = await rootLoader(args(new Request("http://localhost/", { headers: { Cookie: tampered } })));
    const data = (await response.json()) as { user: unknown };
    expect(data.user).toBeNull();
  });

  it("treats an expired session as logged out", async () => {
    const user = await createTestUser();
    const live = await sessionCookieFor(user.id);
    const session = await getSession(new Request("http://localhost/", { headers: { Cookie: live } }));
    session.set("issuedAt", Date.now() - 31 * 24 * 60 * 60 * 1000);
    const cookie = (await commitSession(session)).split(";")[0]!;
    expect(await getUser(new Request("http://localhost/", { headers: { Cookie: cookie } }))).toBeNull();
    const fresh = await sessionCookieFor(user.id);
    expect((await getUser(new Request("http://localhost/", { headers: { Cookie: fresh } })))?.id).toBe(user.id);
  });

  it("sends guests to log in and gives other roles 403 on admin pages", async () => {
    const guest = await catchResponse(adminUsersLoader(args(await makeRequest("/admin/users"))));
    expect(guest.status).toBe(302);
    expect(guest.headers.get("Location")).toContain("/login?redirectTo=%2Fadmin%2Fusers");
    const farmer = await createTestUser({ role: "FARMER" });
    const forbidden = await catchResponse(
      adminUsersLoader(args(await makeRequest("/admin/users", { userId: farmer.id }))),
    );
    expect(forbidden.status).toBe(403);
    const admin = await createTestUser({ role: "ADMIN" });
    const allowed = await catchResponse(
      adminUsersLoader(args(await makeRequest("/admin/users", { userId: admin.id }))),
    );
    expect(allowed.status).toBe(200);
  });
});
