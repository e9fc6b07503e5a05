// The demo region: Bristol Food Hub, the villages its farms sit in, the neighbourhoods its buyers
// live in. Coordinates are real places (WGS84, rounded to ~100 m); the seed adds a small jitter.

export const HUB = {
  name: "Bristol Food Hub",
  slug: "bristol",
  depotAddress: "Unit 4, Albert Crescent, St Philips Marsh, Bristol BS2 0XJ",
  depotLat: 51.4452,
  depotLng: -2.573,
  zoneRadiusM: 15_000,
  orderMinimumMinor: 1500,
  deliveryFeeMinor: 350,
  deliveryFeePerKmMinor: 0,
  currency: "GBP",
  timeZone: "Europe/London",
  cutoffDaysBefore: 2,
  cutoffMinuteOfDay: 18 * 60,
} as const;

export const DEPOT = { lat: HUB.depotLat, lng: HUB.depotLng } as const;

/** Farms must lie within this distance of the depot. */
export const FARM_MAX_DISTANCE_M = 60_000;

/** Delivery slots of every cycle: minutes from midnight on the delivery date, hub time. */
export const SLOTS = [
  { startMinute: 9 * 60, endMinute: 12 * 60 },
  { startMinute: 13 * 60, endMinute: 17 * 60 },
] as const;

/**
 * Vehicle energy types are the emission-factor keys of app/domain/carbon (DESNZ 2025 van
 * factors, CARBON.md).
 */
export const VEHICLES = [
  {
    name: "Diesel van",
    energyType: "van-diesel-average",
    capacityGrams: 1_000_000,
    refrigerated: false,
    costPerKmMinor: 45,
  },
  {
    name: "Electric van",
    energyType: "van-bev-average",
    capacityGrams: 800_000,
    refrigerated: false,
    costPerKmMinor: 22,
  },
  {
    name: "Refrigerated van",
    energyType: "van-diesel-class-iii",
    capacityGrams: 900_000,
    refrigerated: true,
    costPerKmMinor: 55,
  },
] as const;

/**
 * The demo hub's fleet: the three van types (the large seed's fleet is counts of these) and a
 * second, electric, refrigerated van. With one refrigerated van the chilled collections of ~20
 * meat, dairy and cheese producers spread over 60 km do not fit in one shift: the delivered
 * cycle's plan would leave farms uncollected.
 */
export const DEMO_VEHICLES = [
  ...VEHICLES,
  {
    name: "Refrigerated electric van",
    energyType: "van-bev-average",
    capacityGrams: 600_000,
    refrigerated: true,
    costPerKmMinor: 30,
  },
] as const;

/**
 * The demo's electric vans' usable range per shift: about three quarters of a medium e-van's
 * nominal range (a project assumption, like the vehicle form's default). In November the hub's
 * default deratings make it 192 km, and 163 km for the refrigerated one.
 */
export const DEMO_EV_RANGE_METRES = 240_000;

export const SHIFT = { startMinute: 7 * 60, endMinute: 17 * 60 } as const;

export interface Village {
  name: string;
  county: string;
  postcode: string;
  lat: number;
  lng: number;
}

