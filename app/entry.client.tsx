import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { startClientI18n } from "~/i18n/client";
import { configureZodMessages } from "~/utils/zod-messages";

async function hydrate() {
  // The page's language and its catalogue before the first render, so hydration matches the
  // server's HTML (docs/decisions/025-i18n.md).
  const i18n = await startClientI18n();
  // The same fallback messages for the forms validated in the browser, in the page's language.
  configureZodMessages();
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18n}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
