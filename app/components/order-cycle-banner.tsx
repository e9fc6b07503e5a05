import { formatDate, formatDateTime, formatTimeLeft } from "~/utils/format";

export interface CycleBannerData {
  name: string;
  cutoffAt: string;
  deliveryDate: string;
  opensAt: string;
}

/** The open cycle: its cut-off with time left and its delivery date. */
export function OrderCycleBanner({
  cycle,
  nextCycle,
  timeZone = "Europe/London",
}: {
  cycle: CycleBannerData | null;
  nextCycle?: CycleBannerData | null;
  timeZone?: string;
}) {
  if (!cycle) {
    return (
      <div className="alert alert-warning cycle-banner" role="status">
        <p style={{ margin: 0 }}>
          <strong>Ordering is closed right now.</strong>{" "}
          {nextCycle
            ? `The next cycle (${nextCycle.name}) opens ${formatDateTime(nextCycle.opensAt, timeZone)}.`
            : "Your hub has not opened the next delivery cycle yet."}{" "}
          You can keep filling your basket.
        </p>
      </div>
    );
  }
  return (
    <section className="card cycle-banner" aria-label="Delivery cycle">
      <div>
        <h2 style={{ margin: 0 }}>{cycle.name}</h2>
        <p className="muted small" style={{ margin: 0 }}>
          Order before the cut-off; changes and cancellations are possible until then.
        </p>
      </div>
      <dl>
        <div>
          <dt>Cut-off</dt>
          <dd>
            <time dateTime={cycle.cutoffAt}>{formatDateTime(cycle.cutoffAt, timeZone)}</time>
          </dd>
        </div>
        <div>
          <dt>Time left</dt>
          <dd data-testid="time-left">{formatTimeLeft(cycle.cutoffAt)}</dd>
        </div>
        <div>
          <dt>Delivery</dt>
          <dd>
            <time dateTime={cycle.deliveryDate}>{formatDate(cycle.deliveryDate, timeZone)}</time>
          </dd>
        </div>
      </dl>
    </section>
  );
}
