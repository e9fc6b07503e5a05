// The producers map: clustered farm markers, the search circle, and the view reported back on
// every move so the list beside the map shows the farms in view. Load with LazyDiscoveryMap.
import type L from "leaflet";
import { useCallback, useEffect, useRef } from "react";
import { Circle, CircleMarker, useMapEvents } from "react-leaflet";
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

export default function DiscoveryMap({ centre, radiusKm, points, selectedId, onSelect, onViewChange }: DiscoveryMapProps) {
  const mapRef = useRef<L.Map | null>(null);
  const onReady = useCallback((map: L.Map) => {
    mapRef.current = map;
  }, []);
  // Fit the search circle whenever the centre or radius changes.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const delta = radiusKm / 111;
    const lngDelta = delta / Math.cos((centre.lat * Math.PI) / 180);
    map.fitBounds([
      [centre.lat - delta, centre.lng - lngDelta],
      [centre.lat + delta, centre.lng + lngDelta],
    ]);
  }, [centre.lat, centre.lng, radiusKm]);
  const delta = radiusKm / 111;
  const lngDelta = delta / Math.cos((centre.lat * Math.PI) / 180);
  return (
    <BaseMap
      center={[centre.lat, centre.lng]}
      zoom={10}
      bounds={[
        [centre.lat - delta, centre.lng - lngDelta],
        [centre.lat + delta, centre.lng + lngDelta],
      ]}
      label="Map of producers. The list of farms in view is next to the map."
      onReady={onReady}
    >
      <Circle center={[centre.lat, centre.lng]} radius={radiusKm * 1000} pathOptions={{ color: "#23603f", weight: 2, fillOpacity: 0.04 }} interactive={false} />
      <CircleMarker center={[centre.lat, centre.lng]} radius={7} pathOptions={{ color: "#fff", weight: 2, fillColor: "#1d6fd8", fillOpacity: 1 }} interactive={false} />
      <ClusterLayer points={points} selectedId={selectedId} onSelect={onSelect} />
      <ViewReporter onViewChange={onViewChange} />
    </BaseMap>
  );
}
