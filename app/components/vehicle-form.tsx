// Vehicle form (create and edit): capacity in kg, energy type from the carbon factor list, shift hours.
import { currencySymbol } from "~/utils/format";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { z } from "zod";
import { DESNZ_2025 } from "~/domain/carbon/factors";
import { parseMinute } from "~/domain/planning/time";
import { SubmitButton } from "./ui/button";
import { CheckboxField, ErrorList, Field, SelectField } from "./ui/field";

export const ENERGY_OPTIONS = DESNZ_2025.vehicleFactors.map((f) => ({ value: f.key, label: f.label }));
const ENERGY_KEYS = ENERGY_OPTIONS.map((o) => o.value) as [string, ...string[]];

const time = (label: string) =>
  z
    .string({ error: `Enter the ${label}` })
    .refine((v) => parseMinute(v) !== null, { error: `Enter the ${label} as HH:MM` });

export const VehicleSchema = z
  .object({
    name: z.string({ error: "Name the vehicle" }).trim().min(1, { error: "Name the vehicle" }).max(60),
    capacityKg: z.coerce
      .number({ error: "Enter the capacity in kg" })
      .positive({ error: "A vehicle needs a capacity above 0 kg" })
      .max(40_000, { error: "Enter at most 40,000 kg" }),
    energyType: z.enum(ENERGY_KEYS, { error: "Choose the vehicle type and fuel" }),
    refrigerated: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false),
    shiftStart: time("shift start"),
    shiftEnd: time("shift end"),
    costPerKm: z.coerce
      .number({ error: "Enter the cost per km in pounds" })
      .min(0, { error: "Cost cannot be negative" })
      .max(100)
      .default(0),
    active: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false),
  })
  .refine((v) => (parseMinute(v.shiftEnd) ?? 0) > (parseMinute(v.shiftStart) ?? 0), {
    path: ["shiftEnd"],
    error: "The shift must end after it starts",
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
      <Field meta={fields.name} label="Name" />
      <div className="form-row">
        <Field meta={fields.capacityKg} label="Capacity (kg)" inputMode="decimal" />
        <Field
          meta={fields.costPerKm}
          label={`Cost per km (${currencySymbol(currency)})`}
          inputMode="decimal"
          hint="Used to prefer cheaper vehicles."
        />
      </div>
      <SelectField
        meta={fields.energyType}
        label="Vehicle type and fuel"
        options={ENERGY_OPTIONS}
        placeholder="Choose…"
        hint="Sets the emission factor (UK DESNZ 2025)."
      />
      <CheckboxField meta={fields.refrigerated} label="Refrigerated (can carry chilled goods)" />
      <div className="form-row">
        <Field meta={fields.shiftStart} label="Shift starts" type="time" />
        <Field meta={fields.shiftEnd} label="Shift ends" type="time" />
      </div>
      <CheckboxField meta={fields.active} label="In service (used when planning routes)" />
      <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
    </Form>
  );
}

/** Form values → storage units (grams, minutes, pence). */
export function vehicleInputFromForm(v: z.output<typeof VehicleSchema>) {
  return {
    name: v.name,
    capacityGrams: Math.round(v.capacityKg * 1000),
    energyType: v.energyType,
    refrigerated: v.refrigerated,
    shiftStartMinute: parseMinute(v.shiftStart)!,
    shiftEndMinute: parseMinute(v.shiftEnd)!,
    costPerKmMinor: Math.round(v.costPerKm * 100),
    active: v.active,
  };
}