/** Villages and small towns within ~55 km of the depot, all inland of the Severn estuary. */
export const VILLAGES: readonly Village[] = [
  { name: "Chew Magna", county: "Somerset", postcode: "BS40", lat: 51.3667, lng: -2.6106 },
  { name: "Chew Stoke", county: "Somerset", postcode: "BS40", lat: 51.3526, lng: -2.6361 },
  { name: "Butcombe", county: "Somerset", postcode: "BS40", lat: 51.355, lng: -2.696 },
  { name: "Wrington", county: "Somerset", postcode: "BS40", lat: 51.362, lng: -2.763 },
  { name: "Blagdon", county: "Somerset", postcode: "BS40", lat: 51.3265, lng: -2.7189 },
  { name: "Compton Martin", county: "Somerset", postcode: "BS40", lat: 51.309, lng: -2.656 },
  { name: "East Harptree", county: "Somerset", postcode: "BS40", lat: 51.3, lng: -2.625 },
  { name: "Hinton Blewett", county: "Somerset", postcode: "BS39", lat: 51.31, lng: -2.588 },
  { name: "Dundry", county: "Somerset", postcode: "BS41", lat: 51.3985, lng: -2.6395 },
  { name: "Pensford", county: "Somerset", postcode: "BS39", lat: 51.371, lng: -2.548 },
  { name: "Marksbury", county: "Somerset", postcode: "BA2", lat: 51.358, lng: -2.479 },
  { name: "Timsbury", county: "Somerset", postcode: "BA2", lat: 51.327, lng: -2.477 },
  { name: "Farmborough", county: "Somerset", postcode: "BA2", lat: 51.34, lng: -2.487 },
  { name: "Chewton Mendip", county: "Somerset", postcode: "BA3", lat: 51.276, lng: -2.582 },
  { name: "Priddy", county: "Somerset", postcode: "BA5", lat: 51.259, lng: -2.678 },
  { name: "Wookey", county: "Somerset", postcode: "BA5", lat: 51.21, lng: -2.694 },
  { name: "Pilton", county: "Somerset", postcode: "BA4", lat: 51.164, lng: -2.588 },
  { name: "West Pennard", county: "Somerset", postcode: "BA6", lat: 51.15, lng: -2.64 },
  { name: "Nunney", county: "Somerset", postcode: "BA11", lat: 51.209, lng: -2.378 },
  { name: "Mells", county: "Somerset", postcode: "BA11", lat: 51.241, lng: -2.389 },
  { name: "Beckington", county: "Somerset", postcode: "BA11", lat: 51.265, lng: -2.289 },
  { name: "Bruton", county: "Somerset", postcode: "BA10", lat: 51.112, lng: -2.453 },
  { name: "Castle Cary", county: "Somerset", postcode: "BA7", lat: 51.089, lng: -2.513 },
  { name: "Norton St Philip", county: "Somerset", postcode: "BA2", lat: 51.3, lng: -2.325 },
  { name: "Freshford", county: "Somerset", postcode: "BA2", lat: 51.34, lng: -2.302 },
  { name: "Cheddar", county: "Somerset", postcode: "BS27", lat: 51.279, lng: -2.778 },
  { name: "Wedmore", county: "Somerset", postcode: "BS28", lat: 51.226, lng: -2.812 },
  { name: "Winscombe", county: "Somerset", postcode: "BS25", lat: 51.316, lng: -2.834 },
  { name: "Churchill", county: "Somerset", postcode: "BS25", lat: 51.336, lng: -2.797 },
  { name: "Congresbury", county: "Somerset", postcode: "BS49", lat: 51.37, lng: -2.81 },
  { name: "Backwell", county: "Somerset", postcode: "BS48", lat: 51.411, lng: -2.737 },
  { name: "Barrow Gurney", county: "Somerset", postcode: "BS48", lat: 51.414, lng: -2.678 },
  { name: "Tickenham", county: "Somerset", postcode: "BS21", lat: 51.437, lng: -2.781 },
  { name: "Marshfield", county: "Gloucestershire", postcode: "SN14", lat: 51.463, lng: -2.318 },
  { name: "Pucklechurch", county: "Gloucestershire", postcode: "BS16", lat: 51.484, lng: -2.444 },
  { name: "Iron Acton", county: "Gloucestershire", postcode: "BS37", lat: 51.556, lng: -2.468 },
  { name: "Chipping Sodbury", county: "Gloucestershire", postcode: "BS37", lat: 51.538, lng: -2.394 },
  { name: "Olveston", county: "Gloucestershire", postcode: "BS35", lat: 51.581, lng: -2.577 },
  { name: "Thornbury", county: "Gloucestershire", postcode: "BS35", lat: 51.609, lng: -2.524 },
  { name: "Wickwar", county: "Gloucestershire", postcode: "GL12", lat: 51.595, lng: -2.399 },
  { name: "Hawkesbury Upton", county: "Gloucestershire", postcode: "GL9", lat: 51.581, lng: -2.324 },
  { name: "Badminton", county: "Gloucestershire", postcode: "GL9", lat: 51.546, lng: -2.286 },
  { name: "Wotton-under-Edge", county: "Gloucestershire", postcode: "GL12", lat: 51.638, lng: -2.349 },
  { name: "Uley", county: "Gloucestershire", postcode: "GL11", lat: 51.68, lng: -2.306 },
  { name: "Frocester", county: "Gloucestershire", postcode: "GL10", lat: 51.722, lng: -2.311 },
  { name: "Nailsworth", county: "Gloucestershire", postcode: "GL6", lat: 51.695, lng: -2.219 },
  { name: "Tetbury", county: "Gloucestershire", postcode: "GL8", lat: 51.638, lng: -2.159 },
  { name: "Painswick", county: "Gloucestershire", postcode: "GL6", lat: 51.786, lng: -2.194 },
  { name: "St Briavels", county: "Gloucestershire", postcode: "GL15", lat: 51.738, lng: -2.64 },
  { name: "Coleford", county: "Gloucestershire", postcode: "GL16", lat: 51.794, lng: -2.617 },
  { name: "Box", county: "Wiltshire", postcode: "SN13", lat: 51.415, lng: -2.248 },
  { name: "Lacock", county: "Wiltshire", postcode: "SN15", lat: 51.415, lng: -2.12 },
  { name: "Castle Combe", county: "Wiltshire", postcode: "SN14", lat: 51.493, lng: -2.229 },
  { name: "Sherston", county: "Wiltshire", postcode: "SN16", lat: 51.57, lng: -2.214 },
  { name: "Malmesbury", county: "Wiltshire", postcode: "SN16", lat: 51.584, lng: -2.098 },
  { name: "Great Somerford", county: "Wiltshire", postcode: "SN15", lat: 51.545, lng: -2.052 },
  { name: "Bradford on Avon", county: "Wiltshire", postcode: "BA15", lat: 51.347, lng: -2.251 },
  { name: "Usk", county: "Monmouthshire", postcode: "NP15", lat: 51.703, lng: -2.902 },
  { name: "Raglan", county: "Monmouthshire", postcode: "NP15", lat: 51.766, lng: -2.851 },
  { name: "Trellech", county: "Monmouthshire", postcode: "NP25", lat: 51.745, lng: -2.725 },
  { name: "Shirenewton", county: "Monmouthshire", postcode: "NP16", lat: 51.6375, lng: -2.7556 },
  { name: "Penhow", county: "Monmouthshire", postcode: "NP26", lat: 51.615, lng: -2.842 },
  { name: "Abergavenny", county: "Monmouthshire", postcode: "NP7", lat: 51.824, lng: -3.017 },
];

