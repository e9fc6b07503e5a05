/**
 * The client's address for throttling. server.js overwrites `x-client-address` with Express's
 * `req.ip` (which honours X-Forwarded-For only when TRUST_PROXY is set), so a client cannot pick it.
 */
export function clientAddress(request: Request): string | null {
  return request.headers.get("x-client-address");
}
