// The Leaflet map every Foodshed map starts from: a MapContainer with the configured tile layer
// (TILE_URL / TILE_ATTRIBUTION from the public env; OpenStreetMap by default, the local SVG grid
// at /tiles/{z}/{x}/{y}.svg in tests and offline demos) and the default marker icons fixed for the
// bundler. Client-only: load it through `createLazyMap` from ./lazy-map (see there).
//
//   // my-map.client.tsx
//   import { Polyline } from "react-leaflet";
//   import { BaseMap } from "./base-map.client";
//   export default function MyMap(props: { line: [number, number][] }) {
//     return <BaseMap center={props.line[0]!} zoom={11} label="Route map"><Polyline positions={props.line} /></BaseMap>;
//   }
import L from "leaflet";
import markerIcon2x from "leaflet/dist/images/marker-icon-2x.png";
import markerIcon from "leaflet/dist/images/marker-icon.png";
import markerShadow from "leaflet/dist/images/marker-shadow.png";
import { useEffect, type ReactNode } from "react";
import { MapContainer, TileLayer, useMap } from "react-leaflet";
import { usePublicEnv } from "~/root";

// Bundlers rename the images Leaflet looks up by path; point the default icon at the real URLs.
L.Icon.Default.mergeOptions({ iconRetinaUrl: markerIcon2x, iconUrl: markerIcon, shadowUrl: markerShadow });

export const DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
export const DEFAULT_ATTRIBUTION =
  '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

export interface BaseMapProps {
  center: [number, number];
  zoom: number;
  /** Accessible name of the map region (the map itself is also offered as a list elsewhere). */
  label: string;
  children?: ReactNode;
  /** Fit these bounds on first render instead of center/zoom. */
  bounds?: [[number, number], [number, number]];
  scrollWheelZoom?: boolean;
  /** Receives the Leaflet map once it exists (for fitBounds, events…). */
  onReady?: (map: L.Map) => void;
  className?: string;
  minZoom?: number;
  maxZoom?: number;
}

function ReadyReporter({ onReady }: { onReady?: (map: L.Map) => void }) {
  const map = useMap();
  useEffect(() => {
    onReady?.(map);
  }, [map, onReady]);
  return null;
}

export function BaseMap({
  center,
  zoom,
  label,
  children,
  bounds,
  scrollWheelZoom = true,
  onReady,
  className,
  minZoom = 3,
  maxZoom = 18,
}: BaseMapProps) {
  const env = usePublicEnv();
  const tileUrl = env?.TILE_URL ?? DEFAULT_TILE_URL;
  const attribution = env?.TILE_ATTRIBUTION ?? DEFAULT_ATTRIBUTION;
  return (
    <div
      className={`map-leaflet ${className ?? ""}`}
      role="region"
      aria-label={label}
      style={{ height: "100%", width: "100%" }}
    >
      <MapContainer
        center={center}
        zoom={zoom}
        bounds={bounds}
        minZoom={minZoom}
        maxZoom={maxZoom}
        scrollWheelZoom={scrollWheelZoom}
        style={{ height: "100%", width: "100%" }}
      >
        <TileLayer url={tileUrl} attribution={attribution} maxZoom={maxZoom} />
        <ReadyReporter onReady={onReady} />
        {children}
      </MapContainer>
    </div>
  );
}

export default BaseMap;
