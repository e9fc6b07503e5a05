// One farm's pin (farm page). Load with LazyFarmPinMap.
import { useTranslation } from "react-i18next";
import { Marker } from "react-leaflet";
import { BaseMap } from "./base-map.client";

export default function FarmPinMap({ lat, lng, name }: { lat: number; lng: number; name: string }) {
  const { t } = useTranslation("discover");
  return (
    <BaseMap center={[lat, lng]} zoom={12} label={t("farm.mapLabel", { name })} scrollWheelZoom={false}>
      <Marker position={[lat, lng]} title={name} alt={name} />
    </BaseMap>
  );
}
