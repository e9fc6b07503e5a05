import { describe, expect, it } from "vitest";
import {
  bannerState,
  countsAsDoneLocally,
  flushMarks,
  judgeAnswer,
  marksByStop,
  retryDelayMs,
  waitingMarks,
  type MarkStore,
  type QueuedMark,
  type SendAnswer,
} from "./mark-queue";

let counter = 0;
function mark(over: Partial<QueuedMark<string>> = {}): QueuedMark<string> {
  counter++;
  return {
    markId: `m${counter}`,
    userId: "pat",
    routeId: "r1",
    stopId: `s${counter}`,
    intent: "delivered",
    queuedAt: 1000 + counter,
    seq: counter,
    state: "waiting",
    tries: 0,
    refusal: null,
    fields: "form",
    ...over,
  };
}

/** The IndexedDB adapter's contract, in memory. */
function memoryStore(marks: QueuedMark<string>[]): MarkStore<string> & { map: Map<string, QueuedMark<string>> } {
  const map = new Map(marks.map((m) => [m.markId, m]));
  return {
    map,
    all: async () => [...map.values()],
    put: async (m) => void map.set(m.markId, m),
    remove: async (id) => void map.delete(id),
  };
}

const http = (status: number, redirectTo: string | null = null, message: string | null = null): SendAnswer => ({
  kind: "http",
  status,
  redirectTo,
  message,
});

describe("judgeAnswer", () => {
  it("reads a redirect to the route as sent, and one to the log-in page as a lost session", () => {
    expect(judgeAnswer(http(204, "/driver/routes/r1"))).toEqual({ kind: "sent" });
    expect(judgeAnswer(http(204, "/login?redirectTo=%2Fdriver"))).toEqual({ kind: "login" });
    expect(judgeAnswer(http(204, "/loginx"))).toEqual({ kind: "sent" });
  });
  it("tries again after no answer or a server error, and keeps a refusal's words", () => {
    expect(judgeAnswer({ kind: "network" })).toEqual({ kind: "retry" });
    expect(judgeAnswer(http(503))).toEqual({ kind: "retry" });
    expect(judgeAnswer(http(429))).toEqual({ kind: "retry" });
    expect(judgeAnswer(http(409, null, "This stop was marked since…"))).toEqual({
      kind: "refused",
      status: 409,
      message: "This stop was marked since…",
    });
    expect(judgeAnswer(http(400, null, "Add a proof"))).toMatchObject({ kind: "refused", status: 400 });
    expect(judgeAnswer(http(404))).toMatchObject({ kind: "refused", status: 404 });
    expect(judgeAnswer(http(401))).toEqual({ kind: "login" });
  });
});

describe("the queue's views", () => {
  it("lists only this account's waiting marks, oldest first", () => {
    const a = mark({ queuedAt: 5, seq: 2 });
    const b = mark({ queuedAt: 5, seq: 1 });
    const c = mark({ queuedAt: 1 });
    const other = mark({ userId: "someone-else", queuedAt: 0 });
    const refused = mark({ state: "refused", queuedAt: 0 });
    expect(waitingMarks([a, b, c, other, refused], "pat").map((m) => m.markId)).toEqual([c.markId, b.markId, a.markId]);
  });
  it("gives each stop of the route its latest mark, and counts marks other than undo as done", () => {
    const first = mark({ stopId: "s", queuedAt: 1 });
    const undo = mark({ stopId: "s", queuedAt: 2, intent: "undo" });
    const elsewhere = mark({ routeId: "r2" });
    const byStop = marksByStop([undo, first, elsewhere], "pat", "r1");
    expect(byStop.get("s")?.markId).toBe(undo.markId);
    expect(byStop.has(elsewhere.stopId)).toBe(false);
    expect(countsAsDoneLocally(first)).toBe(true);
    expect(countsAsDoneLocally(undo)).toBe(false);
    expect(countsAsDoneLocally({ ...first, state: "refused" })).toBe(false);
    expect(countsAsDoneLocally(undefined)).toBe(false);
  });
  it("backs off from 5 s to a minute", () => {
    expect([0, 1, 2, 3, 4, 9].map(retryDelayMs)).toEqual([5000, 10000, 20000, 40000, 60000, 60000]);
  });
  it("says offline, sending, waiting, log in again or all sent", () => {
    const base = { waiting: 2, online: true, sending: false, needsLogin: false, sentSome: false };
    expect(bannerState({ ...base, online: false })).toEqual({ kind: "offline", waiting: 2 });
    expect(bannerState({ ...base, online: false, sending: true })).toEqual({ kind: "sending", waiting: 2 });
    expect(bannerState(base)).toEqual({ kind: "waiting", waiting: 2 });
    expect(bannerState({ ...base, needsLogin: true })).toEqual({ kind: "login", waiting: 2 });
    expect(bannerState({ ...base, waiting: 0, sentSome: true })).toEqual({ kind: "allSent" });
    expect(bannerState({ ...base, waiting: 0 })).toBeNull();
  });
});

