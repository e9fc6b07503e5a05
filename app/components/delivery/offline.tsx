// The driver's pages without signal (docs/decisions/034): the app's manifest and the service
// worker (registered only here), and the marks kept on the phone — the banner, each stop's
// "saved on this phone", and sending them when the connection returns. Without JavaScript,
// IndexedDB or service workers, the pages work as before (the forms post).
import { useRevalidator } from "@remix-run/react";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import {
  bannerState,
  flushMarks,
  marksByStop,
  retryDelayMs,
  waitingMarks,
  type FlushResult,
} from "~/domain/mark-queue";
import { canKeepMarks, indexedDbMarkStore, markFromForm, sendKeptMark, type KeptMark } from "./mark-store";

/** The web app manifest and icons, for the driver's pages' `links`. */
export const driverAppLinks = [
  { rel: "manifest", href: "/manifest.webmanifest" },
  { rel: "apple-touch-icon", href: "/icons/apple-touch-icon.png" },
];

/**
 * Registers the service worker (versioned by the build: a new build is a new script URL, which
 * replaces the worker) and asks it to keep `urls` — the page itself when it was loaded before the
 * worker controlled it (a first visit), and what the page names (the list's routes, the route
 * page's own sheet when it was opened from the list). `onlyMissing`: leave stored copies as they are.
 */
export function useDriverServiceWorker(urls: string[] = [], { onlyMissing = false } = {}) {
  const key = urls.join("\n");
  useEffect(() => {
    if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
    const version = (window as unknown as { __remixManifest?: { version?: string } }).__remixManifest?.version ?? "";
    const controlledAtLoad = Boolean(navigator.serviceWorker.controller);
    let cancelled = false;
    navigator.serviceWorker
      .register(`/sw.js?v=${encodeURIComponent(version)}`, { scope: "/" })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        if (cancelled) return;
        const wanted = key ? key.split("\n") : [];
        if (!controlledAtLoad) {
          // What this page loaded before the worker could see it: the document and its files.
          wanted.push(window.location.pathname + window.location.search);
          for (const entry of performance.getEntriesByType("resource")) wanted.push(entry.name);
        }
        if (wanted.length > 0) registration.active?.postMessage({ type: "store", urls: wanted, onlyMissing });
      })
      .catch(() => {
        // No worker (a private window, a blocked script): the page works online as before.
      });
    return () => {
      cancelled = true;
    };
  }, [key, onlyMissing]);
}

/**
 * Asks the service worker to keep the map tiles along a route (docs/decisions/034): it fetches
 * those it does not have yet, so the route's map opens without signal.
 */
