// The delivery cycle form (create and edit). One zod schema for the browser and the server; times
// are typed in the hub's time zone and converted by the route.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "react-i18next";
import { formatMinute, fromZonedInputValue, parseMinute, zonedToUtc } from "~/domain/planning/time";
import { currentT, lazyT } from "~/i18n/i18n";
import { SubmitButton } from "./ui/button";
import { ErrorList, Field, TextareaField } from "./ui/field";

const slotLine = /^\s*(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})\s*$/;

export function parseSlots(
  text: string,
): { slots: Array<{ startMinute: number; endMinute: number }> } | { error: string } {
  const lines = text
    .split(/\r?\n|,/)
    .map((l) => l.trim())
    .filter(Boolean);
  const t = currentT("hub");
  if (lines.length === 0) return { error: t("cycles.form.errors.slotsRequired") };
  const slots: Array<{ startMinute: number; endMinute: number }> = [];
  for (const line of lines) {
    const match = slotLine.exec(line);
    const start = match ? parseMinute(match[1]!) : null;
    const end = match ? parseMinute(match[2]!) : null;
    if (start === null || end === null) return { error: t("cycles.form.errors.notASlot", { line }) };
    if (end <= start) return { error: t("cycles.form.errors.slotEndsBeforeStart", { line }) };
    if (slots.some((s) => start < s.endMinute && s.startMinute < end))
      return { error: t("cycles.form.errors.slotOverlaps", { line }) };
    slots.push({ startMinute: start, endMinute: end });
  }
  return { slots: slots.sort((a, b) => a.startMinute - b.startMinute) };
}

export const CycleSchema = z
  .object({
    name: z
      .string({ error: lazyT("hub:cycles.form.errors.nameRequired") })
      .trim()
      .min(1, { error: lazyT("hub:cycles.form.errors.nameRequired") })
      .max(80, { error: lazyT("hub:cycles.form.errors.nameTooLong") }),
    opensAt: z
      .string({ error: lazyT("hub:cycles.form.errors.opensAtRequired") })
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, { error: lazyT("hub:cycles.form.errors.dateTime") }),
    cutoffAt: z
      .string({ error: lazyT("hub:cycles.form.errors.cutoffRequired") })
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, { error: lazyT("hub:cycles.form.errors.dateTime") }),
    deliveryDate: z
      .string({ error: lazyT("hub:cycles.form.errors.deliveryDateRequired") })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: lazyT("hub:cycles.form.errors.date") }),
    slots: z.string({ error: lazyT("hub:cycles.form.errors.slotsRequired") }),
  })
  .superRefine((value, ctx) => {
    const parsed = parseSlots(value.slots);
    if ("error" in parsed) ctx.addIssue({ code: "custom", path: ["slots"], message: parsed.error });
    if (value.cutoffAt <= value.opensAt)
      ctx.addIssue({
        code: "custom",
        path: ["cutoffAt"],
        message: currentT("hub")("cycles.form.errors.cutoffAfterOpens"),
      });
    if (value.cutoffAt.slice(0, 10) >= value.deliveryDate) {
      ctx.addIssue({
        code: "custom",
        path: ["cutoffAt"],
        message: currentT("hub")("cycles.form.errors.cutoffBeforeDelivery"),
      });
    }
  });

export const slotsToText = (slots: ReadonlyArray<{ startMinute: number; endMinute: number }>) =>
  slots.map((s) => `${formatMinute(s.startMinute)}-${formatMinute(s.endMinute)}`).join("\n");

/** The form's values (hub wall-clock time) as instants and slot minutes. */
export function cycleInputFromForm(
  value: z.output<typeof CycleSchema>,
  timeZone: string,
): {
  name: string;
  opensAt: Date;
  cutoffAt: Date;
  deliveryDate: Date;
  slots: Array<{ startMinute: number; endMinute: number }>;
} {
  const slots = parseSlots(value.slots);
  return {
    name: value.name,
    opensAt: fromZonedInputValue(value.opensAt, timeZone)!,
    cutoffAt: fromZonedInputValue(value.cutoffAt, timeZone)!,
    deliveryDate: zonedToUtc(value.deliveryDate, 0, timeZone),
    slots: "slots" in slots ? slots.slots : [],
  };
}

export function CycleForm({
  lastResult,
  defaultValue,
  submitLabel,
  timeZone,
}: {
  // conform's reply type from the action
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue: Partial<Record<keyof z.input<typeof CycleSchema>, string>>;
  submitLabel: string;
  timeZone: string;
}) {
  const { t } = useTranslation("hub");
  const [form, fields] = useForm<z.input<typeof CycleSchema>>({
    lastResult,
    constraint: getZodConstraint(CycleSchema),
    shouldValidate: "onBlur",
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CycleSchema }),
  });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={form.errors} />
      <Field meta={fields.name} label={t("cycles.form.name")} />
      <Field meta={fields.deliveryDate} label={t("cycles.form.deliveryDate")} type="date" />
      <div className="form-row">
        <Field
          meta={fields.opensAt}
          label={t("cycles.form.opensAt")}
          type="datetime-local"
          hint={t("cycles.form.opensAtHint", { timeZone })}
        />
        <Field
          meta={fields.cutoffAt}
          label={t("cycles.form.cutoffAt")}
          type="datetime-local"
          hint={t("cycles.form.cutoffAtHint")}
        />
      </div>
      <TextareaField meta={fields.slots} label={t("cycles.form.slots")} rows={3} hint={t("cycles.form.slotsHint")} />
      <SubmitButton pendingText={t("common:actions.saving")}>{submitLabel}</SubmitButton>
    </Form>
  );
}
