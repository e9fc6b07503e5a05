// The farm profile form (create and edit): text fields, and the location (address search when a
// geocoder is configured, a pin, and latitude/longitude inputs: see LocationFields).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { coordinate, LocationFields } from "~/components/map/location-fields";
import { SubmitButton } from "~/components/ui/button";
import { ErrorList, Field, TextareaField } from "~/components/ui/field";
import { FarmInputSchema } from "~/domain/catalogue-input";

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
      <LocationFields
        legend="Location"
        pinLabel="Farm location"
        lat={coordinate(fields.lat, defaults.lat)}
        lng={coordinate(fields.lng, defaults.lng)}
        initialCenter={initialCenter}
        initialZoom={10}
        addressInputId={fields.address.id}
        mapHeight="320px"
      />
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
