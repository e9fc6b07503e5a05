import { useTranslation } from "react-i18next";
import { useFormat } from "./i18n";

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
  const { t } = useTranslation("buyer");
  const format = useFormat();
  if (!cycle) {
    return (
      <div className="alert alert-warning cycle-banner" role="status">
        <p style={{ margin: 0 }}>
          <strong>{t("cycleBanner.closed")}</strong>{" "}
          {nextCycle
            ? t("cycleBanner.nextOpens", { cycle: nextCycle.name, opens: format.dateTime(nextCycle.opensAt, timeZone) })
            : t("cycleBanner.noNext")}{" "}
          {t("cycleBanner.keepFilling")}
        </p>
      </div>
    );
  }
  return (
    <section className="card cycle-banner" aria-label={t("cycleBanner.label")}>
      <div>
        <h2 style={{ margin: 0 }}>{cycle.name}</h2>
        <p className="muted small" style={{ margin: 0 }}>
          {t("cycleBanner.orderBefore")}
        </p>
      </div>
      <dl>
        <div>
          <dt>{t("cycleBanner.cutoff")}</dt>
          <dd>
            <time dateTime={cycle.cutoffAt}>{format.dateTime(cycle.cutoffAt, timeZone)}</time>
          </dd>
        </div>
        <div>
          <dt>{t("cycleBanner.timeLeft")}</dt>
          <dd data-testid="time-left">{format.timeLeft(cycle.cutoffAt)}</dd>
        </div>
        <div>
          <dt>{t("cycleBanner.delivery")}</dt>
          <dd>
            <time dateTime={cycle.deliveryDate}>{format.date(cycle.deliveryDate, timeZone)}</time>
          </dd>
        </div>
      </dl>
    </section>
  );
}
