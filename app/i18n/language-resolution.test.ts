// Which language a request is answered in: the user's saved choice > the visitor's cookie > the
// browser's Accept-Language > English (docs/decisions/025-i18n.md).
import { describe, expect, it } from "vitest";
import { currentLanguage, noteSignedInUserLanguage, runWithRequestLanguage } from "./context.server";
import { serverFormat, serverT, tFor } from "./i18n.server";
import {
  languageCookie,
  languageFromCookie,
  matchAcceptLanguage,
  parseAcceptLanguage,
  requestLanguage,
  resolveLanguage,
} from "./resolve.server";

const request = (headers: Record<string, string> = {}) => new Request("http://foodshed.test/", { headers });

describe("Accept-Language", () => {
  it("orders ranges by q-value, then by their order in the header", () => {
    expect(parseAcceptLanguage("de;q=0.5, fr-CH, fr;q=0.9, en;q=0.9, *;q=0.1")).toEqual([
      { tag: "fr-ch", q: 1 },
      { tag: "fr", q: 0.9 },
      { tag: "en", q: 0.9 },
      { tag: "de", q: 0.5 },
      { tag: "*", q: 0.1 },
    ]);
  });

  it("drops refused (q=0) and malformed ranges", () => {
    expect(parseAcceptLanguage("fr;q=0, en;q=2, de;q=abc, es;q=0.5, not a tag, it")).toEqual([
      { tag: "it", q: 1 },
      { tag: "es", q: 0.5 },
    ]);
    expect(parseAcceptLanguage("")).toEqual([]);
    expect(parseAcceptLanguage(null)).toEqual([]);
  });

  it.each([
    ["fr-FR,fr;q=0.9", "fr"],
    ["fr-CA", "fr"],
    ["FR", "fr"],
    ["en-US,en;q=0.9", "en"],
    ["de-DE,de;q=0.9,fr;q=0.5,en;q=0.8", "en"],
    ["de-DE,de;q=0.9,fr;q=0.5", "fr"],
    ["en;q=0, fr;q=0.1", "fr"],
    ["de, *;q=0.5", null],
    ["de", null],
    ["", null],
  ])("%j → %s", (header, language) => {
    expect(matchAcceptLanguage(header)).toBe(language);
  });

  it("reads a bounded part of a huge header", () => {
    expect(matchAcceptLanguage(`${"xx,".repeat(10_000)}fr`)).toBeNull();
  });
});

describe("the language cookie", () => {
  it("is read among other cookies, and ignored when it names no language we have", () => {
    expect(languageFromCookie("__foodshed=abc; foodshed_lng=fr; other=1")).toBe("fr");
    expect(languageFromCookie("foodshed_lng=de")).toBeNull();
    expect(languageFromCookie("foodshed_lng=")).toBeNull();
    expect(languageFromCookie(null)).toBeNull();
  });

  it("is remembered for a year, httpOnly, and forgotten with Max-Age=0", () => {
    expect(languageCookie("fr")).toBe("foodshed_lng=fr; Max-Age=31536000; Path=/; HttpOnly; SameSite=Lax");
    expect(languageCookie("en", { secure: true })).toMatch(/; Secure$/);
    expect(languageCookie(null)).toBe("foodshed_lng=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax");
  });
});

describe("resolution order", () => {
  it("the user's saved choice beats the cookie, which beats the browser, which beats English", () => {
    expect(resolveLanguage({ saved: "fr", cookie: "en", acceptLanguage: "en" })).toBe("fr");
    expect(resolveLanguage({ saved: null, cookie: "fr", acceptLanguage: "en" })).toBe("fr");
    expect(resolveLanguage({ saved: null, cookie: null, acceptLanguage: "fr-FR,fr;q=0.9" })).toBe("fr");
    expect(resolveLanguage({})).toBe("en");
  });

  it("ignores a saved or cookie value that is not a language we have", () => {
    expect(resolveLanguage({ saved: "de", cookie: "xx", acceptLanguage: "fr" })).toBe("fr");
  });

  it("reads a request's headers", () => {
    expect(requestLanguage(request({ "Accept-Language": "fr-FR,fr;q=0.9" }))).toBe("fr");
    expect(requestLanguage(request({ "Accept-Language": "fr", Cookie: "foodshed_lng=en" }))).toBe("en");
    expect(requestLanguage(request({ Cookie: "foodshed_lng=en" }), { locale: "fr" })).toBe("fr");
    expect(requestLanguage(request({ "Accept-Language": "fr" }), { locale: null })).toBe("fr");
    expect(requestLanguage(request())).toBe("en");
  });
});

describe("the current request's language", () => {
  it("is English outside a request", () => {
    expect(currentLanguage()).toBe("en");
    expect(serverT()("nav.logIn")).toBe("Log in");
  });

  it("follows the request, then the signed-in user's saved choice once the session is read", async () => {
    await runWithRequestLanguage(request({ "Accept-Language": "fr" }), async () => {
      expect(currentLanguage()).toBe("fr");
      expect(serverT()("nav.logIn")).toBe("Se connecter");
      noteSignedInUserLanguage("en");
      await Promise.resolve();
      expect(currentLanguage()).toBe("en");
      noteSignedInUserLanguage(null);
      expect(currentLanguage()).toBe("fr");
    });
  });

  it("keeps concurrent requests apart", async () => {
    const seen = await Promise.all(
      ["fr", "en", "fr", "en"].map((language, index) =>
        runWithRequestLanguage(request({ "Accept-Language": language }), async () => {
          await new Promise((resolve) => setTimeout(resolve, (4 - index) * 5));
          return [currentLanguage(), serverT()("nav.basket")];
        }),
      ),
    );
    expect(seen).toEqual([
      ["fr", "Panier"],
      ["en", "Basket"],
      ["fr", "Panier"],
      ["en", "Basket"],
    ]);
  });

  it("tFor speaks to someone else in their language, English when they chose none", () => {
    expect(tFor("fr", "auth")("login.title")).toBe("Connexion");
    expect(tFor(null, "auth")("login.title")).toBe("Log in");
    expect(tFor("de", "auth")("login.title")).toBe("Log in");
  });

  it("formats for the reader: numbers, money in its own currency, dates", () => {
    const fr = serverFormat("fr");
    const en = serverFormat("en");
    expect(en.money(123456, "EUR")).toBe("€1,234.56");
    expect(fr.money(123456, "EUR")).toBe("1\u202f234,56\u00a0€");
    // CLDR tells pounds from other pounds in French: "£GB".
    expect(fr.money(250, "GBP")).toBe("2,50\u00a0£GB");
    expect(en.date("2026-12-04T12:00:00Z", "Europe/Paris")).toBe("Fri, 4 December 2026");
    expect(fr.date("2026-12-04T12:00:00Z", "Europe/Paris")).toBe("ven. 4 décembre 2026");
    expect(fr.weight(1500)).toBe("1,5 kg");
    expect(fr.quantity(3000, "BUNCH")).toBe("3 bottes");
    expect(en.quantity(1000, "BUNCH")).toBe("1 bunch");
    expect(fr.quantity(1500, "KG")).toBe("1,5 kg");
    expect(fr.distance(12_345, "KM")).toBe("12 km");
    const now = new Date("2026-12-04T12:00:00Z");
    expect(fr.timeLeft(new Date("2026-12-06T16:00:00Z"), now)).toBe("2\u00a0jours 4\u00a0heures");
    expect(en.timeLeft(new Date("2026-12-04T12:35:30Z"), now)).toBe("35 minutes");
    expect(fr.timeLeft(new Date("2026-12-04T11:00:00Z"), now)).toBe("clos");
  });
});
