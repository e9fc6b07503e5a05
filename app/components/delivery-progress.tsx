// Live delivery progress (docs/decisions/033): the buyer's "On its way — 2 stops before yours,
// expected around 11:05" and the coordinator's done / failed / to go per route. Both refresh by
// polling their page's loader while the delivery is under way and the tab is visible.
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { Card } from "~/components/ui/page";
import { TableWrap } from "~/components/ui/table-wrap";
import { usePollWhileVisible } from "./use-poll-while-visible";

const timeOfDay = (iso: string, timeZone: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(iso));

export function OrderDeliveryProgress({
  progress,
}: {
  progress: { stopsBefore: number; expectedAt: string; timeZone: string } | null;
}) {
  const { t } = useTranslation("buyer");
  const format = useFormat();
  usePollWhileVisible(progress !== null);
  if (!progress) return null;
  const time = timeOfDay(progress.expectedAt, progress.timeZone, format.locale);
  return (
    <Card title={t("order.progress.title")}>
      <p className="delivery-progress" role="status" aria-live="polite" aria-atomic="true" style={{ margin: 0 }}>
        <strong>
          {progress.stopsBefore === 0
            ? t("order.progress.next", { time })
            : t("order.progress.onItsWay", { count: progress.stopsBefore, time })}
        </strong>
      </p>
      <p className="small muted" style={{ margin: "0.25rem 0 0" }}>
        {t("order.progress.updates")}
      </p>
    </Card>
  );
}

export interface RouteProgressRowView {
  id: string;
  name: string;
  vehicle: string;
  driver: string | null;
  done: number;
  failed: number;
  toGo: number;
  started: boolean;
  lateMinutes: number | null;
  lastSeen?: { latitude: number; longitude: number; accuracyM: number | null; at: string; stopSequence: number } | null;
}

export function PlanDeliveryProgress({
  progress,
  timeZone,
}: {
  progress: { routes: RouteProgressRowView[]; live: boolean; started: boolean } | null;
  /** The hub's time zone, for "last seen … 11:42". */
  timeZone?: string;
}) {
  const { t } = useTranslation("hub");
  const format = useFormat();
  usePollWhileVisible(Boolean(progress?.live));
  if (!progress || (!progress.started && !progress.live) || progress.routes.length === 0) return null;
  const timing = (r: RouteProgressRowView) => {
    if (r.toGo === 0) return t("plan.liveProgress.finished");
    if (!r.started) return t("plan.liveProgress.notStarted");
    if (r.lateMinutes === null || Math.abs(r.lateMinutes) < 5) return t("plan.liveProgress.onTime");
    return r.lateMinutes > 0
      ? t("plan.liveProgress.late", { count: r.lateMinutes })
      : t("plan.liveProgress.early", { count: -r.lateMinutes });
  };
  return (
    <Card title={t("plan.liveProgress.title")}>
      <TableWrap>
        <table className="delivery-progress-table" aria-live="polite">
          <caption className="visually-hidden">{t("plan.liveProgress.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("plan.liveProgress.columns.route")}</th>
              <th scope="col">{t("plan.liveProgress.columns.driver")}</th>
              <th scope="col" className="num">
                {t("plan.liveProgress.columns.done")}
              </th>
              <th scope="col" className="num">
                {t("plan.liveProgress.columns.failed")}
              </th>
              <th scope="col" className="num">
                {t("plan.liveProgress.columns.toGo")}
              </th>
              <th scope="col">{t("plan.liveProgress.columns.timing")}</th>
              <th scope="col">{t("plan.liveProgress.columns.lastSeen")}</th>
            </tr>
          </thead>
          <tbody>
            {progress.routes.map((r) => (
              <tr key={r.id}>
                <td>
                  <strong>{r.name}</strong>
                  <br />
                  <span className="small muted">{r.vehicle}</span>
                </td>
                <td>{r.driver ?? <span className="muted">{t("plan.liveProgress.noDriver")}</span>}</td>
                <td className="num">{format.number(r.done)}</td>
                <td className="num">
                  {r.failed > 0 ? (
                    <strong style={{ color: "var(--danger)" }}>{format.number(r.failed)}</strong>
                  ) : (
                    format.number(0)
                  )}
                </td>
                <td className="num">{format.number(r.toGo)}</td>
                <td>{timing(r)}</td>
                <td data-testid={`last-seen-${r.id}`}>
                  {r.lastSeen ? (
                    <a
                      href={`https://www.openstreetmap.org/?mlat=${r.lastSeen.latitude}&mlon=${r.lastSeen.longitude}#map=16/${r.lastSeen.latitude}/${r.lastSeen.longitude}`}
                      target="_blank"
                      rel="noreferrer"
                    >
                      {t("plan.liveProgress.lastSeen", {
                        sequence: r.lastSeen.stopSequence,
                        time: new Intl.DateTimeFormat(format.locale, {
                          hour: "2-digit",
                          minute: "2-digit",
                          timeZone,
                        }).format(new Date(r.lastSeen.at)),
                      })}
                    </a>
                  ) : (
                    <span className="muted">{t("plan.liveProgress.notSeen")}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {progress.live ? (
        <p className="small muted" style={{ margin: "0.5rem 0 0" }}>
          {t("plan.liveProgress.live")}
        </p>
      ) : null}
    </Card>
  );
}
