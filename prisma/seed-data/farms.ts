// The demo region's farms. Names are invented; the villages are real.
import type { Archetype } from "./catalogue";

export interface FarmDefinition {
  name: string;
  archetype: Archetype;
  village: string;
  certifications?: readonly string[];
  /** Brings its goods to the hub itself. */
  selfDelivers?: boolean;
  /** The demo farmer's farm. */
  demo?: boolean;
}

export const DEMO_FARM_NAME = "Windmill Hill Farm";

const ORGANIC = "Soil Association organic";
const PASTURE = "Pasture for Life";
const LEAF = "LEAF Marque";
const RSPCA = "RSPCA Assured";
const BEES = "British Beekeepers Association member";

export const FARMS: readonly FarmDefinition[] = [
  { name: DEMO_FARM_NAME, archetype: "MIXED", village: "Chew Magna", certifications: [ORGANIC], demo: true },
  { name: "Chew Valley Trout", archetype: "FISH", village: "Chew Stoke" },
  { name: "Mendip Moor Dairy", archetype: "DAIRY", village: "Priddy", certifications: [ORGANIC] },
  { name: "Butcombe Orchards", archetype: "ORCHARD", village: "Butcombe" },
  {
    name: "Wrington Vale Market Garden",
    archetype: "MARKET_GARDEN",
    village: "Wrington",
    certifications: [ORGANIC],
    selfDelivers: true,
  },
  { name: "Blagdon Combe Beef", archetype: "BEEF_LAMB", village: "Blagdon", certifications: [PASTURE] },
  { name: "Harptree Hens", archetype: "EGGS", village: "East Harptree", certifications: [RSPCA] },
  { name: "Compton Martin Bakehouse", archetype: "BAKERY", village: "Compton Martin", selfDelivers: true },
  { name: "Pensford Mill", archetype: "MILL", village: "Pensford" },
  { name: "Marksbury Hill Lamb", archetype: "BEEF_LAMB", village: "Marksbury", certifications: [PASTURE] },
  // Collected: a few kilos of mushrooms are not worth a 37 km round trip of their own (issue 17).
  { name: "Timsbury Mushroom Co.", archetype: "MUSHROOMS", village: "Timsbury" },
  { name: "Chewton Mendip Cheese Co.", archetype: "CHEESE", village: "Chewton Mendip" },
  { name: "Axe Valley Creamery", archetype: "DAIRY", village: "Wookey" },
  { name: "Pilton Cider Barn", archetype: "CIDER", village: "Pilton" },
  { name: "Nunney Brook Flowers", archetype: "FLOWERS", village: "Nunney" },
  { name: "Mells Walled Garden", archetype: "MARKET_GARDEN", village: "Mells", certifications: [ORGANIC] },
  { name: "Beckington Heritage Pork", archetype: "PORK", village: "Beckington", certifications: [RSPCA] },
  { name: "Brue Valley Orchard", archetype: "ORCHARD", village: "Bruton", certifications: [ORGANIC] },
  { name: "Cary Fields Organic", archetype: "MIXED", village: "Castle Cary", certifications: [ORGANIC, PASTURE] },
  { name: "St Philip's Goats", archetype: "GOAT", village: "Norton St Philip" },
  { name: "Freshford Honey & Preserves", archetype: "HONEY", village: "Freshford", certifications: [BEES] },
  { name: "Marshfield Grain Co.", archetype: "MILL", village: "Marshfield", certifications: [ORGANIC] },
  { name: "Box Hill Poultry", archetype: "POULTRY", village: "Box", certifications: [RSPCA] },
  { name: "Lacock Abbey Fields", archetype: "MARKET_GARDEN", village: "Lacock", certifications: [LEAF] },
  { name: "By Brook Venison", archetype: "GAME", village: "Castle Combe" },
  { name: "Sherston Soft Fruit", archetype: "SOFT_FRUIT", village: "Sherston", certifications: [LEAF] },
  { name: "Somerford Free Range", archetype: "EGGS", village: "Great Somerford", certifications: [ORGANIC] },
  { name: "Avon Meadow Dairy", archetype: "DAIRY", village: "Malmesbury" },
  { name: "Badminton Park Beef", archetype: "BEEF_LAMB", village: "Badminton" },
  { name: "Thornbury Castle Orchards", archetype: "ORCHARD", village: "Thornbury" },
  { name: "Olveston Salad Co.", archetype: "MARKET_GARDEN", village: "Olveston", selfDelivers: true },
  { name: "Wickwar Herb Garden", archetype: "HERBS", village: "Wickwar", certifications: [ORGANIC] },
  { name: "Hawkesbury Flower Farm", archetype: "FLOWERS", village: "Hawkesbury Upton" },
  { name: "Pucklechurch Pasture", archetype: "PORK", village: "Pucklechurch", certifications: [PASTURE] },
  { name: "Iron Acton Growers", archetype: "MARKET_GARDEN", village: "Iron Acton" },
  { name: "Cotswold Edge Lamb", archetype: "BEEF_LAMB", village: "Wotton-under-Edge", certifications: [PASTURE] },
  { name: "Uley Bury Cheese", archetype: "CHEESE", village: "Uley", certifications: [ORGANIC] },
  { name: "Frocester Fruit Farm", archetype: "SOFT_FRUIT", village: "Frocester" },
  { name: "Tetbury Organic Bakery", archetype: "BAKERY", village: "Tetbury", certifications: [ORGANIC] },
  { name: "Painswick Valley Nursery", archetype: "NURSERY", village: "Painswick" },
  { name: "Usk Valley Growers", archetype: "MARKET_GARDEN", village: "Usk", certifications: [ORGANIC] },
  { name: "Raglan Castle Farm", archetype: "MIXED", village: "Raglan" },
  { name: "Trellech Plateau Eggs", archetype: "POULTRY", village: "Trellech" },
  { name: "Wye Valley Smokery", archetype: "SMOKERY", village: "St Briavels" },
  { name: "Forest of Dean Fungi", archetype: "MUSHROOMS", village: "Coleford" },
  { name: "Black Mountains Lamb", archetype: "BEEF_LAMB", village: "Abergavenny", certifications: [PASTURE] },
  { name: "Congresbury Moor Farm", archetype: "MIXED", village: "Congresbury", selfDelivers: true },
  { name: "Gorge View Cheese", archetype: "CHEESE", village: "Cheddar" },
  { name: "Wedmore Plant Nursery", archetype: "NURSERY", village: "Wedmore" },
  { name: "Backwell Bees", archetype: "HONEY", village: "Backwell", certifications: [BEES] },
];

/** The demo farmer's products: a fixed, varied list so the farmer journey has something to show. */
export const DEMO_FARM_PRODUCTS: readonly string[] = [
  "potatoes",
  "onions",
  "carrots",
  "leeks",
  "kale",
  "squash",
  "eggs-dozen",
  "eggs-six",
  "beef-mince",
  "lamb-shoulder",
  "pork-sausages",
  "chicken",
  "bramley",
  "whole-milk",
];
