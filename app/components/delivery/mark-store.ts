// The phone's side of the offline marks (docs/decisions/034): the IndexedDB store behind
// domain/mark-queue's MarkStore, the form's fields as kept there (files included), and sending one
// kept mark exactly as its form would have posted it.
import type { MarkStore, QueuedIntent, QueuedMark, SendAnswer } from "~/domain/mark-queue";
import { QUEUED_INTENTS } from "~/domain/mark-queue";

/** A form's entries: text, or the photo/signature files themselves (IndexedDB keeps Blobs). */
export type MarkFields = [string, string | File][];
export type KeptMark = QueuedMark<MarkFields>;

const DB_NAME = "foodshed-offline";
const STORE = "marks";

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

let opening: Promise<IDBDatabase> | null = null;
function openDb(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: "markId" });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error("IndexedDB is blocked"));
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

async function tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  const t = db.transaction(STORE, mode);
  const result = await request(run(t.objectStore(STORE)));
  await new Promise<void>((resolve, reject) => {
    t.oncomplete = () => resolve();
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error);
  });
  return result;
}

/** Whether this browser can keep marks (no IndexedDB: the forms post as they always did). */
export function canKeepMarks(): boolean {
  return typeof window !== "undefined" && typeof window.indexedDB !== "undefined";
}

export const indexedDbMarkStore: MarkStore<MarkFields> = {
  all: () => tx("readonly", (s) => s.getAll() as IDBRequest<KeptMark[]>),
  put: async (mark) => {
    await tx("readwrite", (s) => s.put(mark));
  },
  remove: async (markId) => {
    await tx("readwrite", (s) => s.delete(markId));
  },
};

let lastStamp = 0;
let seq = 0;

/**
 * The mark a submitted form describes, ready to keep: its fields as the form would post them (the
 * submit button's name and value too), or null when it is not a mark form (no stop, intent or id).
 */
export function markFromForm(
  form: HTMLFormElement,
  submitter: HTMLElement | null,
  { userId, routeId }: { userId: string; routeId: string },
): KeptMark | null {
  const data = new FormData(form);
  if (submitter instanceof HTMLButtonElement && submitter.name && !data.has(submitter.name)) {
    data.append(submitter.name, submitter.value);
  }
  const fields: MarkFields = [...data.entries()].map(([name, value]) => [name, value]);
  const text = (name: string) => {
    const value = data.get(name);
    return typeof value === "string" ? value : "";
  };
  const intent = text("intent");
  const stopId = text("stopId");
  const markId = text("markId");
  if (!stopId || !markId || !(QUEUED_INTENTS as readonly string[]).includes(intent)) return null;
  const now = Date.now();
  seq = now === lastStamp ? seq + 1 : 0;
  lastStamp = now;
  return {
    markId,
    userId,
    routeId,
    stopId,
    intent: intent as QueuedIntent,
    queuedAt: now,
    seq,
    state: "waiting",
    tries: 0,
    refusal: null,
    fields,
  };
}

/** The Remix route whose action records marks (its data request is what `<Form>` posts). */
const ROUTE_ID = "routes/driver.routes.$routeId";

/** The URL the mark form posts to, as Remix's `<Form>` does it (a data request). */
export function markActionUrl(routeId: string): string {
  const params = new URLSearchParams({ _data: ROUTE_ID });
  return `/driver/routes/${encodeURIComponent(routeId)}?${params.toString()}`;
}

/** Posts one kept mark as its form would (multipart, files included) and reads the answer. */
export async function sendKeptMark(mark: KeptMark): Promise<SendAnswer> {
  const body = new FormData();
  for (const [name, value] of mark.fields) {
    if (typeof value === "string") body.append(name, value);
    else body.append(name, value, value.name);
  }
  let response: Response;
  try {
    response = await fetch(markActionUrl(mark.routeId), { method: "POST", body, credentials: "same-origin" });
  } catch {
    return { kind: "network" };
  }
  let message: string | null = null;
  if (response.status >= 400) {
    const text = await response.text().catch(() => "");
    try {
      const parsed = JSON.parse(text) as { error?: unknown };
      message = typeof parsed.error === "string" ? parsed.error : null;
    } catch {
      message = text.trim() && text.length < 500 && !text.includes("<") ? text.trim() : null;
    }
  }
  return { kind: "http", status: response.status, redirectTo: response.headers.get("X-Remix-Redirect"), message };
}