export function village(name: string): Village {
  const found = VILLAGES.find((entry) => entry.name === name);
  if (!found) throw new Error(`unknown village "${name}"`);
  return found;
}

export interface Neighbourhood {
  name: string;
  postcode: string;
  lat: number;
  lng: number;
  streets: readonly string[];
  /** Has a high street or a restaurant quarter. */
  central?: boolean;
}

/** Bristol neighbourhoods inside the 15 km zone (the farthest, Bradley Stoke, is ~10 km out). */
export const NEIGHBOURHOODS: readonly Neighbourhood[] = [
  {
    name: "Clifton",
    postcode: "BS8",
    lat: 51.458,
    lng: -2.62,
    central: true,
    streets: ["Princess Victoria Street", "Royal York Crescent", "Pembroke Road", "Canynge Road"],
  },
  {
    name: "Hotwells",
    postcode: "BS8",
    lat: 51.449,
    lng: -2.615,
    streets: ["Hotwell Road", "Dowry Square", "Granby Hill", "Cumberland Road"],
  },
  {
    name: "Redland",
    postcode: "BS6",
    lat: 51.469,
    lng: -2.604,
    central: true,
    streets: ["Redland Road", "Zetland Road", "Elgin Park", "Whiteladies Road"],
  },
  {
    name: "Cotham",
    postcode: "BS6",
    lat: 51.465,
    lng: -2.597,
    central: true,
    streets: ["Cotham Hill", "Cotham Road", "Cotham Grove", "Archfield Road"],
  },
  {
    name: "Montpelier",
    postcode: "BS6",
    lat: 51.466,
    lng: -2.585,
    central: true,
    streets: ["Picton Street", "Richmond Road", "York Road", "Fairfield Road"],
  },
  {
    name: "Stokes Croft",
    postcode: "BS1",
    lat: 51.4625,
    lng: -2.5895,
    central: true,
    streets: ["Jamaica Street", "Stokes Croft", "Hillgrove Street", "Nine Tree Hill"],
  },
  {
    name: "St Werburghs",
    postcode: "BS2",
    lat: 51.471,
    lng: -2.578,
    streets: ["Mina Road", "James Street", "Ashley Hill", "Boiling Wells Lane"],
  },
  {
    name: "Old Market",
    postcode: "BS2",
    lat: 51.456,
    lng: -2.582,
    central: true,
    streets: ["Old Market Street", "West Street", "Midland Road", "Trinity Street"],
  },
  {
    name: "Redcliffe",
    postcode: "BS1",
    lat: 51.449,
    lng: -2.59,
    central: true,
    streets: ["Redcliffe Hill", "Guinea Street", "Ferry Street", "Portwall Lane"],
  },
  {
    name: "Easton",
    postcode: "BS5",
    lat: 51.462,
    lng: -2.564,
    central: true,
    streets: ["Chelsea Road", "Beaufort Road", "Stapleton Road", "Belmont Street"],
  },
  {
    name: "St George",
    postcode: "BS5",
    lat: 51.459,
    lng: -2.543,
    streets: ["Church Road", "Air Balloon Road", "Clouds Hill Road", "Bryants Hill"],
  },
  {
    name: "Bedminster",
    postcode: "BS3",
    lat: 51.44,
    lng: -2.6,
    central: true,
    streets: ["North Street", "East Street", "Cannon Street", "British Road"],
  },
  {
    name: "Southville",
    postcode: "BS3",
    lat: 51.443,
    lng: -2.604,
    central: true,
    streets: ["Raleigh Road", "Greville Road", "Stackpool Road", "Dean Lane"],
  },
  {
    name: "Windmill Hill",
    postcode: "BS3",
    lat: 51.4385,
    lng: -2.59,
    streets: ["Windmill Close", "Somerset Terrace", "Vivian Street", "Hill Avenue"],
  },
  {
    name: "Totterdown",
    postcode: "BS4",
    lat: 51.441,
    lng: -2.577,
    streets: ["Wells Road", "Cambridge Street", "Vale Street", "Richmond Street"],
  },
  {
    name: "Knowle",
    postcode: "BS4",
    lat: 51.426,
    lng: -2.57,
    streets: ["Redcatch Road", "Broadwalk", "Ilchester Crescent", "Talbot Road"],
  },
  {
    name: "Brislington",
    postcode: "BS4",
    lat: 51.433,
    lng: -2.543,
    streets: ["Sandy Park Road", "West Town Lane", "Church Hill", "Kensington Park Road"],
  },
  {
    name: "Bishopston",
    postcode: "BS7",
    lat: 51.478,
    lng: -2.589,
    central: true,
    streets: ["Gloucester Road", "Berkeley Road", "Longmead Avenue", "Egerton Road"],
  },
  {
    name: "Horfield",
    postcode: "BS7",
    lat: 51.49,
    lng: -2.585,
    streets: ["Kellaway Avenue", "Filton Avenue", "Ashley Down Road", "Muller Road"],
  },
  {
    name: "Henleaze",
    postcode: "BS9",
    lat: 51.49,
    lng: -2.605,
    streets: ["Henleaze Road", "Waterford Road", "Cardigan Road", "Northumberland Road"],
  },
  {
    name: "Westbury-on-Trym",
    postcode: "BS9",
    lat: 51.493,
    lng: -2.618,
    streets: ["Stoke Lane", "Falcondale Road", "Eastfield Road", "Southfield Road"],
  },
  {
    name: "Stoke Bishop",
    postcode: "BS9",
    lat: 51.483,
    lng: -2.635,
    streets: ["Saville Road", "Druid Hill", "Parry's Lane", "Shirehampton Road"],
  },
  {
    name: "Henbury",
    postcode: "BS10",
    lat: 51.506,
    lng: -2.627,
    streets: ["Henbury Road", "Station Road", "Crow Lane", "Passage Road"],
  },
  {
    name: "Filton",
    postcode: "BS34",
    lat: 51.505,
    lng: -2.576,
    streets: ["Gloucester Road North", "Conygre Road", "Church Road", "Station Road"],
  },
  {
    name: "Bradley Stoke",
    postcode: "BS32",
    lat: 51.53,
    lng: -2.548,
    streets: ["Bradley Stoke Way", "Savages Wood Road", "Baileys Court Road", "Brook Way"],
  },
  {
    name: "Frenchay",
    postcode: "BS16",
    lat: 51.496,
    lng: -2.523,
    streets: ["Frenchay Common", "Beckspool Road", "Begbrook Park", "Frenchay Hill"],
  },
  {
    name: "Fishponds",
    postcode: "BS16",
    lat: 51.481,
    lng: -2.527,
    streets: ["Fishponds Road", "Channons Hill", "Manor Road", "Straits Parade"],
  },
  {
    name: "Emersons Green",
    postcode: "BS16",
    lat: 51.499,
    lng: -2.486,
    streets: ["Emersons Way", "Lyde Green Road", "Badminton Road", "Westerleigh Road"],
  },
  {
    name: "Kingswood",
    postcode: "BS15",
    lat: 51.456,
    lng: -2.505,
    streets: ["Regent Street", "Hill Street", "Downend Road", "Two Mile Hill Road"],
  },
  {
    name: "Hanham",
    postcode: "BS15",
    lat: 51.445,
    lng: -2.507,
    streets: ["High Street", "Memorial Road", "Abbots Road", "Castle Farm Road"],
  },
  {
    name: "Keynsham",
    postcode: "BS31",
    lat: 51.413,
    lng: -2.496,
    streets: ["Temple Street", "Charlton Road", "Bath Hill", "Wellsway"],
  },
  {
    name: "Saltford",
    postcode: "BS31",
    lat: 51.403,
    lng: -2.455,
    streets: ["High Street", "Beech Road", "Manor Road", "Norman Road"],
  },
  {
    name: "Whitchurch",
    postcode: "BS14",
    lat: 51.406,
    lng: -2.563,
    streets: ["Staunton Lane", "East Dundry Road", "Oatlands Avenue", "Bristol Road"],
  },
  {
    name: "Bishopsworth",
    postcode: "BS13",
    lat: 51.416,
    lng: -2.616,
    streets: ["Bishopsworth Road", "Church Road", "Highridge Road", "Queens Road"],
  },
  {
    name: "Long Ashton",
    postcode: "BS41",
    lat: 51.43,
    lng: -2.655,
    streets: ["Long Ashton Road", "Providence Lane", "Weston Road", "Keedwell Hill"],
  },
];