describe("flushMarks", () => {
  it("sends in order, one after the other, and empties the queue", async () => {
    const marks = [mark({ queuedAt: 3 }), mark({ queuedAt: 1 }), mark({ queuedAt: 2 })];
    const store = memoryStore(marks);
    const order: string[] = [];
    let inFlight = 0;
    const result = await flushMarks({
      store,
      userId: "pat",
      send: async (m) => {
        inFlight++;
        expect(inFlight).toBe(1);
        await new Promise((r) => setTimeout(r, 1));
        order.push(m.markId);
        inFlight--;
        return http(204, "/driver/routes/r1");
      },
    });
    expect(order).toEqual([marks[1]!.markId, marks[2]!.markId, marks[0]!.markId]);
    expect(result).toEqual({ sent: 3, refused: 0, stopped: null });
    expect(store.map.size).toBe(0);
  });

  it("stops at the first mark without an answer, keeping it and those after it for the next try", async () => {
    const [a, b, c] = [mark({ queuedAt: 1 }), mark({ queuedAt: 2 }), mark({ queuedAt: 3 })];
    const store = memoryStore([a!, b!, c!]);
    const sent: string[] = [];
    const result = await flushMarks({
      store,
      userId: "pat",
      send: async (m) => {
        if (m.markId === b!.markId) throw new TypeError("Failed to fetch");
        sent.push(m.markId);
        return http(204, "/driver/routes/r1");
      },
    });
    expect(result).toEqual({ sent: 1, refused: 0, stopped: "retry" });
    expect(sent).toEqual([a!.markId]);
    expect([...store.map.keys()].sort()).toEqual([b!.markId, c!.markId].sort());
    expect(store.map.get(b!.markId)?.tries).toBe(1);
    expect(store.map.get(b!.markId)?.state).toBe("waiting");
  });

  it("replays a mark whose answer was lost with the same mark id and fields", async () => {
    const a = mark({ fields: "multipart with the photo" });
    const store = memoryStore([a]);
    const seen: QueuedMark<string>[] = [];
    let first = true;
    const send = async (m: QueuedMark<string>) => {
      seen.push(m);
      if (first) {
        first = false;
        return { kind: "network" } as const; // the server saved it; the answer never arrived
      }
      return http(204, "/driver/routes/r1"); // the replay is answered as a success, nothing doubled
    };
    expect((await flushMarks({ store, userId: "pat", send })).stopped).toBe("retry");
    expect((await flushMarks({ store, userId: "pat", send })).sent).toBe(1);
    expect(seen.map((m) => [m.markId, m.fields])).toEqual([
      [a.markId, "multipart with the photo"],
      [a.markId, "multipart with the photo"],
    ]);
    expect(store.map.size).toBe(0);
  });

  it("keeps a refused mark with the server's words and goes on with the next", async () => {
    const [stale, fine] = [mark({ queuedAt: 1 }), mark({ queuedAt: 2 })];
    const store = memoryStore([stale!, fine!]);
    const verdicts: string[] = [];
    const result = await flushMarks({
      store,
      userId: "pat",
      send: async (m) => (m.markId === stale!.markId ? http(409, null, "Reload") : http(204, "/driver/routes/r1")),
      onProgress: (_m, v) => verdicts.push(v.kind),
    });
    expect(result).toEqual({ sent: 1, refused: 1, stopped: null });
    expect(verdicts).toEqual(["refused", "sent"]);
    expect(store.map.get(stale!.markId)).toMatchObject({
      state: "refused",
      refusal: { status: 409, message: "Reload" },
    });
    // A refused mark is not sent again.
    const again = await flushMarks({ store, userId: "pat", send: async () => http(204, "/x") });
    expect(again.sent).toBe(0);
  });

  it("stops on a lost session and never sends another account's marks", async () => {
    const other = mark({ userId: "sam" });
    const mine = mark();
    const store = memoryStore([other, mine]);
    const sent: string[] = [];
    const result = await flushMarks({
      store,
      userId: "pat",
      send: async (m) => {
        sent.push(m.markId);
        return http(204, "/login?redirectTo=/driver");
      },
    });
    expect(result.stopped).toBe("login");
    expect(sent).toEqual([mine.markId]);
    expect(store.map.size).toBe(2);
  });
});
