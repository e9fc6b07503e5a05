// Every test file, unit and integration: fail on unexpected console.error (tests/support/console-guard),
// and translations and zod's fallback messages in the app's words, as the server and browser
// entries configure them (English outside a request: tests that want another language run their
// code inside `runWithRequestLanguage`, app/i18n/i18n.server.ts).
import { installServerTranslations } from "~/i18n/i18n.server";
import { configureZodMessages } from "~/utils/zod-messages";
import { installConsoleGuard } from "../support/console-guard";

installConsoleGuard();
installServerTranslations();
configureZodMessages();
