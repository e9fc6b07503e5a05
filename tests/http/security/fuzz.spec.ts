// A fuzz pass over every form action, and the CSRF check on each: for every route with an
// action, its page is read as a role that may post there, the fields of its forms collected, and
// broken bodies sent — NUL bytes, 20 KB strings, negative numbers, wrong types, repeated fields,
// nothing at all, JSON, plain text. No answer may be a server error. Then the same action posted
// from another site must be refused. Deterministic, bounded (~300 requests). Prints the counts.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { anonymous, loggedInAs } from "../support/client";
import { ACCESS, allowed, routeFiles, staticPath, type Ids, type Role } from "./routes";

test.describe.configure({ mode: "serial" });

// Actions whose effect does not depend on the body (log-out) or that only a signature can reach.
const SKIP = new Set(["logout", "webhooks.stripe"]);
const tally = {
  requests: 0,
  serverErrors: [] as string[],
  accepted: [] as string[],
  csrfAccepted: [] as string[],
  rawMessages: [] as string[],
};
/**
 * zod's own English texts ("Invalid input: expected number, received NaN", "Too big: expected
 * string to have <=80 characters"): a field without a message of ours. Every refusal must say what
 * is wrong in the app's words, with the allowed range.
 */
const RAW_VALIDATION_TEXT =
  /Invalid input|expected (?:number|string|boolean)|received NaN|Too (?:big|small):|Invalid (?:string|option|enum)/;
const clients = new Map<Role, APIRequestContext>();

async function client(role: Role) {
  if (!clients.has(role))
    clients.set(role, role === "anonymous" ? await anonymous() : await loggedInAs(`${role}@foodshed.test`));
  return clients.get(role)!;
}

/** Field names of the post forms on a page (hidden inputs included). */
function fieldNames(html: string): string[] {
  const names = new Set<string>();
  for (const form of html.matchAll(/<form\b[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/gi)) {
    for (const field of form[1]!.matchAll(/<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"/gi))
      names.add(field[1]!.replace(/&amp;/g, "&"));
  }
  return [...names].slice(0, 40);
}

async function idsFor(c: APIRequestContext): Promise<Partial<Ids>> {
  // Only the ids the action routes need; each read as the role that owns them.
  const household = await (await (await client("household")).get("/orders")).text();
  const farmer = await (await (await client("farmer")).get("/farm/products")).text();
  const coordinator = await client("coordinator");
  const cycles = [
    ...(await (await coordinator.get("/hub/cycles")).text()).matchAll(/href="\/hub\/cycles\/(?!new)([\w-]+)"/g),
  ].map((m) => m[1]!);
  const vehicles = await (await coordinator.get("/hub/vehicles")).text();
  let route = "";
  let plannedCycle = "";
  for (const id of cycles) {
    const found = /href="\/driver\/routes\/([\w-]+)"/.exec(
      await (await coordinator.get(`/hub/cycles/${id}/plan`)).text(),
    )?.[1];
    if (found) {
      route = found;
      plannedCycle = id;
      break;
    }
  }
  void c;
  return {
    householdOrder: /href="\/orders\/([\w-]+)"/.exec(household)?.[1],
    farmerProduct: /href="\/farm\/products\/(?!new|import|template)([\w-]+)"/.exec(farmer)?.[1],
    // The delivered cycle: nothing a fuzzed post could do there would change what other tests use.
    openCycle: plannedCycle,
    plannedCycle,
    vehicle: /href="\/hub\/vehicles\/(?!new)([\w-]+)"/.exec(vehicles)?.[1],
    route,
  };
}

const VARIANTS: Array<{ name: string; value: (field: string) => string | string[] }> = [
  { name: "NUL", value: () => "a\u0000b" },
  { name: "20 KB", value: () => "x".repeat(20_000) },
  { name: "negative", value: () => "-1" },
  { name: "wrong type", value: () => "abc" },
  { name: "repeated", value: () => ["abc", "-7"] },
];
// A 2xx/3xx to a broken body is listed, not failed: some pages redirect whatever the form says
// (checkout with an empty basket goes back to the basket; a farmer who has a farm is sent to it).

test.afterAll(() => {
  console.log(
    `[security] fuzz: ${tally.requests} requests, ${tally.serverErrors.length} answers ≥ 500, ${tally.accepted.length} broken bodies accepted (2xx/3xx), ${tally.csrfAccepted.length} cross-site posts accepted`,
  );
  for (const line of [...tally.serverErrors, ...tally.csrfAccepted, ...tally.rawMessages, ...tally.accepted])
    console.log(`[security]   ${line}`);
});

test("every form action survives broken bodies and refuses other sites", async () => {
  test.setTimeout(180_000);
  const ids = (await idsFor(await client("anonymous"))) as Ids;
  for (const file of routeFiles().filter((f) => f.hasAction && !SKIP.has(f.id))) {
    const access = ACCESS[file.id];
    expect(access?.post, `${file.id} declares who may post`).toBeTruthy();
    const roles: Role[] = ["household", "restaurant", "farmer", "coordinator", "admin", "anonymous"];
    const role = access!.post === "public" ? "anonymous" : roles.find((r) => allowed(access!.post!, r, access!.exact))!;
    const c = await client(role);
    const url = access!.path ? access!.path(ids) : staticPath(file.id);
    const page = await c.get(url);
    const names = page.ok() ? fieldNames(await page.text()) : [];
    const fields = names.length > 0 ? names : ["intent"];
    const post = async (what: string, options: Parameters<APIRequestContext["post"]>[1]) => {
      const response = await c.post(url, options);
      tally.requests++;
      const label = `POST ${url} as ${role}: ${what}`;
      if (response.status() >= 500) tally.serverErrors.push(`${label} → ${response.status()}`);
      else if (response.status() >= 400) {
        const raw = RAW_VALIDATION_TEXT.exec(await response.text());
        if (raw) tally.rawMessages.push(`${label} → ${response.status()} says "${raw[0]}…"`);
      }
      return response;
    };
    for (const variant of VARIANTS) {
      const body = new URLSearchParams();
      for (const field of fields) {
        const value = variant.value(field);
        for (const v of Array.isArray(value) ? value : [value]) body.append(field, v);
      }
      const response = await post(variant.name, {
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        data: body.toString(),
      });
      if (response.status() < 400 && variant.name !== "repeated")
        tally.accepted.push(`POST ${url}: ${variant.name} → ${response.status()}`);
    }
    await post("empty", { form: {} });
    const json = await post("JSON", { data: { intent: "x" } });
    expect(json.status(), `${url} JSON body`).toBe(415);
    const text = await post("text", { headers: { "Content-Type": "text/plain" }, data: "intent=x" });
    expect(text.status(), `${url} text body`).toBe(415);
    // The same action from another site.
    const forged = await post("cross-site", {
      headers: { Origin: "https://evil.example" },
      form: Object.fromEntries(fields.map((f) => [f, "abc"])),
    });
    if (forged.status() !== 403) tally.csrfAccepted.push(`POST ${url} from another site → ${forged.status()}`);
  }
  expect(tally.serverErrors).toEqual([]);
  expect(tally.csrfAccepted).toEqual([]);
  expect(tally.rawMessages).toEqual([]);
  expect(tally.requests).toBeGreaterThan(100);
});
