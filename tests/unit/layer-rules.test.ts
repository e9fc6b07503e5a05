// The layer rules of eslint.config.js, probed: an import that breaks a rule must fail lint, so a
// change to the config cannot silently switch a rule off.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "../..") });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

const DATABASE_IMPORT = 'import { prisma } from "~/utils/db.server";\nexport const probe = prisma;\n';

describe("only app/models import the database module", () => {
  it.each([
    ["app/routes/probe.tsx"],
    ["app/services/probe.server.ts"],
    ["app/components/probe.tsx"],
    ["app/integrations/probe.server.ts"],
    ["app/entry.server.tsx"],
    ["app/workers/probe.worker.ts"],
  ])("%s cannot import it", async (file) => {
    expect(await restrictedImports(file, DATABASE_IMPORT)).toEqual(
      expect.arrayContaining([expect.stringMatching(/Only app\/models/)]),
    );
  });

  it("a relative path to it is caught too", async () => {
    const code = 'import { prisma } from "../utils/db.server";\nexport const probe = prisma;\n';
    expect(await restrictedImports("app/routes/probe.tsx", code)).not.toEqual([]);
  });

  it("a model may", async () => {
    expect(await restrictedImports("app/models/probe.server.ts", DATABASE_IMPORT)).toEqual([]);
  });
});

describe("the other layer rules", () => {
  it("domain code imports no ORM", async () => {
    const code = 'import { PrismaClient } from "@prisma/client";\nexport const probe = new PrismaClient();\n';
    expect(await restrictedImports("app/domain/probe.ts", code)).not.toEqual([]);
  });

  it("routes import no SDK", async () => {
    const code = 'import Stripe from "stripe";\nexport const probe = Stripe;\n';
    expect(await restrictedImports("app/routes/probe.tsx", code)).not.toEqual([]);
  });

  it("components import nothing *.server", async () => {
    const code = 'import { placeOrder } from "~/services/checkout.server";\nexport const probe = placeOrder;\n';
    expect(await restrictedImports("app/components/probe.tsx", code)).not.toEqual([]);
  });
});

describe("services do not know HTTP", () => {
  const messages = async (code: string) => {
    const [result] = await eslint.lintText(code, { filePath: "app/services/probe.server.ts" });
    return result!.messages.map((m) => m.ruleId);
  };

  it("a service cannot take a Request", async () => {
    expect(await messages("export async function probe(request: Request) {\n  return request.url;\n}\n")).toContain(
      "no-restricted-syntax",
    );
  });

  it("a service cannot build a Response", async () => {
    expect(await messages('export function probe() {\n  return new Response("x", { status: 404 });\n}\n')).toContain(
      "no-restricted-syntax",
    );
  });

  it("a service cannot import Remix", async () => {
    expect(await messages('import { json } from "@remix-run/node";\nexport const probe = json;\n')).toContain(
      "no-restricted-imports",
    );
  });

  it("a service taking plain values passes", async () => {
    expect(
      await messages("export async function probe({ origin }: { origin: string }) {\n  return origin;\n}\n"),
    ).toEqual([]);
  });
});
