import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  driverAppLinks,
  OfflineMarksProvider,
  routeSheetUrls,
  useDriverServiceWorker,
} from "~/components/delivery/offline";
import { useFormat } from "~/components/i18n";
import { PageHeader } from "~/components/ui/page";
import { metaT } from "~/i18n/i18n";
import { useOptionalUser } from "~/root";
import { listMyRoutes } from "~/services/driver.server";
import coordinatorCss from "~/styles/coordinator.css";
import { requireDriver } from "~/utils/driver-guard.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }, ...driverAppLinks];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "hub")("myRoutes.metaTitle") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, hub } = await requireDriver(request);
  const routes = await listMyRoutes({ driverId: user.id, hubId: hub.id, timeZone: hub.timeZone });
  return json({ routes, hubName: hub.name, timeZone: hub.timeZone }, { headers: { "Cache-Control": "no-store" } });
}

type RouteRow = ReturnType<typeof useLoaderData<typeof loader>>["routes"][number];

function RouteList({ routes, timeZone }: { routes: RouteRow[]; timeZone: string }) {
  const { t } = useTranslation("hub");
  const format = useFormat();
  const time = (v: string) =>
    new Intl.DateTimeFormat(format.locale, { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(v));
  return (
    <ul className="driver-route-list">
      {routes.map((route) => (
        <li key={route.id} className="driver-stop" data-status={route.status === "FINISHED" ? "DONE" : undefined}>
          <Link to={`/driver/routes/${route.id}`}>
            <strong>
              {t(route.kind === "DELIVERY" ? "myRoutes.run.DELIVERY" : "myRoutes.run.COLLECTION", {
                cycle: route.cycleName,
              })}
            </strong>
          </Link>
          <p className="small" style={{ margin: 0 }}>
            {t("myRoutes.line", {
              date: format.date(route.startAt, timeZone),
              start: time(route.startAt),
              vehicle: route.vehicleName,
              count: route.stopCount,
            })}
          </p>
          <p className="small" style={{ margin: 0 }}>
            <span className="badge">{t(`myRoutes.status.${route.status}`)}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}

export default function MyRoutesPage() {
  const { routes, hubName, timeZone } = useLoaderData<typeof loader>();
  const { t } = useTranslation("hub");
  const today = routes.filter((r) => r.today);
  const later = routes.filter((r) => !r.today);
  const user = useOptionalUser();
  // Today's route sheets are kept on the phone from here, so they open without signal (decision 034).
  useDriverServiceWorker(today.flatMap((r) => routeSheetUrls(r.id)));
  return (
    <OfflineMarksProvider userId={user?.id ?? null} routeId={null}>
      <PageHeader title={t("myRoutes.title")} description={t("myRoutes.description", { hub: hubName })} />
      <h2>{t("myRoutes.today")}</h2>
      {today.length > 0 ? (
        <RouteList routes={today} timeZone={timeZone} />
      ) : (
        <p className="muted">{t("myRoutes.noneToday")}</p>
      )}
      <h2>{t("myRoutes.upcoming")}</h2>
      {later.length > 0 ? (
        <RouteList routes={later} timeZone={timeZone} />
      ) : (
        <p className="muted">{t("myRoutes.noneUpcoming")}</p>
      )}
    </OfflineMarksProvider>
  );
}
