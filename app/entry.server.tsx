import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { NonceProvider } from "~/components/nonce";
import { currentLanguage, i18nForRender, installServerTranslations } from "~/i18n/i18n.server";
import { isLanguage } from "~/locales/languages";
import { startScheduler, stopScheduler } from "~/jobs/scheduler.server";
import { validateCarbonConfig } from "~/services/carbon-config.server";
import { failInterruptedPlanningJobs } from "~/jobs/planning-runner.server";
import { warmDiscoveryIndex } from "~/services/discovery.server";
import { closeDatabase, ensureDatabaseReady, pingDatabase } from "~/models/database.server";
import { getEnv } from "~/utils/env.server";
import { configureZodMessages } from "~/utils/zod-messages";

const ABORT_DELAY = 5_000;

// Translations for the current request's language (docs/decisions/025-i18n.md), and zod's
// fallback messages in the app's words, for every action this server parses.
installServerTranslations();
configureZodMessages();

/**
 * server.js runs every request inside this: the request's language (cookie, Accept-Language, then
 * the signed-in user's choice once the session is read) is the current one for the loaders,
 * actions, services and render it leads to.
 */
export { runWithRequestLanguage } from "~/i18n/i18n.server";

/**
 * Start-up, called by server.js before it listens: validates the environment and applies pending
 * migrations. Any failure stops the process with a message naming the variable or migration.
 * Then starts loading the discovery index, so the first map request does not wait for it, and
 * the scheduler of periodic tasks (app/jobs/scheduler.server.ts).
 */
export async function ready(log: (line: string) => void = console.log) {
  const env = getEnv();
  validateCarbonConfig();
  const result = await ensureDatabaseReady(log);
  const interrupted = await failInterruptedPlanningJobs({ embedded: env.DATABASE_URL.startsWith("pglite:") });
  if (interrupted > 0) log(`${interrupted} planning run(s) interrupted by the last stop marked failed`);
  warmDiscoveryIndex();
  startScheduler();
  return {
    env: { HOST: env.HOST, PORT: env.PORT, DATABASE_URL: env.DATABASE_URL.replace(/:[^:@/]*@/, ":***@") },
    migrations: result,
  };
}

export async function shutdown() {
  stopScheduler();
  await closeDatabase();
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext?.cspNonce === "string" ? loadContext.cspNonce : "";
  const callbackName = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  // The page's language is the one the root loader answered with (what <html lang> says and the
  // browser will hydrate with); without it (the root loader failed), the request's.
  const rootData = remixContext.staticHandlerContext.loaderData?.root as { locale?: unknown } | undefined;
  const i18n = i18nForRender(isLanguage(rootData?.locale) ? rootData.locale : currentLanguage());
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18n}>
        <NonceProvider value={nonce}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </NonceProvider>
      </I18nextProvider>,
      {
        nonce,
        [callbackName]: () => {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** Used by GET /healthz: the database answers a trivial query. */
export async function healthCheck() {
  await pingDatabase();
}
