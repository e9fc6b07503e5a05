// Addresses, points and phone numbers for seeded farms and buyers.
import { haversineMetres, insidePolygon, jitter, type LatLng } from "./build";
import type { Rng } from "./random";
import { DEPOT, ESTUARY_POLYGON, FARM_MAX_DISTANCE_M, HUB, LAKES, type Neighbourhood } from "./region";

const POSTCODE_LETTERS = [..."ABDEFGHJLNPQRSTUWXYZ"];

export const FARM_LANES: readonly string[] = [
  "Church Lane",
  "Mill Lane",
  "Back Lane",
  "Court Lane",
  "Moor Lane",
  "Green Lane",
  "Watery Lane",
  "Combe Lane",
  "Hollow Lane",
  "Station Road",
];

export const PICKUP_INSTRUCTIONS: readonly string[] = [
  "Collection from the farm shop barn; ring the bell if nobody is about.",
  "Chilled boxes are in the walk-in fridge beside the dairy, ambient ones on the pallet inside the gate.",
  "Pull into the yard and reverse up to the loading bay by the green barn.",
  "Second gate on the left. Boxes are labelled by order number in the packing shed.",
  "Please phone on arrival: the track is narrow, so vans wait at the cattle grid and we bring the boxes down.",
  "Use the farm entrance, not the house. Orders are on the shelves under the carport, chilled ones in the marked fridge.",
];

export const SELF_DELIVERY_INSTRUCTIONS = "We bring our own goods to the hub by 08:30 on delivery day.";

export const HOUSEHOLD_NOTES: readonly string[] = [
  "",
  "",
  "",
  "Please leave in the porch if we're out.",
  "Side gate is unlocked; leave by the back door.",
  "Top-floor flat, buzzer 3.",
  "Please knock loudly, the doorbell doesn't work.",
];

export const RESTAURANT_NOTES: readonly string[] = [
  "Deliveries to the kitchen door at the back, please.",
  "Before 11:00 if possible, service starts at 12.",
  "Ask for the head chef; chilled goods straight into the walk-in.",
];

/** A plausible full postcode in a real district, e.g. "BS6 7AH" (the inward part is invented). */
export function postcode(rng: Rng, district: string): string {
  return `${district} ${rng.int(1, 9)}${rng.pick(POSTCODE_LETTERS)}${rng.pick(POSTCODE_LETTERS)}`;
}

/** A street address in a neighbourhood and a point near it, at least 500 m inside the delivery zone. */
export function buyerAddress(rng: Rng, place: Neighbourhood, spreadMetres = 450): { address: string; point: LatLng } {
  for (;;) {
    const point = jitter(rng, place, spreadMetres);
    if (haversineMetres(point, DEPOT) > HUB.zoneRadiusM - 500) continue;
    const street = rng.pick(place.streets);
    return { address: `${rng.int(1, 180)} ${street}, ${place.name}, Bristol ${postcode(rng, place.postcode)}`, point };
  }
}

/** True for a point where a farm can be: on land, not in a reservoir, within range of the depot. */
export function isFarmland(point: LatLng, minFromDepotMetres = 0): boolean {
  if (insidePolygon(point, ESTUARY_POLYGON)) return false;
  if (LAKES.some(([lat, lng, radius]) => haversineMetres(point, { lat, lng }) < radius)) return false;
  const fromDepot = haversineMetres(point, DEPOT);
  return fromDepot <= FARM_MAX_DISTANCE_M - 1000 && fromDepot >= minFromDepotMetres;
}

/** A farm's point within `spreadMetres` of a village centre. */
export function farmPoint(rng: Rng, centre: LatLng, spreadMetres = 1500): LatLng {
  for (let attempt = 0; attempt < 500; attempt++) {
    const point = jitter(rng, centre, spreadMetres);
    if (isFarmland(point)) return point;
  }
  throw new Error(`no land point found near ${centre.lat},${centre.lng}`);
}

/** Ofcom's numbers reserved for drama (never assigned): 0117 496 0000-0999 and 07700 900000-900999. */
export const phoneLandline = (index: number): string => `0117 496 0${String(index % 1000).padStart(3, "0")}`;
export const phoneMobile = (index: number): string => `07700 900${String(index % 1000).padStart(3, "0")}`;
