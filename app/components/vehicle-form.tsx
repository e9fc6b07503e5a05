// Vehicle form (create and edit): capacity in kg, energy type from the carbon factor list, usable
// range per shift in km (stored in metres), shift hours.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { useFormat } from "~/components/i18n";
import { DESNZ_2025 } from "~/domain/carbon/factors";
import { DEFAULT_ELECTRIC_RANGE_METRES, isElectricEnergyType } from "~/domain/planning/range";
import { parseMinute } from "~/domain/planning/time";
import { lazyT } from "~/i18n/i18n";
import { SubmitButton } from "./ui/button";
import { CheckboxField, ErrorList, Field, SelectField } from "./ui/field";

export const ENERGY_OPTIONS = DESNZ_2025.vehicleFactors.map((f) => ({ value: f.key, label: f.label }));
const ENERGY_KEYS = ENERGY_OPTIONS.map((o) => o.value) as [string, ...string[]];
/** Longest range the form accepts (km): far beyond any van's, so a typo in metres is caught. */
export const MAX_RANGE_KM = 2_000;
/** What the form suggests for an electric vehicle (see DEFAULT_ELECTRIC_RANGE_METRES). */
const SUGGESTED_RANGE_KM = String(DEFAULT_ELECTRIC_RANGE_METRES / 1000);

// `field` names the messages: vehicles.form.errors.<field>Required, <field>Format.
const time = (field: "shiftStart" | "shiftEnd") =>
  z
    .string({ error: lazyT(`hub:vehicles.form.errors.${field}Required`) })
    .refine((v) => parseMinute(v) !== null, { error: lazyT(`hub:vehicles.form.errors.${field}Format`) });

export const VehicleSchema = z
  .object({
    name: z
      .string({ error: lazyT("hub:vehicles.form.errors.name") })
      .trim()
      .min(1, { error: lazyT("hub:vehicles.form.errors.name") })
      .max(60),
    capacityKg: z.coerce
      .number({ error: lazyT("hub:vehicles.form.errors.capacity") })
      .positive({ error: lazyT("hub:vehicles.form.errors.capacityPositive") })
      .max(40_000, { error: lazyT("hub:vehicles.form.errors.capacityMax", { max: 40_000 }) }),
    energyType: z.enum(ENERGY_KEYS, { error: lazyT("hub:vehicles.form.errors.energyType") }),
    refrigerated: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false),
    // Empty: no limit (conform hands an empty field over as undefined).
    rangeKm: z.coerce
      .number({ error: lazyT("hub:vehicles.form.errors.range") })
      .positive({ error: lazyT("hub:vehicles.form.errors.rangePositive") })
      .max(MAX_RANGE_KM, { error: lazyT("hub:vehicles.form.errors.rangeMax", { max: MAX_RANGE_KM }) })
      .optional(),
    shiftStart: time("shiftStart"),
    shiftEnd: time("shiftEnd"),
    costPerKm: z.coerce
      .number({ error: lazyT("hub:vehicles.form.errors.costPerKm") })
      .min(0, { error: lazyT("hub:vehicles.form.errors.costNegative") })
      .max(100)
      .default(0),
    active: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false),
  })
  .refine((v) => (parseMinute(v.shiftEnd) ?? 0) > (parseMinute(v.shiftStart) ?? 0), {
    path: ["shiftEnd"],
    error: lazyT("hub:vehicles.form.errors.shiftOrder"),
  });

export function VehicleForm({
  lastResult,
  defaultValue,
  submitLabel,
  currency,
}: {
  /** The hub's currency: the cost per km is typed in it. */
  currency: string;
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue: Partial<Record<keyof z.input<typeof VehicleSchema>, string>>;
  submitLabel: string;
}) {
  const { t } = useTranslation("hub");
  const format = useFormat();
  const [form, fields] = useForm<z.input<typeof VehicleSchema>>({
    lastResult,
    constraint: getZodConstraint(VehicleSchema),
    shouldValidate: "onBlur",
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VehicleSchema }),
  });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={form.errors} />
      <Field meta={fields.name} label={t("vehicles.form.name")} />
      <div className="form-row">
        <Field meta={fields.capacityKg} label={t("vehicles.form.capacity")} inputMode="decimal" />
        <Field
          meta={fields.costPerKm}
          label={t("vehicles.form.costPerKm", { symbol: format.currencySymbol(currency) })}
          inputMode="decimal"
          hint={t("vehicles.form.costPerKmHint")}
        />
      </div>
      <SelectField
        meta={fields.energyType}
        label={t("vehicles.form.energyType")}
        options={ENERGY_OPTIONS}
        placeholder={t("vehicles.form.choose")}
        hint={t("vehicles.form.energyTypeHint")}
        onChange={(event) => {
          // Choosing an electric type fills in the suggested range when none is typed; choosing
          // another type takes the untouched suggestion away again (no limit).
          const electric = isElectricEnergyType(event.currentTarget.value);
          const typed = typeof fields.rangeKm.value === "string" ? fields.rangeKm.value : "";
          if (electric && typed === "") form.update({ name: fields.rangeKm.name, value: SUGGESTED_RANGE_KM });
          if (!electric && typed === SUGGESTED_RANGE_KM) form.update({ name: fields.rangeKm.name, value: "" });
        }}
      />
      <CheckboxField meta={fields.refrigerated} label={t("vehicles.form.refrigerated")} />
      <Field
        meta={fields.rangeKm}
        label={t("vehicles.form.range")}
        inputMode="decimal"
        hint={t("vehicles.form.rangeHint", { range: format.distance(DEFAULT_ELECTRIC_RANGE_METRES, "KM") })}
      />
      <div className="form-row">
        <Field meta={fields.shiftStart} label={t("vehicles.form.shiftStart")} type="time" />
        <Field meta={fields.shiftEnd} label={t("vehicles.form.shiftEnd")} type="time" />
      </div>
      <CheckboxField meta={fields.active} label={t("vehicles.form.active")} />
      <SubmitButton pendingText={t("common:actions.saving")}>{submitLabel}</SubmitButton>
    </Form>
  );
}

/** Form values → storage units (grams, metres, minutes, pence). */
export function vehicleInputFromForm(v: z.output<typeof VehicleSchema>) {
  return {
    name: v.name,
    capacityGrams: Math.round(v.capacityKg * 1000),
    energyType: v.energyType,
    refrigerated: v.refrigerated,
    rangeMetres: v.rangeKm === undefined ? null : Math.round(v.rangeKm * 1000),
    shiftStartMinute: parseMinute(v.shiftStart)!,
    shiftEndMinute: parseMinute(v.shiftEnd)!,
    costPerKmMinor: Math.round(v.costPerKm * 100),
    active: v.active,
  };
}
