/** Thrown for malformed input; the message names the offending stop, vehicle or matrix entry. */
export class RoutingInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RoutingInputError";
  }
}
