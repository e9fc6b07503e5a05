// The request guards in front of Remix (server/http-guards.js), tried the way an attacker or a
// broken client would: cross-site writes, huge and non-form bodies, NUL bytes, and the headers
// every response carries.
import http from "node:http";
import { expect, test } from "@playwright/test";
import { anonymous, BASE_URL, loggedInAs, signedUp } from "./support/client";

const EVIL = "https://evil.example";

test.describe("writes from another site are refused (CSRF)", () => {
  test("a cross-site log-out, as a document post and as a data request, changes nothing", async () => {
    const { client } = await signedUp("HOUSEHOLD");
    for (const path of ["/logout", "/logout?_data=routes%2Flogout"]) {
      const response = await client.post(path, { headers: { Origin: EVIL }, form: {} });
      expect(response.status(), path).toBe(403);
      expect(await response.text()).toContain("another site");
    }
    const crossSite = await client.post("/logout", { headers: { "Sec-Fetch-Site": "cross-site" }, form: {} });
    expect(crossSite.status()).toBe(403);
    // Still logged in.
    expect((await client.get("/orders")).status()).toBe(200);
    // The same post from our own page works.
    expect((await client.post("/logout", { form: {} })).status()).toBe(302);
    expect((await client.get("/orders")).status()).toBe(302);
  });

  test("a write without Origin or Sec-Fetch-Site (not from a browser page) is refused", async () => {
    const { client } = await signedUp("HOUSEHOLD");
    const response = await client.post("/logout", { headers: { Origin: "" }, form: {} });
    expect(response.status()).toBe(403);
  });

  test("a cross-site log-in attempt is refused before the password is checked", async () => {
    const client = await anonymous();
    const response = await client.post("/login", {
      headers: { Origin: EVIL },
      form: { email: "household@foodshed.test", password: "foodshed-demo" },
    });
    expect(response.status()).toBe(403);
    expect(response.headers()["set-cookie"]).toBeUndefined();
  });
});

test.describe("bodies", () => {
  test("a form over 1 MB is refused with 413 before any of it is sent", async () => {
    // Only the headers go out: the answer comes without the server waiting for the 2 MB.
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(`${BASE_URL}/login`, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": String(2 * 1024 * 1024),
          Origin: BASE_URL,
        },
      });
      request.on("response", (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
        request.destroy();
      });
      request.on("error", reject);
      request.flushHeaders();
    });
    expect(status).toBe(413);
    expect((await (await anonymous()).get("/healthz")).status()).toBe(200);
  });

  test("a body that is not a form is refused with 415", async () => {
    const client = await anonymous();
    const json = await client.post("/login", { data: { email: "a@example.test", password: "secret" } });
    expect(json.status()).toBe(415);
    const text = await client.post("/login", {
      headers: { "Content-Type": "text/plain" },
      data: "email=a@example.test",
    });
    expect(text.status()).toBe(415);
  });

  test("a NUL byte in a field or in the address answers 400, never 500", async () => {
    const client = await anonymous();
    const field = await client.post("/login", { form: { email: "a\u0000b@example.test", password: "secret-secret" } });
    expect(field.status()).toBe(400);
    const admin = await loggedInAs("admin@foodshed.test");
    const search = await admin.get("/admin/users?q=%00");
    expect(search.status()).toBe(400);
    const ok = await admin.get("/admin/users?q=%25_");
    expect(ok.status()).toBe(200);
    for (const list of ["/admin/users", "/admin/farms"]) {
      expect((await admin.get(`${list}?page=99999999999999999999`)).status(), list).toBe(200);
    }
  });
});

test.describe("headers", () => {
  test("scripts run only with this response's nonce", async () => {
    const client = await anonymous();
    const response = await client.get("/map");
    const csp = response.headers()["content-security-policy"]!;
    const scriptSrc = /script-src ([^;]*)/.exec(csp)![1]!;
    expect(scriptSrc).not.toContain("unsafe-inline");
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1]!;
    const html = await response.text();
    const inline = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    expect(inline.length).toBeGreaterThan(0);
    for (const attributes of inline) expect(attributes).toContain(`nonce="${nonce}"`);
    const again = (await client.get("/map")).headers()["content-security-policy"]!;
    expect(again).not.toContain(nonce);
  });

  test("pages are private and never stored; static assets stay cacheable", async () => {
    const client = await loggedInAs("household@foodshed.test");
    const page = await client.get("/orders");
    expect(page.headers()["cache-control"]).toBe("private, no-store");
    const data = await client.get("/orders?_data=routes%2Forders._index");
    expect(data.headers()["cache-control"]).toBe("private, no-store");
    const html = await page.text();
    const asset = /href="(\/build\/[^"]+\.css)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    expect((await client.get(asset!)).headers()["cache-control"]).toContain("immutable");
  });

  test("the health check says whether the database answers, and nothing about it", async () => {
    const client = await anonymous();
    const response = await client.get("/healthz");
    expect(await response.json()).toEqual({ status: "ok" });
    expect(BASE_URL).toMatch(/^http:/);
  });
});
