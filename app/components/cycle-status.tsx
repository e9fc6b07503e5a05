import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

const TONE: Record<string, string> = {
  SCHEDULED: "badge-neutral",
  OPEN: "badge-info",
  CLOSED: "badge-warning",
  PLANNED: "",
  DELIVERED: "",
};

const ENGLISH: Record<string, string> = {
  SCHEDULED: "Scheduled",
  OPEN: "Open for orders",
  CLOSED: "Closed",
  PLANNED: "Routes planned",
  DELIVERED: "Delivered",
};

/**
 * The English words for a cycle's status, for pages not yet translated; translated pages use
 * `cycleStatusLabel(status, t)` (`common:cycleStatus.*`).
 */
export function cycleStatusText(status: string): string {
  return ENGLISH[status] ?? status;
}

/** The words for a cycle's status (its effective status: "Scheduled" before ordering opens), everywhere. */
export function cycleStatusLabel(status: string, t: TFunction): string {
  return status in ENGLISH ? t(`common:cycleStatus.${status}`) : status;
}

export function CycleStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge ${TONE[status] ?? "badge-neutral"}`}>{cycleStatusLabel(status, t)}</span>;
}
