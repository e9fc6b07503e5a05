// Planned routes on a map: one polyline per route in its own colour, numbered stop markers, the
// depot and, once a route is being driven, a diamond in its colour where it was last seen (the
// latest mark sent with the device's position, docs/decisions/033). Client-only; load it through
// createLazyMap (see lazy-map.tsx).
import L from "leaflet";
import { Fragment, useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Circle, Marker, Polyline, Tooltip } from "react-leaflet";
import { BaseMap } from "./base-map.client";
import { lastSeenIconHtml, type MapLastSeen } from "./last-seen";

export interface RouteMapRoute {
  id: string;
  label: string;
  colour: string;
  dashed?: boolean;
  stops: Array<{ lat: number; lng: number; sequence: number; label: string }>;
  /** Where the route was last seen: `time` already written in the hub's time zone ("11:42"). */
  lastSeen?: MapLastSeen | null;
}

export interface RouteMapProps {
  depot: { lat: number; lng: number };
  routes: RouteMapRoute[];
  label?: string;
}

export default function RouteMap({ depot, routes, label }: RouteMapProps) {
  const { t } = useTranslation("hub");
  // Keyed by the points themselves: the page's polling hands new arrays every 30 s, and refitting
  // then would undo the coordinator's zoom. Last-seen markers do not move the view.
  const pointsKey = JSON.stringify([
    [depot.lat, depot.lng],
    ...routes.flatMap((r) => r.stops.map((s) => [s.lat, s.lng])),
  ]);
  const bounds = useMemo(() => L.latLngBounds(JSON.parse(pointsKey) as Array<[number, number]>).pad(0.08), [pointsKey]);
  const onReady = useCallback((map: L.Map) => map.fitBounds(bounds), [bounds]);
  const depotIcon = useMemo(
    () =>
      L.divIcon({
        className: "",
        html: '<span class="depot-marker" aria-hidden="true">H</span>',
        iconSize: [30, 30],
        iconAnchor: [15, 15],
      }),
    [],
  );
  return (
    <BaseMap center={[depot.lat, depot.lng]} zoom={10} label={label ?? t("routeMap.label")} onReady={onReady}>
      <Marker position={[depot.lat, depot.lng]} icon={depotIcon} title={t("routeMap.depot")} alt={t("routeMap.depot")}>
        <Tooltip>{t("routeMap.depot")}</Tooltip>
      </Marker>
      {routes.map((route) => {
        const line: Array<[number, number]> = [
          [depot.lat, depot.lng],
          ...route.stops.map((s) => [s.lat, s.lng] as [number, number]),
          [depot.lat, depot.lng],
        ];
        return (
          <Fragment key={route.id}>
            <Polyline
              positions={line}
              pathOptions={{
                color: route.colour,
                weight: 4,
                opacity: 0.85,
                dashArray: route.dashed ? "8 6" : undefined,
              }}
            >
              <Tooltip sticky>{route.label}</Tooltip>
            </Polyline>
            {route.stops.map((stop) => (
              <Marker
                key={`${route.id}-${stop.sequence}`}
                position={[stop.lat, stop.lng]}
                title={t("routeMap.stopTitle", { route: route.label, sequence: stop.sequence, stop: stop.label })}
                alt={t("routeMap.stopAlt", { route: route.label, sequence: stop.sequence })}
                icon={L.divIcon({
                  className: "",
                  html: `<span class="stop-marker" style="background:${route.colour}">${stop.sequence}</span>`,
                  iconSize: [26, 26],
                  iconAnchor: [13, 13],
                })}
              >
                <Tooltip>{`${route.label} · ${stop.sequence}. ${stop.label}`}</Tooltip>
              </Marker>
            ))}
            {route.lastSeen ? <LastSeenMarker route={route} seen={route.lastSeen} /> : null}
          </Fragment>
        );
      })}
    </BaseMap>
  );
}

/** A diamond in the route's colour where it was last seen, with its accuracy as a faint circle. */
function LastSeenMarker({ route, seen }: { route: RouteMapRoute; seen: NonNullable<RouteMapRoute["lastSeen"]> }) {
  const { t } = useTranslation("hub");
  const text = t("routeMap.lastSeenTitle", { route: route.label, time: seen.time, sequence: seen.sequence });
  const icon = useMemo(
    () =>
      L.divIcon({
        className: "",
        html: lastSeenIconHtml(route.colour),
        iconSize: [30, 30],
        iconAnchor: [15, 15],
      }),
    [route.colour],
  );
  return (
    <>
      {seen.accuracyM !== null && seen.accuracyM > 0 ? (
        <Circle
          center={[seen.lat, seen.lng]}
          radius={seen.accuracyM}
          interactive={false}
          pathOptions={{ color: route.colour, weight: 1, opacity: 0.6, fillOpacity: 0.08 }}
        />
      ) : null}
      <Marker position={[seen.lat, seen.lng]} icon={icon} title={text} alt={text} zIndexOffset={1000}>
        <Tooltip>{text}</Tooltip>
      </Marker>
    </>
  );
}
