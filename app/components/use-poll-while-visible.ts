// Reloads the page's loader data every `everyMs` while `active` and the tab is visible (Remix's
// useRevalidator): live delivery progress without a reload (docs/decisions/033: polling, not SSE).
// A hidden tab stops asking; coming back asks at once, then on the interval again.
import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";

export const LIVE_PROGRESS_POLL_MS = 30_000;

export function usePollWhileVisible(active: boolean, everyMs = LIVE_PROGRESS_POLL_MS) {
  const revalidator = useRevalidator();
  const latest = useRef(revalidator);
  latest.current = revalidator;
  useEffect(() => {
    if (!active) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    const refresh = () => {
      if (document.visibilityState === "visible" && latest.current.state === "idle") latest.current.revalidate();
    };
    const start = () => {
      if (timer === undefined) timer = setInterval(refresh, everyMs);
    };
    const stop = () => {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") {
        refresh();
        start();
      } else stop();
    };
    if (document.visibilityState === "visible") start();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stop();
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [active, everyMs]);
}
