// A buyer's delivery messages: their mobile number and the channels (docs/decisions/033).
import { callingCodeForTimeZone, normaliseMobileNumber } from "~/domain/phone";
import { isSmsConfigured } from "~/integrations/sms.server";
import { withTransaction } from "~/models/database.server";
import { getDeliveryPreferences, updateDeliveryPreferences } from "~/models/delivery-notice.server";
import type { DeliveryNoticeChannel } from "~generated/prisma/enums.ts";

/** What the account page shows: the choice, the country of national numbers, and whether SMS is on. */
export async function getDeliveryPreferencesView({ userId }: { userId: string }) {
  const row = await getDeliveryPreferences({ userId });
  const callingCode = callingCodeForTimeZone(row?.hub?.timeZone);
  // A first visit offers the account's phone when it is a mobile number.
  const fromAccount = row?.phone ? normaliseMobileNumber(row.phone, callingCode) : null;
  return {
    deliveryNotices: row?.deliveryNotices ?? "EMAIL",
    mobilePhone: row?.mobilePhone ?? (fromAccount?.ok ? fromAccount.e164 : null),
    callingCode,
    smsEnabled: isSmsConfigured(),
  };
}

/** Saves the number and the channels together (one transaction: never a choice of SMS without its number). */
export async function saveDeliveryPreferences({
  userId,
  mobilePhone,
  deliveryNotices,
}: {
  userId: string;
  mobilePhone: string | null;
  deliveryNotices: DeliveryNoticeChannel;
}) {
  await withTransaction((tx) => updateDeliveryPreferences({ db: tx, userId, mobilePhone, deliveryNotices }));
}
