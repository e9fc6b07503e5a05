// Every test file, unit and integration: fail on unexpected console.error (tests/support/console-guard),
// and zod's fallback messages in the app's words, as the server and browser entries configure them.
import { configureZodMessages } from "~/utils/zod-messages";
import { installConsoleGuard } from "../support/console-guard";

installConsoleGuard();
configureZodMessages();
