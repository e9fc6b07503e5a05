// The language a user reads (docs/decisions/025-i18n.md): chosen in the account (saved on the user)
// or in the footer (a cookie), followed by the root loader, the messages of actions and the emails.
import { describe, expect, it } from "vitest";
import { runWithRequestLanguage } from "~/i18n/i18n.server";
import { action as accountAction } from "~/routes/account";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as languageAction, loader as languageLoader } from "~/routes/language";
import { action as loginAction } from "~/routes/login";
import { loader as rootLoader } from "~/root";
import { prisma } from "~/utils/db.server";
import { createTestUser, makeRequest, TEST_PASSWORD } from "../factories";

const args = (request: Request) => ({ request, params: {}, context: {} });

function withHeaders(request: Request, headers: Record<string, string>): Request {
  const merged = new Headers(request.headers);
  for (const [name, value] of Object.entries(headers)) merged.set(name, value);
  return new Request(request, { headers: merged });
}

async function rootData(request: Request) {
  // As server.js runs every request: inside the request's language context.
  const response = (await runWithRequestLanguage(request, () => rootLoader(args(request)))) as Response;
  return (await response.json()) as { locale: string; languageChoice: string };
}

describe("the account's language", () => {
  it("is saved, answers in the new language, and the pages follow it whatever the browser says", async () => {
    const user = await createTestUser();
    const request = withHeaders(
      await makeRequest("/account", { userId: user.id, form: { intent: "language", locale: "fr" } }),
      {
        "Accept-Language": "en-GB,en;q=0.9",
      },
    );
    const response = (await runWithRequestLanguage(request, () => accountAction(args(request)))) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/account");
    expect(response.headers.get("Set-Cookie")).toContain("foodshed_lng=fr");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("fr");

    const page = withHeaders(await makeRequest("/", { userId: user.id }), { "Accept-Language": "en" });
    expect(await rootData(page)).toMatchObject({ locale: "fr", languageChoice: "fr" });
  });

  it('"Automatic" forgets the choice and follows the browser again', async () => {
    const user = await createTestUser();
    await prisma.user.update({ where: { id: user.id }, data: { locale: "fr" } });
    const request = await makeRequest("/account", { userId: user.id, form: { intent: "language", locale: "auto" } });
    const response = (await accountAction(args(request))) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Set-Cookie")).toContain("foodshed_lng=; Max-Age=0");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBeNull();
    const page = withHeaders(await makeRequest("/", { userId: user.id }), { "Accept-Language": "fr-FR,fr;q=0.9" });
    expect(await rootData(page)).toMatchObject({ locale: "fr", languageChoice: "auto" });
  });

  it("refuses a language we do not have with 400 and a message for the field, saving nothing", async () => {
    const user = await createTestUser();
    for (const locale of ["de", "", "fr-FR"]) {
      const request = await makeRequest("/account", { userId: user.id, form: { intent: "language", locale } });
      const response = (await accountAction(args(request))) as Response;
      expect(response.status).toBe(400);
      const body = (await response.json()) as { intent: string; result: { error: Record<string, string[]> } };
      expect(body.intent).toBe("language");
      expect(body.result.error.locale?.[0]).toMatch(/Choose a language from the list/);
    }
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBeNull();
  });
});

describe("the footer's chooser (/language)", () => {
  it("remembers a visitor's choice in a cookie and goes back to the page, on this site only", async () => {
    const response = (await languageAction(
      args(await makeRequest("/language", { form: { language: "fr", redirectTo: "/search?q=eggs" } })),
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/search?q=eggs");
    expect(response.headers.get("Set-Cookie")).toMatch(/^foodshed_lng=fr; Max-Age=31536000; Path=\/; HttpOnly/);

    const away = (await languageAction(
      args(await makeRequest("/language", { form: { language: "en", redirectTo: "https://evil.example/" } })),
    )) as Response;
    expect(away.headers.get("Location")).toBe("/");

    const page = new Request("http://localhost/", { headers: { Cookie: "foodshed_lng=fr", "Accept-Language": "en" } });
    expect(await rootData(page)).toMatchObject({ locale: "fr", languageChoice: "fr" });
  });

  it("saves the choice on the account of a signed-in user", async () => {
    const user = await createTestUser();
    const response = (await languageAction(
      args(await makeRequest("/language", { userId: user.id, form: { language: "fr" } })),
    )) as Response;
    expect(response.status).toBe(302);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("fr");
  });

  it("answers a bad language with 400 and the list of choices, in the request's language", async () => {
    const bad = await makeRequest("/language", { form: { language: "xx" } });
    const response = (await languageAction(args(bad))) as Response;
    expect(response.status).toBe(400);
    expect(await response.text()).toBe("Choose a language from the list: Automatic (browser), English or Français.");
    const french = withHeaders(await makeRequest("/language", { form: { language: ["fr", "en"] } }), {
      "Accept-Language": "fr",
    });
    const refused = (await runWithRequestLanguage(french, () => languageAction(args(french)))) as Response;
    expect(refused.status).toBe(400);
    expect(await refused.text()).toBe(
      "Choisissez une langue dans la liste\u00a0: Automatique (navigateur), English ou Français.",
    );
  });

  it("has nothing to show on GET", async () => {
    const response = (await languageLoader()) as Response;
    expect(response.status).toBe(302);
  });
});

describe("messages in the reader's language", () => {
  it("a log-in refusal in French for a French browser", async () => {
    const user = await createTestUser();
    const request = withHeaders(
      await makeRequest("/login", { form: { email: user.email, password: "not-the-password" } }),
      { "Accept-Language": "fr-FR,fr;q=0.9", "x-client-address": "203.0.113.90" },
    );
    const response = (await runWithRequestLanguage(request, () => loginAction(args(request)))) as Response;
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain(
      "Cette adresse e-mail et ce mot de passe ne correspondent à aucun compte.",
    );
    // The right password still works, whatever the language.
    const ok = withHeaders(await makeRequest("/login", { form: { email: user.email, password: TEST_PASSWORD } }), {
      "Accept-Language": "fr",
    });
    expect(((await runWithRequestLanguage(ok, () => loginAction(args(ok)))) as Response).status).toBe(302);
  });

  it("the password-reset email in the account's language, else in the language it was asked in", async () => {
    const french = await createTestUser();
    await prisma.user.update({ where: { id: french.id }, data: { locale: "fr" } });
    const english = await createTestUser();
    for (const email of [french.email, english.email]) {
      const request = withHeaders(await makeRequest("/forgot-password", { form: { email } }), {
        "Accept-Language": "en",
        "x-client-address": "198.51.100.91",
      });
      const response = (await runWithRequestLanguage(request, () => forgotAction(args(request)))) as Response;
      expect(response.status).toBe(200);
    }
    const mail = (to: string) => prisma.emailMessage.findFirstOrThrow({ where: { to, kind: "password-reset" } });
    expect((await mail(french.email)).subject).toBe("Réinitialisez votre mot de passe Foodshed");
    expect((await mail(french.email)).text).toContain("pendant 30 minutes");
    expect((await mail(english.email)).subject).toBe("Reset your Foodshed password");
  });
});
