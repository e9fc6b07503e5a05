// Every test file, unit and integration: fail on unexpected console.error (tests/support/console-guard).
import { installConsoleGuard } from "../support/console-guard";

installConsoleGuard();
