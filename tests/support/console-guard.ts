// Unexpected console.error output fails the test that printed it: an error the app logs is either
// a bug or a path the test means to exercise, and then the test says so with allowConsoleError.
import { format } from "node:util";
import { afterEach, beforeEach, vi } from "vitest";

let allowed: RegExp[] = [];
let unexpected: string[] = [];

/** Within the current test, console.error output matching `pattern` is expected (and not printed). */
export function allowConsoleError(pattern: RegExp): void {
  allowed.push(pattern);
}

/** Installs the guard around every test of the file (a setup file calls it). */
export function installConsoleGuard(): void {
  beforeEach(() => {
    allowed = [];
    unexpected = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      const text = format(...args);
      if (!allowed.some((pattern) => pattern.test(text))) unexpected.push(text);
    });
  });
  afterEach(() => {
    vi.mocked(console.error).mockRestore();
    if (unexpected.length > 0) {
      const lines = unexpected.map((text) => `  ${text.split("\n").slice(0, 6).join("\n  ")}`).join("\n");
      unexpected = [];
      throw new Error(
        `console.error was called during the test:\n${lines}\n(Expected? Call allowConsoleError(/pattern/) in the test.)`,
      );
    }
  });
}
