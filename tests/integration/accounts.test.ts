// Sessions and accounts (docs/decisions/019): log-out ends the session for real, throttling holds
// under parallel attempts without locking the owner out, redirects stay on the site.
import { describe, expect, it } from "vitest";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
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
  const response = (await loginAction(args(post("/login", { email, password: TEST_PASSWORD }, { "x-client-address": address })))) as Response;
  expect(response.status).toBe(302);
  return response.headers.get("Set-Cookie")!.split(";")[0]!;
}

const asBrowser = (cookie: string) => new Request("http://localhost/", { headers: { Cookie: cookie } });

describe("log-out", () => {
  it("makes a copied session cookie unusable", async () => {
    const user = await createTestUser();
    const cookie = await logInCookie(user.email);
    expect((await getUser(asBrowser(cookie)))?.id).toBe(user.id);
    const response = (await logoutAction(args(new Request("http://localhost/logout", { method: "POST", headers: { Cookie: cookie } })))) as Response;
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
      Array.from({ length: 30 }, () => loginAction(args(post("/login", { email: user.email, password: "wrong-password-x" }, { "x-client-address": attacker })))),
    )) as Response[];
    const checked = responses.filter((r) => r.status === 400).length;
    const throttled = responses.filter((r) => r.status === 429).length;
    expect(checked + throttled).toBe(30);
    expect(checked).toBeLessThanOrEqual(5);
    // The owner, from home, with the right password.
    const owner = (await loginAction(args(post("/login", { email: user.email, password: TEST_PASSWORD }, { "x-client-address": "192.0.2.44" })))) as Response;
    expect(owner.status).toBe(302);
    // Another account from the attacker's address is not blocked by the attack on this one.
    const neighbour = await createTestUser();
    const other = (await loginAction(args(post("/login", { email: neighbour.email, password: TEST_PASSWORD }, { "x-client-address": attacker })))) as Response;
    expect(other.status).toBe(302);
  });
});

describe("redirect after log-in", () => {
  it.each(["/\t/evil.example", "/\\evil.example", "//evil.example", "https://evil.example", "javascript:alert(1)", "/ok\r\nSet-Cookie: x=y"])(
    "stays on the site for %j",
    async (redirectTo) => {
      const user = await createTestUser();
      const response = (await loginAction(args(post("/login", { email: user.email, password: TEST_PASSWORD, redirectTo })))) as Response;
      expect(response.status).toBe(302);
      const target = new URL(response.headers.get("Location")!, "http://localhost");
      expect(target.origin).toBe("http://localhost");
      expect(response.headers.get("Location")).toBe("/");
    },
  );
});
