// The route map's "last seen" marker (docs/decisions/033): what the plan page hands the map from
// the polled live progress, and the marker's markup. No Leaflet here, so it is unit-sized.

export interface LastSeenReading {
  latitude: number;
  longitude: number;
  accuracyM: number | null;
  /** ISO instant of the mark that carried the position. */
  at: string;
  stopSequence: number;
}

export interface MapLastSeen {
  lat: number;
  lng: number;
  accuracyM: number | null;
  /** "11:42", in the hub's time zone and the reader's locale. */
  time: string;
  sequence: number;
}

/** A route's last known position for the map, or null when it has none (or a bad reading). */
export function lastSeenForMap(
  seen: LastSeenReading | null | undefined,
  timeZone: string,
  locale: string,
): MapLastSeen | null {
  if (!seen || !Number.isFinite(seen.latitude) || !Number.isFinite(seen.longitude)) return null;
  const at = new Date(seen.at);
  if (Number.isNaN(at.getTime())) return null;
  return {
    lat: seen.latitude,
    lng: seen.longitude,
    accuracyM: seen.accuracyM,
    time: new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone }).format(at),
    sequence: seen.stopSequence,
  };
}

/** The marker's markup: a diamond in the route's colour (a CSS colour from routeColour, nothing else). */
export function lastSeenIconHtml(colour: string): string {
  const safe = /^#[0-9a-fA-F]{3,8}$|^[a-z]+$|^(rgb|hsl)a?\([\d\s.,%/]+\)$/.test(colour) ? colour : "#111";
  return `<span class="last-seen-marker" style="--route-colour:${safe}"></span>`;
}
