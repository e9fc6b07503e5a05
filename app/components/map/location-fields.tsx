// A place on the map, set the way a newcomer expects: "Find address" (when a geocoder is
// configured), then a pin to click or drag, with latitude and longitude inputs kept in sync. The
// inputs are the form's real fields, so the form works without JavaScript and the map is a help, not
// a requirement. Used by the farm profile, the buyer's account and checkout.
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/ui/field";
import { usePublicEnv } from "~/root";
import { AddressSearch } from "./address-search";
import { LazyPinPicker } from "./lazy-map";

export interface CoordinateInput {
  name: string;
  id: string;
  errorId?: string;
  errors?: string[] | null;
  defaultValue?: string | null;
}

export interface LocationFieldsProps {
  legend: string;
  lat: CoordinateInput;
  lng: CoordinateInput;
  /** Where the map opens when there is no point yet. */
  initialCenter: [number, number];
  initialZoom?: number;
  /** What the pin stands for, e.g. "Farm location" or "Delivery address". */
  pinLabel: string;
  /** An address text input of the same form: filled with the found place when it is empty. */
  addressInputId?: string;
  /** Called after the point changed by the map or the address search (not by typing). */
  onPointChosen?: (point: { lat: number; lng: number }) => void;
  extraHint?: string;
  mapHeight?: string;
}

/** A conform field as a coordinate input (its metadata's getters do not survive a spread). */
export function coordinate(
  meta: { name: string; id: string; errorId: string; errors?: string[] },
  defaultValue: string | null | undefined,
): CoordinateInput {
  return { name: meta.name, id: meta.id, errorId: meta.errorId, errors: meta.errors, defaultValue };
}

function parsePoint(lat: string, lng: string) {
  const latNumber = Number.parseFloat(lat);
  const lngNumber = Number.parseFloat(lng);
  return lat.trim() &&
    lng.trim() &&
    Number.isFinite(latNumber) &&
    Number.isFinite(lngNumber) &&
    Math.abs(latNumber) <= 90 &&
    Math.abs(lngNumber) <= 180
    ? { lat: latNumber, lng: lngNumber }
    : null;
}

function CoordinateField({
  input,
  label,
  value,
  onChange,
  hintId,
}: {
  input: CoordinateInput;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hintId: string;
}) {
  const errorId = input.errorId ?? `${input.id}-error`;
  const invalid = Boolean(input.errors?.length);
  return (
    <div className="field">
      <label htmlFor={input.id}>{label}</label>
      <input
        id={input.id}
        name={input.name}
        inputMode="decimal"
        autoComplete="off"
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? errorId : hintId}
      />
      <ErrorList id={errorId} errors={input.errors} />
    </div>
  );
}

export function LocationFields({
  legend,
  lat: latInput,
  lng: lngInput,
  initialCenter,
  initialZoom = 11,
  pinLabel,
  addressInputId,
  onPointChosen,
  extraHint,
  mapHeight = "300px",
}: LocationFieldsProps) {
  const [lat, setLat] = useState(latInput.defaultValue ?? "");
  const [lng, setLng] = useState(lngInput.defaultValue ?? "");
  const point = parsePoint(lat, lng);
  // The parent hears about a chosen point once the inputs hold it (the form is read from the DOM).
  const chosen = useRef<{ lat: number; lng: number } | null>(null);
  useEffect(() => {
    if (!chosen.current) return;
    const next = chosen.current;
    chosen.current = null;
    onPointChosen?.(next);
  }, [lat, lng, onPointChosen]);
  const onPick = useCallback((next: { lat: number; lng: number }) => {
    chosen.current = next;
    setLat(next.lat.toFixed(6));
    setLng(next.lng.toFixed(6));
  }, []);
  const geocoderEnabled = usePublicEnv()?.GEOCODER_ENABLED ?? false;
  const { t } = useTranslation("discover");
  const hintId = `${latInput.id}-location-hint`;
  return (
    <fieldset className="location-fieldset">
      <legend>{legend}</legend>
      <p className="field-hint" id={hintId}>
        {geocoderEnabled ? t("location.hintGeocoder") : t("location.hint")}
        {extraHint ? ` ${extraHint}` : ""}
      </p>
      {geocoderEnabled ? (
        <AddressSearch
          label={t("addressSearch.label")}
          hint={t("location.addressHint")}
          onPick={(place) => {
            if (addressInputId) {
              const address = document.getElementById(addressInputId);
              if (address instanceof HTMLInputElement && !address.value.trim()) address.value = place.label;
            }
            onPick(place);
          }}
        />
      ) : null}
      <LazyPinPicker
        height={mapHeight}
        placeholder={t("location.loading")}
        value={point}
        onChange={onPick}
        initialCenter={initialCenter}
        initialZoom={initialZoom}
        label={t("location.mapLabel", { pin: pinLabel })}
        pinLabel={pinLabel}
      />
      <div className="form-row">
        <CoordinateField
          input={latInput}
          label={t("location.latitude")}
          value={lat}
          onChange={setLat}
          hintId={hintId}
        />
        <CoordinateField
          input={lngInput}
          label={t("location.longitude")}
          value={lng}
          onChange={setLng}
          hintId={hintId}
        />
      </div>
    </fieldset>
  );
}
