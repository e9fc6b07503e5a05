// The buyer's delivery-message choice (docs/decisions/033): client-safe, so conform validates in
// the browser with the same schema the action uses. A national mobile number takes the country
// of the buyer's hub (`callingCode`, from its time zone; the United Kingdom's by default).
import { z } from "zod";
import { normaliseMobileNumber } from "~/domain/phone";
import { lazyT } from "~/i18n/i18n";

export const DELIVERY_NOTICE_CHANNELS = ["EMAIL", "SMS", "BOTH", "NONE"] as const;

/** The catalogue's variant of a number hint or message for this country ("44", "33", else "other"). */
export const phoneVariant = (callingCode: string) =>
  callingCode === "44" || callingCode === "33" ? callingCode : "other";

export function deliveryNoticesSchema(callingCode: string) {
  const invalid = lazyT(`auth:account.notices.errors.mobileInvalid.${phoneVariant(callingCode)}`);
  return z
    .object({
      deliveryNotices: z.enum(DELIVERY_NOTICE_CHANNELS, {
        error: lazyT("auth:account.notices.errors.channelRequired"),
      }),
      mobilePhone: z
        .string()
        .max(40, { error: invalid })
        .optional()
        .transform((value, ctx): string | null => {
          if (!value?.trim()) return null;
          const result = normaliseMobileNumber(value, callingCode);
          if (result.ok) return result.e164;
          ctx.addIssue({
            code: "custom",
            message: result.problem === "notMobile" ? lazyT("auth:account.notices.errors.notMobile")() : invalid(),
          });
          return z.NEVER;
        }),
    })
    .superRefine((value, ctx) => {
      if ((value.deliveryNotices === "SMS" || value.deliveryNotices === "BOTH") && !value.mobilePhone)
        ctx.addIssue({
          code: "custom",
          path: ["mobilePhone"],
          message: lazyT("auth:account.notices.errors.mobileRequired")(),
        });
    });
}
