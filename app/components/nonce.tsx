// The CSP nonce of this response (server.js makes one per request): Remix's inline scripts carry
// it. On the client it is empty: browsers hide nonce values from the page once it has loaded.
import { createContext, useContext } from "react";

const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
