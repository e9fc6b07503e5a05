// The catalogues (app/locales/<language>/<namespace>.json) agree with each other: every language has
// every namespace and every key of English, no empty text, the same {{variables}} and <tags>, the
// plural forms its language needs; French follows one typography (docs/CONTRIBUTING.md, Translating).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NAMESPACES, resources, SUPPORTED_LANGUAGES, type Language } from "~/locales";

const LOCALES = path.resolve(import.meta.dirname, "../../app/locales");
const PLURAL = /_(zero|one|two|few|many|other)$/;
// i18next falls back to `_other` when a form is missing; French `many` is only for large round
// numbers ("1 million de …"), which the app does not write, so it may be left out.
const OPTIONAL_FORMS: Partial<Record<Language, string[]>> = { fr: ["many"] };

/** "a.b.c" → text, for every leaf; non-string leaves are reported as such. */
function flatten(tree: unknown, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (tree && typeof tree === "object" && !Array.isArray(tree)) {
    for (const [key, value] of Object.entries(tree)) flatten(value, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, tree);
  }
  return out;
}

/** Keys grouped by their base (plural suffix removed), with the plural forms present. */
function entries(language: Language, namespace: string) {
  const flat = flatten(resources[language][namespace as keyof (typeof resources)["en"]]);
  const bases = new Map<string, { forms: Set<string>; texts: string[] }>();
  for (const [key, value] of flat) {
    const match = PLURAL.exec(key);
    const base = match ? key.slice(0, match.index) : key;
    const entry = bases.get(base) ?? { forms: new Set(), texts: [] };
    if (match) entry.forms.add(match[1]!);
    entry.texts.push(typeof value === "string" ? value : JSON.stringify(value));
    bases.set(base, entry);
  }
  return { flat, bases };
}

const variables = (texts: string[]) =>
  [...new Set(texts.flatMap((text) => [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]!)))].sort();
const tags = (texts: string[]) =>
  [...new Set(texts.flatMap((text) => [...text.matchAll(/<\/?([\w-]+)\s*\/?>/g)].map((m) => m[1]!)))].sort();

describe("every language has every namespace", () => {
  it.each(SUPPORTED_LANGUAGES)("%s", (language) => {
    const files = fs
      .readdirSync(path.join(LOCALES, language))
      .filter((f) => f.endsWith(".json"))
      .map((f) => f.replace(/\.json$/, ""))
      .sort();
    expect(files).toEqual([...NAMESPACES].sort());
    expect(Object.keys(resources[language]).sort()).toEqual([...NAMESPACES].sort());
  });
});

for (const language of SUPPORTED_LANGUAGES) {
  describe(`${language}: every namespace`, () => {
    it.each(NAMESPACES)("%s: has English's keys and no others, no empty text", (namespace) => {
      const english = entries("en", namespace);
      const own = entries(language, namespace);
      const problems: string[] = [];
      for (const base of english.bases.keys()) if (!own.bases.has(base)) problems.push(`missing ${namespace}:${base}`);
      for (const base of own.bases.keys())
        if (!english.bases.has(base)) problems.push(`not in English: ${namespace}:${base}`);
      for (const [key, value] of own.flat) {
        if (typeof value !== "string") problems.push(`${namespace}:${key} is not text`);
        else if (value.trim() === "") problems.push(`${namespace}:${key} is empty`);
      }
      expect(problems).toEqual([]);
    });

    it.each(NAMESPACES)("%s: the same {{variables}} and <tags> as English", (namespace) => {
      const english = entries("en", namespace);
      const own = entries(language, namespace);
      const problems: string[] = [];
      for (const [base, entry] of own.bases) {
        const theirs = english.bases.get(base);
        if (!theirs) continue;
        if (variables(entry.texts).join() !== variables(theirs.texts).join())
          problems.push(
            `${namespace}:${base} has {{${variables(entry.texts)}}}, English {{${variables(theirs.texts)}}}`,
          );
        if (tags(entry.texts).join() !== tags(theirs.texts).join())
          problems.push(`${namespace}:${base} has <${tags(entry.texts)}>, English <${tags(theirs.texts)}>`);
      }
      expect(problems).toEqual([]);
    });

    it.each(NAMESPACES)("%s: plurals have the forms the language needs, and only those", (namespace) => {
      const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[];
      const optional = OPTIONAL_FORMS[language] ?? [];
      const english = entries("en", namespace);
      const problems: string[] = [];
      for (const [base, entry] of entries(language, namespace).bases) {
        const plural = entry.forms.size > 0 || (english.bases.get(base)?.forms.size ?? 0) > 0;
        if (!plural) continue;
        for (const form of needed)
          if (!entry.forms.has(form) && !optional.includes(form)) problems.push(`${namespace}:${base}_${form} missing`);
        for (const form of entry.forms)
          if (!needed.includes(form)) problems.push(`${namespace}:${base}_${form}: ${language} has no "${form}" form`);
      }
      expect(problems).toEqual([]);
    });
  });
}

describe("tags for <Trans> components", () => {
  // react-i18next parses the text as HTML: a void element's name (<link>, <br>, <input>…) never
  // wraps anything, so "<link>{{name}}</link>" would lose its link.
  const VOID = new Set([
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
  ]);
  it.each(SUPPORTED_LANGUAGES)("%s: no void HTML element names", (language) => {
    const problems = NAMESPACES.flatMap((namespace) =>
      [...flatten(resources[language][namespace])]
        .filter(([, value]) => typeof value === "string" && tags([value]).some((tag) => VOID.has(tag)))
        .map(([key]) => `${namespace}:${key}`),
    );
    expect(problems).toEqual([]);
  });
});

describe("French typography", () => {
  // A no-break space (U+00A0) before : ; ? ! and inside « »; typographic apostrophes and quotes.
  it.each(NAMESPACES)("%s", (namespace) => {
    const problems: string[] = [];
    for (const [key, value] of flatten(resources.fr[namespace])) {
      if (typeof value !== "string") continue;
      const text = value.replace(/\{\{[^}]*\}\}/g, "x").replace(/<\/?[\w-]+\s*\/?>/g, "");
      if (/ [:;?!»]/.test(text) || /« /.test(text)) problems.push(`${key}: an ordinary space where U+00A0 goes`);
      if (/[^\s\u00a0\u202f][;?!»]/.test(text) || /«[^\u00a0]/.test(text) || /[^\s\u00a0\u202f]: /.test(text))
        problems.push(`${key}: no space before : ; ? ! or inside « »`);
      if (/['"]/.test(text)) problems.push(`${key}: straight quote or apostrophe (use ’ and « »)`);
    }
    expect(problems).toEqual([]);
  });
});
