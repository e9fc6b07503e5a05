// Marks made without signal (docs/decisions/034): the driver's page keeps each mark on the phone
// (IndexedDB) with its mark id and the stop's version, then sends them in order when the
// connection returns. Marks are idempotent by mark id (decision 032), so sending one again after
// an answer was lost changes nothing on the server. Pure: the store and the sending are passed in.

/** What a mark form sets (its `intent`). */
export const QUEUED_INTENTS = ["delivered", "partial", "failed", "undo"] as const;
export type QueuedIntent = (typeof QUEUED_INTENTS)[number];

/**
 * A mark kept on the phone. `fields` is the form's data exactly as the form would post it (the
 * browser keeps the photo and signature files in it). `refused`: the server answered and said no
 * (a stale stop, a missing proof…): kept, with its words, until the driver dismisses it.
 */
export interface QueuedMark<Fields = unknown> {
  markId: string;
  /** Whose mark: another account signed in on this phone never sees or sends it. */
  userId: string;
  routeId: string;
  stopId: string;
  intent: QueuedIntent;
  /** Order of saving (ms since the epoch, then a counter for marks saved in the same ms). */
  queuedAt: number;
  seq: number;
  state: "waiting" | "refused";
  tries: number;
  refusal: { status: number; message: string | null } | null;
  fields: Fields;
}

/** What sending one mark gave: no answer at all, or an HTTP answer. */
export type SendAnswer =
  | { kind: "network" }
  | {
      kind: "http";
      status: number;
      /** Where the server redirected (Remix's answer to a data request: 204 + X-Remix-Redirect). */
      redirectTo: string | null;
      /** The server's words, when it refused. */
      message: string | null;
    };

export type SendVerdict =
  | { kind: "sent" }
  /** Try again later: no answer, or the server could not answer now (5xx, 408, 429). */
  | { kind: "retry" }
  /** The session ended: the driver logs in again, then the marks go. */
  | { kind: "login" }
  | { kind: "refused"; status: number; message: string | null };

/** How the page reads the server's answer to one replayed mark. */
export function judgeAnswer(answer: SendAnswer): SendVerdict {
  if (answer.kind === "network") return { kind: "retry" };
  const { status, redirectTo, message } = answer;
  if (redirectTo !== null) {
    // The action answers a saved mark with a redirect to the route; a lost session redirects to log-in.
    return /^\/login(\/|\?|$)/.test(redirectTo) ? { kind: "login" } : { kind: "sent" };
  }
  if (status === 401) return { kind: "login" };
  if (status >= 200 && status < 300) return { kind: "sent" };
  if (status === 408 || status === 429 || status >= 500 || status === 0) return { kind: "retry" };
  return { kind: "refused", status, message };
}

/** The marks of this account still to send, in the order they were saved. */
export function waitingMarks<F>(marks: QueuedMark<F>[], userId: string): QueuedMark<F>[] {
  return marks
    .filter((m) => m.userId === userId && m.state === "waiting")
    .sort((a, b) => a.queuedAt - b.queuedAt || a.seq - b.seq);
}

/** Each stop's latest mark kept on the phone for this route (waiting or refused). */
export function marksByStop<F>(marks: QueuedMark<F>[], userId: string, routeId: string): Map<string, QueuedMark<F>> {
  const byStop = new Map<string, QueuedMark<F>>();
  const mine = marks
    .filter((m) => m.userId === userId && m.routeId === routeId)
    .sort((a, b) => a.queuedAt - b.queuedAt || a.seq - b.seq);
  for (const mark of mine) byStop.set(mark.stopId, mark);
  return byStop;
}

/** Whether a stop counts as done on this phone: a waiting mark other than undo. */
export function countsAsDoneLocally(mark: QueuedMark | undefined): boolean {
  return mark !== undefined && mark.state === "waiting" && mark.intent !== "undo";
}

/** Seconds before the next try while marks wait: 5, 10, 20, 40, then every 60. */
export function retryDelayMs(tries: number): number {
  return Math.min(60_000, 5_000 * 2 ** Math.max(0, Math.min(tries, 4)));
}

export type BannerState =
  | { kind: "offline"; waiting: number }
  | { kind: "sending"; waiting: number }
  /** Online, but the last try got no answer (or a 5xx): tried again soon. */
  | { kind: "waiting"; waiting: number }
  | { kind: "login"; waiting: number }
  | { kind: "allSent" }
  | null;

/** What the banner says. `sentSome`: the last send emptied the queue (shown until the next mark). */
export function bannerState({
  waiting,
  online,
  sending,
  needsLogin,
  sentSome,
}: {
  waiting: number;
  online: boolean;
  sending: boolean;
  needsLogin: boolean;
  sentSome: boolean;
}): BannerState {
  if (sending) return { kind: "sending", waiting };
  if (!online) return { kind: "offline", waiting };
  if (waiting > 0) return needsLogin ? { kind: "login", waiting } : { kind: "waiting", waiting };
  return sentSome ? { kind: "allSent" } : null;
}

/** The phone's store of marks (IndexedDB in the browser; a Map in tests). */
export interface MarkStore<F> {
  all(): Promise<QueuedMark<F>[]>;
  put(mark: QueuedMark<F>): Promise<void>;
  remove(markId: string): Promise<void>;
}

export interface FlushResult {
  sent: number;
  refused: number;
  /** Why sending stopped before the queue was empty. */
  stopped: "retry" | "login" | null;
}

/**
 * Sends this account's waiting marks one by one, oldest first, each after the previous one's
 * answer. A sent mark leaves the store; a refused one stays, marked refused with the server's
 * words, and the next is sent; no answer (or a 5xx) stops here, so the order is kept and the rest
 * wait for the next try; so does a lost session.
 */
export async function flushMarks<F>({
  store,
  userId,
  send,
  onProgress,
}: {
  store: MarkStore<F>;
  userId: string;
  send: (mark: QueuedMark<F>) => Promise<SendAnswer>;
  onProgress?: (mark: QueuedMark<F>, verdict: SendVerdict) => void;
}): Promise<FlushResult> {
  const result: FlushResult = { sent: 0, refused: 0, stopped: null };
  const tried = new Set<string>();
  for (;;) {
    const next = waitingMarks(await store.all(), userId).find((m) => !tried.has(m.markId));
    if (!next) return result;
    tried.add(next.markId);
    let answer: SendAnswer;
    try {
      answer = await send(next);
    } catch {
      answer = { kind: "network" };
    }
    const verdict = judgeAnswer(answer);
    if (verdict.kind === "sent") {
      await store.remove(next.markId);
      result.sent++;
    } else if (verdict.kind === "refused") {
      await store.put({
        ...next,
        state: "refused",
        tries: next.tries + 1,
        refusal: { status: verdict.status, message: verdict.message },
      });
      result.refused++;
    } else {
      await store.put({ ...next, tries: next.tries + 1 });
      result.stopped = verdict.kind;
    }
    onProgress?.(next, verdict);
    if (result.stopped) return result;
  }
}
