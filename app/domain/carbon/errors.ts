/** Thrown for input that would make a carbon figure meaningless; the message names the bad value. */
export class CarbonInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CarbonInputError";
  }
}

/** Weights (g) and distances (m) are integers in data; a fraction means a unit slipped upstream. */
export function assertNonNegativeInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new CarbonInputError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
}
