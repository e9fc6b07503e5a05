// Clustered markers (leaflet.markercluster) for thousands of points: markers are created
// imperatively in chunks, so 2,000 farms stay smooth. Use inside <BaseMap>.
//
//   <ClusterLayer points={[{ id, lat, lng, title }]} selectedId={id} onSelect={(id) => …} />
import L from "leaflet";
import "leaflet.markercluster";
import { useEffect, useRef } from "react";
import { useMap } from "react-leaflet";

export interface ClusterPoint {
  id: string;
  lat: number;
  lng: number;
  /** Marker tooltip and accessible name. */
  title: string;
}

const selectedIcon = L.divIcon({
  className: "map-pin-selected",
  html: '<span aria-hidden="true"></span>',
  iconSize: [30, 30],
  iconAnchor: [15, 30],
});

export function ClusterLayer({
  points,
  selectedId,
  onSelect,
}: {
  points: readonly ClusterPoint[];
  selectedId?: string | null;
  onSelect?: (id: string) => void;
}) {
  const map = useMap();
  const groupRef = useRef<L.MarkerClusterGroup | null>(null);
  const markersRef = useRef(new Map<string, L.Marker>());
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  useEffect(() => {
    const group = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 50 });
    groupRef.current = group;
    map.addLayer(group);
    return () => {
      map.removeLayer(group);
      groupRef.current = null;
    };
  }, [map]);

  // Diff the markers instead of rebuilding: panning keeps most points.
  useEffect(() => {
    const group = groupRef.current;
    if (!group) return;
    const markers = markersRef.current;
    const next = new Set(points.map((point) => point.id));
    const stale: L.Marker[] = [];
    for (const [id, marker] of markers) {
      if (!next.has(id)) {
        stale.push(marker);
        markers.delete(id);
      }
    }
    if (stale.length) group.removeLayers(stale);
    const fresh: L.Marker[] = [];
    for (const point of points) {
      if (markers.has(point.id)) continue;
      const marker = L.marker([point.lat, point.lng], { title: point.title, alt: point.title, keyboard: true });
      marker.on("click", () => onSelectRef.current?.(point.id));
      markers.set(point.id, marker);
      fresh.push(marker);
    }
    if (fresh.length) group.addLayers(fresh);
  }, [points]);

  useEffect(() => {
    const group = groupRef.current;
    const marker = selectedId ? markersRef.current.get(selectedId) : undefined;
    if (!group || !marker) return;
    const defaultIcon = marker.getIcon();
    marker.setIcon(selectedIcon);
    marker.setZIndexOffset(1000);
    group.zoomToShowLayer(marker);
    return () => {
      marker.setIcon(defaultIcon);
      marker.setZIndexOffset(0);
    };
  }, [selectedId, points]);

  return null;
}

export default ClusterLayer;
