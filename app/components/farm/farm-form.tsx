// The farm profile form (create and edit): text fields, and the location (address search when a
// geocoder is configured, a pin, and latitude/longitude inputs: see LocationFields).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation("farmer");
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
      <Field meta={fields.name} label={t("farmForm.name")} autoComplete="organization" />
      <TextareaField meta={fields.story} label={t("farmForm.story")} rows={5} hint={t("farmForm.storyHint")} />
      <Field
        meta={fields.certifications}
        label={t("farmForm.certifications")}
        hint={t("farmForm.certificationsHint")}
      />
      <div className="form-row">
        <Field meta={fields.contactEmail} label={t("farmForm.contactEmail")} type="email" autoComplete="email" />
        <Field meta={fields.contactPhone} label={t("farmForm.contactPhone")} type="tel" autoComplete="tel" />
      </div>
      <Field meta={fields.address} label={t("farmForm.address")} autoComplete="street-address" />
      <LocationFields
        legend={t("farmForm.location")}
        pinLabel={t("farmForm.pin")}
        lat={coordinate(fields.lat, defaults.lat)}
        lng={coordinate(fields.lng, defaults.lng)}
        initialCenter={initialCenter}
        initialZoom={10}
        addressInputId={fields.address.id}
        mapHeight="320px"
      />
      <TextareaField
        meta={fields.pickupInstructions}
        label={t("farmForm.pickup")}
        rows={3}
        hint={t("farmForm.pickupHint")}
      />
      <SubmitButton pendingText={t("common:actions.saving")}>{submitLabel}</SubmitButton>
    </Form>
  );
}
