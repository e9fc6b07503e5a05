// The ESLint rule that keeps text in the catalogues (eslint.config.js, i18next/no-literal-string),
// probed: a page or component that writes words in JSX fails lint, and no file is exempt.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: ROOT });

async function literalStrings(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === "i18next/no-literal-string").map((m) => m.message);
}

const page = (jsx: string) =>
  `import { useTranslation } from "react-i18next";\nexport default function Probe() {\n  const { t } = useTranslation();\n  return ${jsx};\n}\n`;

describe("text a user reads comes from the catalogue", () => {
  it.each([
    ["JSX text", "<p>Your basket</p>"],
    ["a string in JSX", '<p>{true ? "Saved" : null}</p>'],
    ["an aria-label", '<button aria-label="Close">{t("actions.close")}</button>'],
    ["a title", '<abbr title="Kilograms">{t("actions.close")}</abbr>'],
    ["a placeholder", '<input placeholder="Search" />'],
    ["an alt text", '<img alt="A farm" src="/x.png" />'],
    ["a component's label", '<Field label="Email" />'],
    ["a pending text", '<SubmitButton pendingText="Saving…">{t("actions.save")}</SubmitButton>'],
  ])("%s fails lint in a route or component", async (_what, jsx) => {
    expect(await literalStrings("app/routes/probe.tsx", page(jsx))).not.toEqual([]);
    expect(await literalStrings("app/components/probe.tsx", page(jsx))).not.toEqual([]);
  });

  it.each([
    ["translated text", '<p aria-label={t("nav.main")}>{t("nav.basket")}</p>'],
    [
      "class names, links, form names and values",
      '<a className="btn" href="/map"><input name="intent" value="save" /></a>',
    ],
    ["the brand, codes, numbers and symbols", '<p>Foodshed {"GBP"} 12 × — …</p>'],
  ])("%s pass", async (_what, jsx) => {
    expect(await literalStrings("app/routes/probe.tsx", page(jsx))).toEqual([]);
  });

  it("every page and component is checked: no file is exempt", async () => {
    for (const file of ["app/routes/checkout.tsx", "app/routes/hub.settings.tsx", "app/components/order-lines.tsx"]) {
      expect(await literalStrings(file, page("<p>Your basket</p>")), file).not.toEqual([]);
    }
  });
});

describe("browser code does not bundle every catalogue", () => {
  const restricted = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
  };
  const ALL = 'import { resources } from "~/locales";\nexport const probe = resources;\n';
  const LANGUAGES = 'import { LANGUAGE_NAMES } from "~/locales/languages";\nexport const probe = LANGUAGE_NAMES;\n';

  it.each(["app/components/probe.tsx", "app/routes/probe.tsx", "app/i18n/probe.ts"])(
    "%s may not import ~/locales, and may import ~/locales/languages",
    async (file) => {
      expect(await restricted(file, ALL)).toEqual([expect.stringMatching(/bundles every language/)]);
      expect(await restricted(file, LANGUAGES)).toEqual([]);
    },
  );

  it("the server's translation module may", async () => {
    expect(await restricted("app/i18n/probe.server.ts", ALL)).toEqual([]);
  });

  it("translation imports no model or service", async () => {
    const code = 'import { getUser } from "~/models/user.server";\nexport const probe = getUser;\n';
    expect(await restricted("app/i18n/probe.server.ts", code)).not.toEqual([]);
  });
});
