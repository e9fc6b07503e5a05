// Text messages (docs/decisions/033). Every message is stored first (the outbox, which admins and
// tests read); with a provider configured it is then sent in the background: a network error, a
// timeout or a 5xx is tried again after a growing wait, a 4xx is marked FAILED at once with the
// provider's words.
import { getSmsSender, SmsSendError, type SmsSender } from "~/integrations/sms.server";
import { isUniqueViolation } from "~/models/database.server";
import { createSmsMessage, setSmsOutcome } from "~/models/sms.server";
import { getEnv } from "~/utils/env.server";

/** Tries per message: the first and three retries (waits of 1×, 2× and 4× SMS_RETRY_DELAY_MS). */
export const SMS_MAX_ATTEMPTS = 4;

const pending = new Set<Promise<unknown>>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SmsOutcome {
  status: "SENT" | "FAILED";
  attempts: number;
  error: string | null;
  providerId: string | null;
}

/** Sends with retries on what may pass (network, 5xx, 429); a 4xx or the last try's failure is final. */
export async function sendWithRetries(
  sender: SmsSender,
  message: { to: string; body: string },
  { firstDelayMs, maxAttempts = SMS_MAX_ATTEMPTS }: { firstDelayMs: number; maxAttempts?: number },
): Promise<SmsOutcome> {
  let error = "";
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    try {
      const { providerId } = await sender.send(message);
      return { status: "SENT", attempts: attempt, error: null, providerId };
    } catch (caught) {
      const retryable = caught instanceof SmsSendError ? caught.retryable : false;
      error = caught instanceof Error ? caught.message : String(caught);
      if (!retryable || attempt === maxAttempts)
        return { status: "FAILED", attempts: attempt, error, providerId: null };
      await sleep(firstDelayMs * 2 ** (attempt - 1));
    }
  }
  return { status: "FAILED", attempts: maxAttempts, error, providerId: null };
}

/**
 * Stores a text message and, with a provider, sends it in the background. With `onceKey` it is
 * stored at most once: a second call with the same key (a retry, another process) returns null.
 */
export async function notifySms({
  to,
  text,
  kind,
  onceKey,
}: {
  to: string;
  text: string;
  kind: string;
  onceKey?: string;
}): Promise<{ id: string } | null> {
  let row: { id: string };
  try {
    row = await createSmsMessage({ to, text, kind, onceKey });
  } catch (error) {
    if (onceKey && isUniqueViolation(error)) return null;
    throw error;
  }
  const sender = getSmsSender();
  if (sender) {
    const job = sendWithRetries(sender, { to, body: text }, { firstDelayMs: getEnv().SMS_RETRY_DELAY_MS })
      .then((outcome) => setSmsOutcome({ id: row.id, ...outcome }))
      .catch(() => undefined)
      .finally(() => pending.delete(job));
    pending.add(job);
  }
  return row;
}

/** For tests and shutdown: wait for text messages in flight. */
export async function flushSms() {
  await Promise.allSettled([...pending]);
}
