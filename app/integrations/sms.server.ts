// Text messages through an HTTP provider: Twilio's Messages API (a form-encoded POST with HTTP
// Basic auth), which other providers and our test fake (tests/support/sms-fake.ts) also speak.
// Without SMS_ACCOUNT_SID / SMS_AUTH_TOKEN / SMS_FROM nothing is sent: the caller keeps the
// message in the outbox table, as with email without SMTP (docs/decisions/033).
import { getEnv } from "~/utils/env.server";

export interface SmsSender {
  /** Sends one message; resolves with the provider's id of it, or throws an `SmsSendError`. */
  send(message: { to: string; body: string }): Promise<{ providerId: string }>;
}

/**
 * A refused or failed send. `retryable`: a network error, a timeout, a 5xx or a 429 (the provider
 * may take it later); a 4xx is our request's fault (a bad number, a bad key) and is not retried.
 */
export class SmsSendError extends Error {
  override name = "SmsSendError";
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status: number | null,
  ) {
    super(message);
  }
}

export const TWILIO_API_URL = "https://api.twilio.com";

export interface TwilioConfig {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
  /** Per try, in ms. */
  timeoutMs?: number;
}

/** Twilio's shape: POST /2010-04-01/Accounts/{sid}/Messages.json, To/From/Body; 201 { sid }; errors { code, message }. */
export function twilioSender(config: TwilioConfig): SmsSender {
  const url = `${config.baseUrl.replace(/\/$/, "")}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`;
  return {
    async send({ to, body }) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: "POST",
          headers: {
            Authorization: authorization,
            "Content-Type": "application/x-www-form-urlencoded",
            Accept: "application/json",
          },
          body: new URLSearchParams({ To: to, From: config.from, Body: body }),
          signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new SmsSendError(
          `SMS provider not reached: ${error instanceof Error ? error.message : String(error)}`,
          true,
          null,
        );
      }
      const text = await response.text().catch(() => "");
      let payload: { sid?: unknown; message?: unknown; code?: unknown } = {};
      try {
        payload = text ? (JSON.parse(text) as typeof payload) : {};
      } catch {
        payload = {};
      }
      if (response.ok && typeof payload.sid === "string") return { providerId: payload.sid };
      const said = typeof payload.message === "string" ? payload.message : text.slice(0, 200) || response.statusText;
      const code =
        typeof payload.code === "number" || typeof payload.code === "string" ? ` (code ${payload.code})` : "";
      if (response.ok)
        throw new SmsSendError(`SMS provider answered without a message id: ${said}`, false, response.status);
      const retryable = response.status >= 500 || response.status === 429;
      throw new SmsSendError(`${response.status}: ${said}${code}`, retryable, response.status);
    },
  };
}

export function isSmsConfigured(): boolean {
  const env = getEnv();
  return Boolean(env.SMS_ACCOUNT_SID && env.SMS_AUTH_TOKEN && env.SMS_FROM);
}

/** The configured sender, or null (messages stay in the outbox). */
export function getSmsSender(): SmsSender | null {
  const env = getEnv();
  if (!env.SMS_ACCOUNT_SID || !env.SMS_AUTH_TOKEN || !env.SMS_FROM) return null;
  return twilioSender({
    baseUrl: env.SMS_API_URL ?? TWILIO_API_URL,
    accountSid: env.SMS_ACCOUNT_SID,
    authToken: env.SMS_AUTH_TOKEN,
    from: env.SMS_FROM,
  });
}
