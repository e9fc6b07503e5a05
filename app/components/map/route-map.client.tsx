// Planned routes on a map: one polyline per route in its own colour, numbered stop markers and the
// depot. Client-only; load it through createLazyMap (see lazy-map.tsx).
import L from "leaflet";
import { Fragment, useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Marker, Polyline, Tooltip } from "react-leaflet";
import { BaseMap } from "./base-map.client";

export interface RouteMapRoute {
  id: string;
  label: string;
  colour: string;
  dashed?: boolean;
  stops: Array<{ lat: number; lng: number; sequence: number; label: string }>;
}

export interface RouteMapProps {
  depot: { lat: number; lng: number };
  routes: RouteMapRoute[];
  label?: string;
}

export default function RouteMap({ depot, routes, label }: RouteMapProps) {
  const { t } = useTranslation("hub");
  const bounds = useMemo(() => {
    const points: Array<[number, number]> = [
      [depot.lat, depot.lng],
      ...routes.flatMap((r) => r.stops.map((s) => [s.lat, s.lng] as [number, number])),
    ];
    return L.latLngBounds(points).pad(0.08);
  }, [depot, routes]);
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
          </Fragment>
        );
      })}
    </BaseMap>
  );
}
