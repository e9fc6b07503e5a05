// The "what was packed" form (components/orders/adjust-line.tsx) as the pick list's and the hub's
// packing page's actions parse it: one schema, one set of words for a form that does not parse.
import { z } from "zod";

export const AdjustFormSchema = z.object({
  intent: z.literal("adjust"),
  lineId: z.string().trim().min(1).max(100),
  version: z.coerce.number().int().min(0).max(1_000_000),
  requestKey: z.string().trim().min(8).max(100),
  kind: z.enum(["asOrdered", "short", "weight", "substitute"]),
  quantity: z.string().max(40).optional(),
  actualWeightKg: z.string().max(40).optional(),
  substituteProductId: z.string().max(100).optional(),
  note: z.string().trim().max(300).optional(),
});

export type AdjustForm = z.output<typeof AdjustFormSchema>;

/** The form's fields, or which message to show: a missing choice of what was packed, or anything else. */
export function parseAdjustForm(
  formData: FormData,
): { ok: true; form: AdjustForm } | { ok: false; problem: "chooseKind" | "badForm" } {
  const parsed = AdjustFormSchema.safeParse(Object.fromEntries(formData));
  if (parsed.success) return { ok: true, form: parsed.data };
  return { ok: false, problem: parsed.error.issues[0]?.path[0] === "kind" ? "chooseKind" : "badForm" };
}