export function keepRouteTiles(urls: string[]) {
  if (urls.length === 0 || !("serviceWorker" in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.ready
    .then((registration) => registration.active?.postMessage({ type: "tiles", urls }))
    .catch(() => {
      // No worker: the map works online as before.
    });
}

/** The URLs that open a driver's route offline: its page and its loader's data. */
export function routeSheetUrls(routeId: string): string[] {
  const path = `/driver/routes/${encodeURIComponent(routeId)}`;
  return [path, `${path}?${new URLSearchParams({ _data: "routes/driver.routes.$routeId" }).toString()}`];
}

function useOnline(): boolean {
  const [online, setOnline] = useState(true);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    update();
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  return online;
}

interface OfflineMarks {
  /** Keeps a submitted mark form's mark and sends it; false: not handled (the form posts itself). */
  take(form: HTMLFormElement, submitter: HTMLElement | null): boolean;
  /** This route's stops with a mark kept on the phone (waiting or refused). */
  byStop: Map<string, KeptMark>;
  /** Forget a kept mark (a refused one the driver read, or a waiting one they take back). */
  discard(markId: string): void;
}

const OfflineMarksContext = createContext<OfflineMarks | null>(null);

/** The mark forms ask this whether the phone keeps their mark (null: they post as usual). */
export function useOfflineMarks(): OfflineMarks | null {
  return useContext(OfflineMarksContext);
}

/**
 * Keeps and sends the driver's marks. Sends on page load, when the browser says it is online again,
 * after each mark, and on a timer while marks wait (the browser's online flag can be wrong).
 * Only one tab sends at a time (Web Locks, where the browser has them).
 */
export function OfflineMarksProvider({
  userId,
  routeId,
  children,
}: {
  userId: string | null;
  routeId: string | null;
  children: ReactNode;
}) {
  const { t } = useTranslation("hub");
  const online = useOnline();
  const revalidator = useRevalidator();
  const [supported, setSupported] = useState(false);
  const [marks, setMarks] = useState<KeptMark[]>([]);
  const [sending, setSending] = useState(false);
  const [needsLogin, setNeedsLogin] = useState(false);
  const [sentSome, setSentSome] = useState(false);
  const [tries, setTries] = useState(0);
  const busy = useRef(false);
  const again = useRef(false);

  const reload = useCallback(async () => {
    try {
      setMarks(await indexedDbMarkStore.all());
    } catch {
      setSupported(false);
    }
  }, []);

  const flush = useCallback(async () => {
    if (!userId) return;
    if (busy.current) {
      again.current = true;
      return;
    }
    busy.current = true;
    try {
      do {
        again.current = false;
        if (waitingMarks(await indexedDbMarkStore.all(), userId).length === 0) break;
        setSending(true);
        const run = () =>
          flushMarks({ store: indexedDbMarkStore, userId, send: sendKeptMark, onProgress: () => void reload() });
        const locks = (navigator as Navigator & { locks?: LockManager }).locks;
        const result: FlushResult = locks ? await locks.request("foodshed-driver-marks", run) : await run();
        setNeedsLogin(result.stopped === "login");
        setTries((n) => (result.stopped ? n + 1 : 0));
        if (result.sent > 0 || result.refused > 0) {
          // The stops as the server now has them (and the toast of the last mark).
          revalidator.revalidate();
        }
        if (result.sent > 0 && !result.stopped) setSentSome(true);
        if (result.stopped) break;
      } while (again.current);
    } catch {
      // The store failed: the next try reads it again.
    } finally {
      busy.current = false;
      setSending(false);
      await reload();
    }
  }, [userId, reload, revalidator]);

  useEffect(() => {
    if (!canKeepMarks()) return;
    setSupported(true);
    void reload().then(() => flush());
    // Marks kept or sent by another tab.
    const onFocus = () => void reload();
    window.addEventListener("focus", onFocus);
    return () => window.removeEventListener("focus", onFocus);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per page and account
  }, [userId]);

  useEffect(() => {
    if (online && supported) void flush();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- when the connection returns
  }, [online, supported]);

  const waiting = userId ? waitingMarks(marks, userId).length : 0;
  useEffect(() => {
    if (waiting === 0 || !supported) return;
    const timer = setTimeout(() => void flush(), retryDelayMs(tries));
    return () => clearTimeout(timer);
  }, [waiting, tries, supported, flush, marks]);

  const value = useMemo<OfflineMarks | null>(() => {
    if (!supported || !userId || !routeId) return null;
    return {
      byStop: marksByStop(marks, userId, routeId),
      take(form, submitter) {
        const mark = markFromForm(form, submitter, { userId, routeId });
        if (!mark) return false;
        setSentSome(false);
        setMarks((current) => [...current.filter((m) => m.stopId !== mark.stopId || m.state !== "refused"), mark]);
        void (async () => {
          // A refused mark of the same stop is replaced by this one.
          for (const old of await indexedDbMarkStore.all()) {
            if (old.stopId === mark.stopId && old.userId === userId && old.state === "refused") {
              await indexedDbMarkStore.remove(old.markId);
            }
          }
          await indexedDbMarkStore.put(mark);
          await reload();
          await flush();
        })();
        return true;
      },
      discard(markId) {
        void indexedDbMarkStore.remove(markId).then(reload);
      },
    };
  }, [supported, userId, routeId, marks, reload, flush]);

  const banner = supported ? bannerState({ waiting, online, sending, needsLogin, sentSome }) : null;
  return (
    <OfflineMarksContext.Provider value={value}>
      <div className="offline-banner-slot" role="status" aria-live="polite">
        {banner ? (
          <p className={`offline-banner offline-banner-${banner.kind}`} data-testid="offline-banner">
            {banner.kind === "offline"
              ? banner.waiting > 0
                ? t("offline.banner.offline", { count: banner.waiting })
                : t("offline.banner.offlineNone")
              : banner.kind === "sending"
                ? t("offline.banner.sending")
                : banner.kind === "waiting"
                  ? t("offline.banner.waiting", { count: banner.waiting })
                  : banner.kind === "login"
                    ? t("offline.banner.login", { count: banner.waiting })
                    : t("offline.banner.allSent")}
          </p>
        ) : null}
      </div>
      {children}
    </OfflineMarksContext.Provider>
  );
}

/** A stop's mark kept on the phone: waiting to be sent, or refused by the server (with what to do). */
export function KeptMarkNotice({ mark, onDiscard }: { mark: KeptMark; onDiscard: () => void }) {
  const { t } = useTranslation("hub");
  if (mark.state === "refused") {
    const status = mark.refusal?.status ?? 400;
    return (
      <div className="kept-mark kept-mark-refused" role="alert" data-testid="kept-mark-refused">
        <p>
          <strong>{t("offline.refused.title", { outcome: t(`offline.intent.${mark.intent}`) })}</strong>{" "}
          {mark.refusal?.message ?? ""}
        </p>
        <p className="small">
          {t(
            status === 409
              ? "offline.refused.stale"
              : status === 404
                ? "offline.refused.gone"
                : "offline.refused.check",
          )}
        </p>
        <button type="button" className="btn btn-secondary" onClick={onDiscard}>
          {t("offline.refused.dismiss")}
        </button>
      </div>
    );
  }
  return (
    <div className="kept-mark" data-testid="kept-mark">
      <p>
        <strong>{t(`offline.intent.${mark.intent}`)}</strong> — {t("offline.saved")}
      </p>
      <button type="button" className="btn btn-secondary" onClick={onDiscard}>
        {t("offline.takeBack")}
      </button>
    </div>
  );
}
