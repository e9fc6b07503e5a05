// The producers map: clustered farm markers, the search circle, and the view reported back on
// every move so the list beside the map shows the farms in view. Load with LazyDiscoveryMap.
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Circle, CircleMarker, useMap, useMapEvents } from "react-leaflet";
import { BaseMap } from "./base-map.client";
import { ClusterLayer, type ClusterPoint } from "./cluster-layer.client";

export interface DiscoveryMapProps {
  centre: { lat: number; lng: number };
  radiusKm: number;
  points: readonly ClusterPoint[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Called after every pan/zoom with Leaflet's "minLng,minLat,maxLng,maxLat". */
  onViewChange: (bbox: string) => void;
}

function ViewReporter({ onViewChange }: { onViewChange: (bbox: string) => void }) {
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const map = useMapEvents({
    moveend() {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => onViewChange(map.getBounds().toBBoxString()), 150);
    },
  });
  useEffect(() => {
    onViewChange(map.getBounds().toBBoxString());
    return () => clearTimeout(timer.current);
  }, [map, onViewChange]);
  return null;
}

/** Fits the search circle whenever the centre or radius changes (the map itself comes from context). */
function FitCircle({ lat, lng, radiusKm }: { lat: number; lng: number; radiusKm: number }) {
  const map = useMap();
  useEffect(() => {
    // The same bounds BaseMap opened with on the first run: fitting them again does not move.
    map.fitBounds(circleBounds(lat, lng, radiusKm));
  }, [map, lat, lng, radiusKm]);
  return null;
}

function circleBounds(lat: number, lng: number, radiusKm: number): [[number, number], [number, number]] {
  const delta = radiusKm / 111;
  const lngDelta = delta / Math.cos((lat * Math.PI) / 180);
  return [
    [lat - delta, lng - lngDelta],
    [lat + delta, lng + lngDelta],
  ];
}

export default function DiscoveryMap({
  centre,
  radiusKm,
  points,
  selectedId,
  onSelect,
  onViewChange,
}: DiscoveryMapProps) {
  const { t } = useTranslation("discover");
  return (
    <BaseMap
      center={[centre.lat, centre.lng]}
      zoom={10}
      bounds={circleBounds(centre.lat, centre.lng, radiusKm)}
      label={t("map.mapLabel")}
    >
      <Circle
        center={[centre.lat, centre.lng]}
        radius={radiusKm * 1000}
        pathOptions={{ color: "#23603f", weight: 2, fillOpacity: 0.04 }}
        interactive={false}
      />
      <CircleMarker
        center={[centre.lat, centre.lng]}
        radius={7}
        pathOptions={{ color: "#fff", weight: 2, fillColor: "#1d6fd8", fillOpacity: 1 }}
        interactive={false}
      />
      <ClusterLayer points={points} selectedId={selectedId} onSelect={onSelect} />
      <FitCircle lat={centre.lat} lng={centre.lng} radiusKm={radiusKm} />
      <ViewReporter onViewChange={onViewChange} />
    </BaseMap>
  );
}
