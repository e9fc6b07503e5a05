// Every translation key the code names exists in the English catalogue: `t("key")`, `t('key')`,
// `lazyT("ns:key")`, `serverT("ns")("key")`, `i18nKey="key"`, and template keys such as
// t(`signup.accountTypes.${type}.label`) (at least one key must match the pattern). A key without
// "ns:" belongs to one of the namespaces the file asks for (useTranslation("ns"), serverT("ns"),
// tFor(…, "ns"), metaT(…, "ns"), currentT("ns")), `common` when it asks for none.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NAMESPACES, resources, type Namespace } from "~/locales";

const ROOT = path.resolve(import.meta.dirname, "../..");
const APP = path.join(ROOT, "app");

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "locales") yield* sourceFiles(file);
    } else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      yield file;
    }
  }
}

function keysOf(tree: unknown, prefix = "", out: string[] = []): string[] {
  if (tree && typeof tree === "object") {
    for (const [key, value] of Object.entries(tree)) keysOf(value, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.push(prefix, prefix.replace(/_(zero|one|two|few|many|other)$/, ""));
  }
  return out;
}

const ENGLISH = new Map<string, Set<string>>(
  NAMESPACES.map((namespace) => [namespace, new Set(keysOf(resources.en[namespace]))]),
);
const isNamespace = (value: string): value is Namespace => (NAMESPACES as readonly string[]).includes(value);

/** The namespaces a file asks for. */
function fileNamespaces(source: string): Namespace[] {
  const found = new Set<Namespace>();
  const patterns = [
    /\buseTranslation\(\s*(?:["'](\w+)["'])?/g,
    /\b(?:serverT|currentT)\(\s*(?:["'](\w+)["'])?\s*\)/g,
    /\b(?:tFor|metaT|getFixedT)\([^()]*?,\s*["'](\w+)["']\s*\)/g,
  ];
  for (const pattern of patterns)
    for (const match of source.matchAll(pattern)) {
      const namespace = match[1] ?? "common";
      if (isNamespace(namespace)) found.add(namespace);
    }
  return found.size ? [...found] : ["common"];
}

interface Use {
  file: string;
  line: number;
  key: string;
  template: boolean;
}

/** Every literal key named in a file. */
function keyUses(file: string, source: string): Use[] {
  const uses: Use[] = [];
  const lineOf = (index: number) => source.slice(0, index).split("\n").length;
  const add = (index: number, key: string, template = false) =>
    uses.push({ file: path.relative(ROOT, file), line: lineOf(index), key, template });
  // t("key"), t('key'), lazyT("ns:key"), serverT("ns")("key"), metaT(matches, "ns")("key")
  for (const m of source.matchAll(/(?:\b(?:t|lazyT)|\))\(\s*(["'])((?:(?!\1)[^\\\n])+)\1/g)) add(m.index, m[2]!);
  for (const m of source.matchAll(/(?:\b(?:t|lazyT)|\))\(\s*`([^`]+)`/g)) add(m.index, m[1]!, m[1]!.includes("${"));
  for (const m of source.matchAll(/\bi18nKey=(?:\{\s*)?(["'])([^"']+)\1/g)) add(m.index, m[2]!);
  return uses;
}

/** Whether `key` (maybe "ns:key", maybe a template) is in the English catalogue. */
function known(key: string, template: boolean, namespaces: Namespace[]): boolean {
  const explicit = /^(\w+):(.+)$/.exec(key);
  const candidates = explicit && isNamespace(explicit[1]!) ? [explicit[1] as Namespace] : namespaces;
  const bare = explicit && isNamespace(explicit[1]!) ? explicit[2]! : key;
  if (!template) return candidates.some((namespace) => ENGLISH.get(namespace)!.has(bare));
  const pattern = new RegExp(
    `^${bare
      .split(/\$\{[^}]*\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("[^.]+")}$`,
  );
  return candidates.some((namespace) => [...ENGLISH.get(namespace)!].some((k) => pattern.test(k)));
}

const ALL_USES = [...sourceFiles(APP)].map((file) => {
  const source = fs.readFileSync(file, "utf8");
  return { file, namespaces: fileNamespaces(source), uses: keyUses(file, source) };
});

describe("translation keys in the code", () => {
  it("are found (the scan sees the translated shell)", () => {
    const count = ALL_USES.reduce((sum, f) => sum + f.uses.length, 0);
    expect(count).toBeGreaterThan(150);
  });

  it("all exist in the English catalogue", () => {
    const missing = ALL_USES.flatMap(({ namespaces, uses }) =>
      uses
        .filter((use) => !known(use.key, use.template, namespaces))
        .map((use) => `${use.file}:${use.line}: "${use.key}" is not in app/locales/en/{${namespaces.join(",")}}.json`),
    );
    expect(missing).toEqual([]);
  });
});

describe("the scan itself", () => {
  it("reads the forms keys are written in, and the file's namespaces", () => {
    const source = [
      'const { t } = useTranslation("auth");',
      't("login.title"); t(\'login.submit\'); lazyT("validation:zod.required");',
      'serverT("auth")("login.noMatch"); t(`signup.accountTypes.${type}.label`);',
      '<Trans i18nKey="login.title" />',
    ].join("\n");
    expect(fileNamespaces(source)).toEqual(["auth"]);
    const uses = keyUses(path.join(APP, "probe.tsx"), source).map((u) => u.key);
    expect(uses).toEqual(
      expect.arrayContaining([
        "login.title",
        "login.submit",
        "validation:zod.required",
        "login.noMatch",
        "signup.accountTypes.${type}.label",
      ]),
    );
    expect(known("login.title", false, ["auth"])).toBe(true);
    expect(known("login.nope", false, ["auth"])).toBe(false);
    expect(known("signup.accountTypes.${type}.label", true, ["auth"])).toBe(true);
    expect(known("signup.accountTypes.${type}.nope", true, ["auth"])).toBe(false);
    expect(known("common:nav.basketItems", false, ["auth"])).toBe(true);
  });
});
