// The words for stored codes (statuses, units) in the reader's language: `common:orderStatus.*`,
// `common:farmStatus.*`. A code the catalogue does not know is shown as it is.
import type { TFunction } from "i18next";

const ORDER_STATUSES = new Set([
  "PENDING_PAYMENT",
  "CONFIRMED",
  "OUT_FOR_DELIVERY",
  "DELIVERED",
  "PARTLY_DELIVERED",
  "FAILED",
  "CANCELLED",
]);
const FARM_STATUSES = new Set(["PENDING", "ACTIVE", "SUSPENDED"]);

/** "Confirmed", "Awaiting payment", … */
export function orderStatusLabel(status: string, t: TFunction): string {
  return ORDER_STATUSES.has(status) ? t(`common:orderStatus.${status}`) : status;
}

/** "pending", "active", "suspended" (as a badge after the farm's name). */
export function farmStatusLabel(status: string, t: TFunction): string {
  return FARM_STATUSES.has(status) ? t(`common:farmStatus.${status}`) : status.toLowerCase();
}
