const LABEL: Record<string, { text: string; tone: string }> = {
  SCHEDULED: { text: "Scheduled", tone: "badge-neutral" },
  OPEN: { text: "Open for orders", tone: "badge-info" },
  CLOSED: { text: "Closed", tone: "badge-warning" },
  PLANNED: { text: "Routes planned", tone: "" },
  DELIVERED: { text: "Delivered", tone: "" },
};

/** The words for a cycle's status (its effective status: "Scheduled" before ordering opens), everywhere. */
export function cycleStatusText(status: string): string {
  return (LABEL[status] ?? { text: status }).text;
}

export function CycleStatusBadge({ status }: { status: string }) {
  const label = LABEL[status] ?? { text: status, tone: "badge-neutral" };
  return <span className={`badge ${label.tone}`}>{label.text}</span>;
}
