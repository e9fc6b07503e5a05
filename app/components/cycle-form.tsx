// The delivery cycle form (create and edit). One zod schema for the browser and the server; times
// are typed in the hub's time zone and converted by the route.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { z } from "zod";
import { formatMinute, fromZonedInputValue, parseMinute, zonedToUtc } from "~/domain/planning/time";
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
  if (lines.length === 0) return { error: "Add at least one delivery slot, like 09:00-12:00" };
  const slots: Array<{ startMinute: number; endMinute: number }> = [];
  for (const line of lines) {
    const match = slotLine.exec(line);
    const start = match ? parseMinute(match[1]!) : null;
    const end = match ? parseMinute(match[2]!) : null;
    if (start === null || end === null) return { error: `“${line}” is not a slot; write it as 09:00-12:00` };
    if (end <= start) return { error: `The slot ${line} ends before it starts` };
    if (slots.some((s) => start < s.endMinute && s.startMinute < end))
      return { error: `The slot ${line} overlaps another slot` };
    slots.push({ startMinute: start, endMinute: end });
  }
  return { slots: slots.sort((a, b) => a.startMinute - b.startMinute) };
}

export const CycleSchema = z
  .object({
    name: z
      .string({ error: "Name the cycle, e.g. “Week 12”" })
      .trim()
      .min(1, { error: "Name the cycle, e.g. “Week 12”" })
      .max(80, { error: "Use at most 80 characters for the cycle's name" }),
    opensAt: z
      .string({ error: "Enter when ordering opens" })
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, { error: "Enter a date and time" }),
    cutoffAt: z
      .string({ error: "Enter the cut-off" })
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, { error: "Enter a date and time" }),
    deliveryDate: z
      .string({ error: "Enter the delivery date" })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter a date" }),
    slots: z.string({ error: "Add at least one delivery slot, like 09:00-12:00" }),
  })
  .superRefine((value, ctx) => {
    const parsed = parseSlots(value.slots);
    if ("error" in parsed) ctx.addIssue({ code: "custom", path: ["slots"], message: parsed.error });
    if (value.cutoffAt <= value.opensAt)
      ctx.addIssue({ code: "custom", path: ["cutoffAt"], message: "The cut-off must be after ordering opens" });
    if (value.cutoffAt.slice(0, 10) >= value.deliveryDate) {
      ctx.addIssue({
        code: "custom",
        path: ["cutoffAt"],
        message: "The cut-off must be before the delivery date (so farms can pick and you can plan)",
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
      <Field meta={fields.name} label="Name" />
      <Field meta={fields.deliveryDate} label="Delivery date" type="date" />
      <div className="form-row">
        <Field meta={fields.opensAt} label="Ordering opens" type="datetime-local" hint={`Hub time (${timeZone}).`} />
        <Field
          meta={fields.cutoffAt}
          label="Cut-off"
          type="datetime-local"
          hint="Ordering closes by itself at this moment."
        />
      </div>
      <TextareaField
        meta={fields.slots}
        label="Delivery slots"
        rows={3}
        hint="One per line, like 09:00-12:00. Each must fit in a vehicle's shift."
      />
      <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
    </Form>
  );
}
