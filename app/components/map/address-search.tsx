// "Find address": asks /api/geocode (a Nominatim-compatible geocoder, signed-in users only) and
// lists the places found; choosing one reports its point. Not a <form> of its own, so it can sit
// inside another form (Enter searches instead of submitting the outer form). Render it only when
// the public env says GEOCODER_ENABLED; without it the pin and typed coordinates remain.
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

export interface AddressPoint {
  label: string;
  lat: number;
  lng: number;
}

type State =
  | { kind: "idle" }
  | { kind: "searching" }
  | { kind: "results"; results: AddressPoint[] }
  | { kind: "error"; message: string };

export function AddressSearch({
  label,
  buttonLabel,
  hint,
  onPick,
}: {
  label?: string;
  buttonLabel?: string;
  hint?: string;
  onPick: (point: AddressPoint) => void;
}) {
  const { t } = useTranslation("discover");
  const id = useId();
  const inputId = `${id}-q`;
  const [query, setQuery] = useState("");
  const [state, setState] = useState<State>({ kind: "idle" });
  const [chosen, setChosen] = useState<string | null>(null);
  const abortRef = useRef<AbortController | null>(null);

  const search = async () => {
    const q = query.trim();
    if (!q) {
      setState({ kind: "error", message: t("geocode.queryRequired") });
      return;
    }
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setChosen(null);
    setState({ kind: "searching" });
    try {
      const response = await fetch(`/api/geocode?${new URLSearchParams({ q })}`, {
        signal: controller.signal,
        headers: { Accept: "application/json" },
      });
      if (response.redirected || response.status === 401) {
        setState({ kind: "error", message: t("addressSearch.logIn") });
        return;
      }
      const body = (await response.json().catch(() => null)) as { results?: AddressPoint[]; error?: string } | null;
      if (!response.ok || !body?.results) {
        setState({
          kind: "error",
          message: body?.error ?? t("geocode.failed"),
        });
        return;
      }
      setState({ kind: "results", results: body.results });
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") return;
      setState({
        kind: "error",
        message: t("addressSearch.unreachable"),
      });
    }
  };

  const describedBy =
    [hint ? `${id}-hint` : null, state.kind === "error" ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="address-search">
      <div className="field">
        <label htmlFor={inputId}>{label ?? t("addressSearch.label")}</label>
        {hint ? (
          <p className="field-hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        <div className="address-search-row">
          <input
            id={inputId}
            type="search"
            className="input"
            value={query}
            autoComplete="street-address"
            aria-invalid={state.kind === "error" ? true : undefined}
            aria-describedby={describedBy}
            onChange={(event) => setQuery(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                void search();
              }
            }}
          />
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => void search()}
            disabled={state.kind === "searching"}
          >
            {state.kind === "searching" ? t("addressSearch.searching") : (buttonLabel ?? t("addressSearch.button"))}
          </button>
        </div>
      </div>
      <div role="status" aria-live="polite" className="small">
        {state.kind === "results" && state.results.length === 0 ? t("addressSearch.none") : null}
        {state.kind === "results" && state.results.length > 0
          ? t("addressSearch.found", { count: state.results.length })
          : null}
        {chosen ? t("addressSearch.movedTo", { place: chosen }) : null}
      </div>
      {state.kind === "error" ? (
        <p className="field-errors" id={`${id}-error`}>
          {state.message}
        </p>
      ) : null}
      {state.kind === "results" && state.results.length > 0 ? (
        <ul className="address-results" aria-label={t("addressSearch.results")}>
          {state.results.map((place) => (
            <li key={`${place.lat},${place.lng},${place.label}`}>
              <button
                type="button"
                className="btn btn-ghost btn-small"
                onClick={() => {
                  setChosen(place.label);
                  setState({ kind: "idle" });
                  onPick(place);
                }}
              >
                {place.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
