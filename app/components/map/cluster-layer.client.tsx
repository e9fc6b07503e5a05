// Clustered markers (leaflet.markercluster) for thousands of points: markers are created
// imperatively in chunks, so 2,000 farms stay smooth. Use inside <BaseMap>.
//
//   <ClusterLayer points={[{ id, lat, lng, title }]} selectedId={id} onSelect={(id) => …} />
//
// Correct under React StrictMode (development runs every effect twice: mount, clean up, mount):
// the cluster group and the markers that belong to it are created together by one effect and
// handed to the others through state, so a cleanup never leaves a marker table pointing at a
// group that is no longer on the map.
import L from "leaflet";
import "leaflet.markercluster";
import { useEffect, useRef, useState } from "react";
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

/** One cluster group on the map and the markers it holds, by point id. Lives from one effect run to its cleanup. */
interface Layer {
  group: L.MarkerClusterGroup;
  markers: Map<string, L.Marker>;
}

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
  const [layer, setLayer] = useState<Layer | null>(null);
  // The latest callback, read when a marker is clicked (a function, not a Leaflet object).
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    const group = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 50 });
    map.addLayer(group);
    setLayer({ group, markers: new Map() });
    return () => {
      map.removeLayer(group);
      setLayer(null);
    };
  }, [map]);

  // Diff the markers instead of rebuilding: panning keeps most points.
  useEffect(() => {
    if (!layer) return;
    const { group, markers } = layer;
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
  }, [layer, points]);

  useEffect(() => {
    if (!layer || !selectedId) return;
    const marker = layer.markers.get(selectedId);
    // Only a marker that is in the group on the map can be shown (zoomToShowLayer needs its parent).
    if (!marker || !layer.group.hasLayer(marker)) return;
    const defaultIcon = marker.getIcon();
    marker.setIcon(selectedIcon);
    marker.setZIndexOffset(1000);
    layer.group.zoomToShowLayer(marker);
    return () => {
      marker.setIcon(defaultIcon);
      marker.setZIndexOffset(0);
    };
  }, [layer, selectedId, points]);

  return null;
}

export default ClusterLayer;
