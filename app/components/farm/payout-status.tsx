import { useTranslation } from "react-i18next";

export type PayoutStatusValue = "NOT_CONNECTED" | "PENDING" | "ENABLED" | "RESTRICTED";

// Plain .badge is green (app.css): enabled.
const BADGE: Record<PayoutStatusValue, string> = {
  NOT_CONNECTED: "badge-neutral",
  PENDING: "badge-warning",
  ENABLED: "",
  RESTRICTED: "badge-danger",
};

/** A farm's payout status as a badge in words: Not connected, Pending, Enabled, Restricted. */
export function PayoutStatusBadge({ status }: { status: PayoutStatusValue }) {
  const { t } = useTranslation("farmer");
  return (
    <span className={`badge ${BADGE[status]}`} data-testid="payout-status">
      {t(`payouts.status.${status}`)}
    </span>
  );
}
