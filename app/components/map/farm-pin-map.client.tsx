// One farm's pin (farm page). Load with LazyFarmPinMap.
import { Marker } from "react-leaflet";
import { BaseMap } from "./base-map.client";

export default function FarmPinMap({ lat, lng, name }: { lat: number; lng: number; name: string }) {
  return (
    <BaseMap center={[lat, lng]} zoom={12} label={`Map showing where ${name} is`} scrollWheelZoom={false}>
      <Marker position={[lat, lng]} title={name} alt={name} />
    </BaseMap>
  );
}
