// The farm profile form (create and edit): text fields, and the location as a pin on a map kept in
// sync with latitude/longitude inputs (either can be used; the inputs work without JavaScript), and
// a "Find address" search when a geocoder is configured (GEOCODER_ENABLED).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useCallback, useState } from "react";
import { AddressSearch } from "~/components/map/address-search";
import { LazyPinPicker } from "~/components/map/lazy-map";
import { SubmitButton } from "~/components/ui/button";
import { ErrorList, Field, TextareaField } from "~/components/ui/field";
import { FarmInputSchema } from "~/domain/catalogue-input";
import { usePublicEnv } from "~/root";

export interface FarmFormDefaults {
  name?: string;
  story?: string;
  certifications?: string;
  contactEmail?: string;
  contactPhone?: string;
  address?: string;
  lat?: string;
  lng?: string;
  pickupInstructions?: string;
}

export function FarmForm({
  defaults,
  lastResult,
  initialCenter,
  submitLabel,
}: {
  defaults: FarmFormDefaults;
  lastResult: SubmissionResult<string[]> | null | undefined;
  initialCenter: [number, number];
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: FarmInputSchema }),
  });
  const [lat, setLat] = useState(defaults.lat ?? "");
  const [lng, setLng] = useState(defaults.lng ?? "");
  const latNumber = Number.parseFloat(lat);
  const lngNumber = Number.parseFloat(lng);
  const point =
    lat.trim() &&
    lng.trim() &&
    Number.isFinite(latNumber) &&
    Number.isFinite(lngNumber) &&
    Math.abs(latNumber) <= 90 &&
    Math.abs(lngNumber) <= 180
      ? { lat: latNumber, lng: lngNumber }
      : null;
  const onPick = useCallback((next: { lat: number; lng: number }) => {
    setLat(next.lat.toFixed(6));
    setLng(next.lng.toFixed(6));
  }, []);
  // Address search only with a configured geocoder; otherwise the pin and the typed point.
  const geocoderEnabled = usePublicEnv()?.GEOCODER_ENABLED ?? false;

  return (
    <Form method="post" className="form farm-form" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={form.errors} />
      <Field meta={fields.name} label="Farm name" autoComplete="organization" />
      <TextareaField
        meta={fields.story}
        label="Your story"
        rows={5}
        hint="What you grow, how, and who you are. Buyers read this on your farm page."
      />
      <Field
        meta={fields.certifications}
        label="Certifications (optional)"
        hint="Separate with commas, e.g. Soil Association Organic, LEAF Marque."
      />
      <div className="form-row">
        <Field meta={fields.contactEmail} label="Contact email (optional)" type="email" autoComplete="email" />
        <Field meta={fields.contactPhone} label="Contact phone (optional)" type="tel" autoComplete="tel" />
      </div>
      <Field meta={fields.address} label="Address (optional)" autoComplete="street-address" />
      <fieldset className="location-fieldset">
        <legend>Location</legend>
        <p className="field-hint" id="location-hint">
          {geocoderEnabled
            ? "Find your address, then adjust the pin: click the map or drag it. "
            : "Click the map to place the pin, or drag it. "}
          You can also type the latitude and longitude.
        </p>
        {geocoderEnabled ? (
          <AddressSearch
            label="Find address"
            hint="A street, village or postcode. Choosing a place moves the pin there."
            onPick={onPick}
          />
        ) : null}
        <LazyPinPicker
          height="320px"
          placeholder="Loading the map… You can type the coordinates below."
          value={point}
          onChange={onPick}
          initialCenter={initialCenter}
          initialZoom={10}
          label="Farm location map: click to place the pin"
        />
        <div className="form-row">
          <Field
            meta={fields.lat}
            label="Latitude"
            inputMode="decimal"
            value={lat}
            defaultValue={undefined}
            onChange={(event) => setLat(event.currentTarget.value)}
          />
          <Field
            meta={fields.lng}
            label="Longitude"
            inputMode="decimal"
            value={lng}
            defaultValue={undefined}
            onChange={(event) => setLng(event.currentTarget.value)}
          />
        </div>
      </fieldset>
      <TextareaField
        meta={fields.pickupInstructions}
        label="Pickup and drop-off instructions"
        rows={3}
        hint="For the hub's van: where to park, gate codes, opening hours."
      />
      <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
    </Form>
  );
}
