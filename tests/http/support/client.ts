// Request-level tests: real HTTP against the built server that playwright.config.ts starts (the
// same one the journeys use, with the demo region). Each helper returns a Playwright
// APIRequestContext that keeps its own cookies, like one browser would.
import { expect, request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";
import { DEMO_PASSWORD } from "../../../prisma/seed-data/logins";
import { APP_URL as BASE_URL } from "../../support/ports";

export { BASE_URL };

/** A cookie-keeping client that sends what a browser on our own pages sends with a form post. */
export async function anonymous(): Promise<APIRequestContext> {
  return playwrightRequest.newContext({
    baseURL: BASE_URL,
    extraHTTPHeaders: { Origin: BASE_URL },
    maxRedirects: 0,
  });
}

/** A client logged in as `email` (a demo account unless `password` is given). */
export async function loggedInAs(email: string, password: string = DEMO_PASSWORD): Promise<APIRequestContext> {
  const client = await anonymous();
  const response = await client.post("/login", { form: { email, password, redirectTo: "/" } });
  expect(response.status(), `log in as ${email}`).toBe(302);
  return client;
}

/** Signs up a fresh account of `kind` and returns a client logged in as it, with its email. */
export async function signedUp(
  kind: "HOUSEHOLD" | "RESTAURANT" | "FARMER",
  name = `HTTP ${kind.toLowerCase()}`,
): Promise<{ client: APIRequestContext; email: string; password: string }> {
  const client = await anonymous();
  const email = `http-${kind.toLowerCase()}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
  const password = "http-suite-password";
  const response = await client.post("/signup", {
    form: { accountType: kind, name, email, password, redirectTo: "/" },
  });
  expect(response.status(), `sign up ${email}: ${await response.text().catch(() => "")}`).toBe(302);
  return { client, email, password };
}

/** The value of a hidden or visible input named `name` in an HTML page (first match). */
export function inputValue(html: string, name: string): string | null {
  const tag = new RegExp(`<input[^>]*name="${name.replace(/[[\]]/g, "\\$&")}"[^>]*>`, "i").exec(html)?.[0];
  if (!tag) return null;
  return (
    /value="([^"]*)"/
      .exec(tag)?.[1]
      ?.replace(/&amp;/g, "&")
      .replace(/&quot;/g, '"') ?? ""
  );
}

/** Where a redirect points (path and query), or null when the response is not a redirect. */
export function location(response: APIResponse): string | null {
  const to = response.headers()["location"];
  return to ? new URL(to, BASE_URL).pathname + new URL(to, BASE_URL).search : null;
}
