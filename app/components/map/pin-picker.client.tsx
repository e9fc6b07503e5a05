// Pick a point: click the map or drag the pin. Reports every change through `onChange`, so a form
// can keep its latitude/longitude inputs in sync (and typing into those inputs moves the pin).
// Load it with `LazyPinPicker` from ./lazy-map.
import type L from "leaflet";
import { useEffect, useMemo } from "react";
import { Marker, useMap, useMapEvents } from "react-leaflet";
import { BaseMap } from "./base-map.client";

export interface PinPickerProps {
  value: { lat: number; lng: number } | null;
  onChange: (point: { lat: number; lng: number }) => void;
  /** Where the map opens when there is no pin yet. */
  initialCenter: [number, number];
  initialZoom?: number;
  label?: string;
  /** What the pin stands for (its tooltip and alternative text), e.g. "Farm location". */
  pinLabel?: string;
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

function ClickToPlace({ onChange }: { onChange: PinPickerProps["onChange"] }) {
  useMapEvents({
    click(event) {
      onChange({ lat: round(event.latlng.lat), lng: round(event.latlng.lng) });
    },
  });
  return null;
}

function FollowValue({ value }: { value: PinPickerProps["value"] }) {
  const map = useMap();
  useEffect(() => {
    if (value && !map.getBounds().contains([value.lat, value.lng])) map.panTo([value.lat, value.lng]);
  }, [map, value]);
  return null;
}

export function PinPicker({
  value,
  onChange,
  initialCenter,
  initialZoom = 11,
  label = "Map: click or drag the pin to set the location",
  pinLabel = "Location",
}: PinPickerProps) {
  // The dragged marker comes with the event: no ref to a Leaflet object that could outlive it.
  const handlers = useMemo(
    () => ({
      dragend(event: L.DragEndEvent) {
        const { lat, lng } = (event.target as L.Marker).getLatLng();
        onChange({ lat: round(lat), lng: round(lng) });
      },
    }),
    [onChange],
  );
  return (
    <BaseMap
      center={value ? [value.lat, value.lng] : initialCenter}
      zoom={value ? Math.max(initialZoom, 13) : initialZoom}
      label={label}
    >
      <ClickToPlace onChange={onChange} />
      <FollowValue value={value} />
      {value ? (
        <Marker
          position={[value.lat, value.lng]}
          draggable
          eventHandlers={handlers}
          title={`${pinLabel} (drag to move)`}
          alt={pinLabel}
        />
      ) : null}
    </BaseMap>
  );
}

export default PinPicker;