export function neighbourhood(name: string): Neighbourhood {
  const found = NEIGHBOURHOODS.find((entry) => entry.name === name);
  if (!found) throw new Error(`unknown neighbourhood "${name}"`);
  return found;
}

/**
 * Water around the region (the Severn estuary and the Bristol Channel), drawn generously, for
 * placing random farms in the large benchmark region: a point inside is rejected.
 * [lat, lng] pairs.
 */
export const ESTUARY_POLYGON: readonly (readonly [number, number])[] = [
  [51.45, -3.7],
  [51.4, -3.2],
  [51.47, -3.15],
  [51.53, -3.0],
  [51.56, -2.9],
  [51.575, -2.78],
  [51.595, -2.7],
  [51.625, -2.655],
  [51.66, -2.6],
  [51.7, -2.53],
  [51.74, -2.47],
  [51.78, -2.41],
  [51.82, -2.34],
  [51.8, -2.33],
  [51.76, -2.39],
  [51.72, -2.44],
  [51.685, -2.5],
  [51.645, -2.56],
  [51.605, -2.615],
  [51.57, -2.66],
  [51.52, -2.71],
  [51.49, -2.765],
  [51.45, -2.84],
  [51.4, -2.92],
  [51.33, -2.99],
  [51.24, -3.02],
  [51.2, -3.2],
  [51.2, -3.7],
];

/** Reservoirs in the Chew Valley: [lat, lng, radius metres]. */
export const LAKES: readonly (readonly [number, number, number])[] = [
  [51.338, -2.622, 2000],
  [51.338, -2.705, 1200],
];
