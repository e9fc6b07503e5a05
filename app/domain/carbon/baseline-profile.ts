// Regional baseline profiles: what "the same food through a conventional supply chain" means for
// a hub's region, parameter by parameter, each with a low / central / high value and where the
// figures come from. Pure data and checks; `computeBaseline` (./baseline.ts) turns a profile into
// grams. Words for people are Message descriptors (messages:carbonBaseline.*); source titles and
// table names are references and stay as published. See docs/decisions/028-regional-baseline.md.
import { message, type Message } from "../message";

/** How a parameter's figures were obtained. */
export type ParameterStatus =
  /** The central value is a published figure (the note says how old, and what it covers). */
  | "PUBLISHED"
  /** Computed from published figures (the note gives the arithmetic). */
  | "DERIVED"
  /** A project assumption pending verification against the named statistics. */
  | "ASSUMPTION";

export interface ParameterSource {
  /** Publisher and title, as published. */
  title: string;
  url: string | null;
  /** The table, section or page the figure was read from; null when none could be confirmed. */
  table: string | null;
  /** Year of publication (or of the data, as the note says); null when not stated. */
  year: number | null;
}

export type ParameterUnit =
  /** A distance in integer metres. */
  | "METRES"
  /** A fraction of the food supply or of trips, 0–1. */
  | "SHARE"
  /** kg CO2e per tonne-km. */
  | "KG_PER_TONNE_KM"
  /** A plain count. */
  | "COUNT";

export interface RangeParameter {
  /** Stable key; also names the parameter's label in messages:carbonBaseline.parameters. */
  key: BaselineParameterKey;
  unit: ParameterUnit;
  low: number;
  central: number;
  high: number;
  status: ParameterStatus;
  sources: readonly ParameterSource[];
  /** How the figures were read or derived, in the reader's language. */
  note: Message;
}

export const BASELINE_PARAMETER_KEYS = [
  "lengthOfHaul",
  "roadLegs",
  "euShare",
  "euDistance",
  "worldShare",
  "worldDistance",
  "seaFactor",
  "shoppingTrip",
  "carShare",
] as const;
export type BaselineParameterKey = (typeof BASELINE_PARAMETER_KEYS)[number];

/** How an import leg travels to the region: by lorry (the factor set's HGV factors) or by sea. */
export type ImportMode = "ROAD_HGV" | "SEA_CONTAINER";

export interface ImportLeg {
  key: "EU" | "REST_OF_WORLD";
  mode: ImportMode;
  /** Share of the region's food supply that arrives this way. */
  share: RangeParameter;
  /** Distance from the typical origin to the region's border or port. */
  distance: RangeParameter;
}

export interface BaselineProfile {
  id: BaselineProfileId;
  /** SOURCED: built from the region's statistics; ASSUMPTION: a placeholder flagged as such. */
  status: "SOURCED" | "ASSUMPTION";
  /** Short name for the hub settings and the buyer's comparison. */
  name: Message;
  description: Message;
  domestic: {
    /** Average length of haul of a lorry load of food (goods moved ÷ goods lifted). */
    lengthOfHaul: RangeParameter;
    /** Lorry legs a tonne of food makes between farm or port and shop. */
    roadLegs: RangeParameter;
  };
  imports: readonly ImportLeg[];
  /** kg CO2e per t·km for SEA_CONTAINER legs (the factor sets carry road factors only). */
  seaFactor: RangeParameter;
  /** The household's shopping trip a home delivery replaces. */
  household: {
    /** One-way length of a shopping trip; the car drives it there and back. */
    oneWayTrip: RangeParameter;
    /** Share of shopping trips made by car: the chance that the trip replaced was a car trip. */
    carShare: RangeParameter;
    /** Factor key of the car (Vehicle energy types of the factor set). */
    carEnergyType: string;
  };
}

export const BASELINE_PROFILE_IDS = ["uk-dft-defra-nts", "europe-assumption"] as const;
export type BaselineProfileId = (typeof BASELINE_PROFILE_IDS)[number];
export const DEFAULT_BASELINE_PROFILE_ID: BaselineProfileId = "uk-dft-defra-nts";

const note = (key: string, values?: Record<string, string | number>) =>
  message(`messages:carbonBaseline.notes.${key}`, values);

// ---------------------------------------------------------------------------------------------
// Sources. Every figure below was read in the page named, in the version stored when this was
// written (December 2026); where a current table could not be confirmed the note says so.

const HANSARD_2002: ParameterSource = {
  title:
    "House of Commons written answer, Transported Food (HC Deb 31 January 2002 vol 379 cc469-70W), citing the DfT Continuing Survey of Road Goods Transport",
  url: "https://api.parliament.uk/historic-hansard/written_answers/2002/jan/31/transported-food",
  table: null,
  year: 2002,
};

const DFT_RFS_2023: ParameterSource = {
  title: "Department for Transport, Road freight statistics: October 2022 to September 2023",
  url: "https://www.gov.uk/government/statistics/road-freight-statistics-october-2022-to-september-2023",
  table: "Headline figures (GB-registered HGVs operating in the UK)",
  year: 2023,
};

const DEFRA_POCKETBOOK_2024: ParameterSource = {
  title: "DEFRA, Food statistics in your pocket (updated 5 August 2024)",
  url: "https://www.gov.uk/government/statistics/food-statistics-pocketbook/food-statistics-in-your-pocket",
  table: "3.1 Origins of food consumed in the UK, 2023",
  year: 2024,
};

const UKFSR_2024: ParameterSource = {
  title: "DEFRA, United Kingdom Food Security Report 2024 (figures as summarised by PA Media, 11 December 2024)",
  url: "https://irishnews.com/news/uk/key-statistics-in-government-report-on-uk-food-security-NC3TMF53GBNTREI6KVBMIZVNBE",
  table: "Food sources",
  year: 2024,
};

const DEFRA_SEA_FACTORS: ParameterSource = {
  title:
    "Defra greenhouse gas conversion factors for freight, as listed by the Mode Shift Centre (direct emissions; edition not stated)",
  url: "http://www.modeshiftcentre.org.uk/water_freight/why_use_water_freight/environment/",
  table: "Deep sea container ship (3000 TEU upwards); short sea container ship (up to 2999 TEU)",
  year: null,
};

const NTS_2019: ParameterSource = {
  title: "DfT National Travel Survey: England 2019, as reported by Local Transport Today (22 August 2020)",
  url: "https://www.transportxtra.com/publications/local-transport-today/news/66509/trip-rates-continuing-to-fall-before-covid-19-nts-shows",
  table: "Shopping: trips and miles per person per year, share by car or van",
  year: 2020,
};

const NTS_TABLES: ParameterSource = {
  title: "DfT, Why people travel (trip purpose) (NTS04)",
  url: "https://www.gov.uk/government/statistical-data-sets/nts04-purpose-of-trips",
  table: "NTS0405 Average trip length by trip purpose: England",
  year: null,
};

const NTS_2022: ParameterSource = {
  title: "DfT National Travel Survey 2022, as reported",
  url: "https://pressnewsagency.org/most-trips-to-the-uk-are-for-shopping-not-work-according-to-a-national-travel-survey/",
  table: null,
  year: 2023,
};

const EMP_2019: ParameterSource = {
  title:
    "SDES, La mobilité locale et longue distance des Français – Enquête nationale sur la mobilité des personnes en 2019",
  url: "https://www.statistiques.developpement-durable.gouv.fr/la-mobilite-locale-et-longue-distance-des-francais-enquete-nationale-sur-la-mobilite-des-0?rubrique=60&dossier=1345",
  table: null,
  year: 2021,
};

const EUROSTAT_ROAD_GOODS: ParameterSource = {
  title: "Eurostat, Statistics Explained: Road freight transport by type of goods (data extracted October 2022)",
  url: "https://ec.europa.eu/eurostat/statistics-explained/index.php?title=Road_freight_transport_by_type_of_goods&oldid=549630",
  table: null,
  year: 2022,
};

// ---------------------------------------------------------------------------------------------
// Parameters shared by both profiles.

const roadLegs: RangeParameter = {
  key: "roadLegs",
  unit: "COUNT",
  low: 1,
  central: 2,
  high: 3,
  status: "ASSUMPTION",
  sources: [],
  note: note("roadLegs"),
};

const seaFactor: RangeParameter = {
  key: "seaFactor",
  unit: "KG_PER_TONNE_KM",
  low: 0.01,
  central: 0.01536,
  high: 0.0297,
  status: "PUBLISHED",
  sources: [DEFRA_SEA_FACTORS],
  note: note("seaFactor"),
};

// ---------------------------------------------------------------------------------------------
// United Kingdom: DfT road freight, DEFRA food origins, DfT National Travel Survey.

const UK: BaselineProfile = {
  id: "uk-dft-defra-nts",
  status: "SOURCED",
  name: message("messages:carbonBaseline.profiles.uk-dft-defra-nts.name"),
  description: message("messages:carbonBaseline.profiles.uk-dft-defra-nts.description"),
  domestic: {
    lengthOfHaul: {
      key: "lengthOfHaul",
      unit: "METRES",
      low: 106_000,
      central: 128_000,
      high: 150_000,
      status: "PUBLISHED",
      sources: [HANSARD_2002, DFT_RFS_2023],
      note: note("ukLengthOfHaul"),
    },
    roadLegs,
  },
  imports: [
    {
      key: "EU",
      mode: "ROAD_HGV",
      share: {
        key: "euShare",
        unit: "SHARE",
        low: 0.22,
        central: 0.24,
        high: 0.3,
        status: "PUBLISHED",
        sources: [DEFRA_POCKETBOOK_2024, UKFSR_2024],
        note: note("ukEuShare"),
      },
      distance: {
        key: "euDistance",
        unit: "METRES",
        low: 600_000,
        central: 1_200_000,
        high: 2_200_000,
        status: "ASSUMPTION",
        sources: [],
        note: note("ukEuDistance"),
      },
    },
    {
      key: "REST_OF_WORLD",
      mode: "SEA_CONTAINER",
      share: {
        key: "worldShare",
        unit: "SHARE",
        low: 0.15,
        central: 0.18,
        high: 0.21,
        status: "PUBLISHED",
        sources: [DEFRA_POCKETBOOK_2024, UKFSR_2024],
        note: note("ukWorldShare"),
      },
      distance: {
        key: "worldDistance",
        unit: "METRES",
        low: 4_000_000,
        central: 8_000_000,
        high: 16_000_000,
        status: "ASSUMPTION",
        sources: [],
        note: note("worldDistance"),
      },
    },
  ],
  seaFactor,
  household: {
    oneWayTrip: {
      key: "shoppingTrip",
      unit: "METRES",
      low: 5_000,
      central: 6_200,
      high: 8_000,
      status: "DERIVED",
      sources: [NTS_2019, NTS_TABLES],
      note: note("ukShoppingTrip"),
    },
    carShare: {
      key: "carShare",
      unit: "SHARE",
      low: 0.5,
      central: 0.65,
      high: 0.84,
      status: "PUBLISHED",
      sources: [NTS_2019, NTS_2022],
      note: note("ukCarShare"),
    },
    carEnergyType: "car-petrol-average",
  },
};

// ---------------------------------------------------------------------------------------------
// Europe: no regional statistics could be confirmed for the parameters below (French road freight
// by commodity, French shopping trip lengths), so this is a placeholder with wide ranges.

const EUROPE: BaselineProfile = {
  id: "europe-assumption",
  status: "ASSUMPTION",
  name: message("messages:carbonBaseline.profiles.europe-assumption.name"),
  description: message("messages:carbonBaseline.profiles.europe-assumption.description"),
  domestic: {
    lengthOfHaul: {
      key: "lengthOfHaul",
      unit: "METRES",
      low: 100_000,
      central: 150_000,
      high: 300_000,
      status: "ASSUMPTION",
      sources: [EUROSTAT_ROAD_GOODS],
      note: note("europeLengthOfHaul"),
    },
    roadLegs,
  },
  imports: [
    {
      key: "EU",
      mode: "ROAD_HGV",
      share: {
        key: "euShare",
        unit: "SHARE",
        low: 0.1,
        central: 0.15,
        high: 0.3,
        status: "ASSUMPTION",
        sources: [],
        note: note("europeEuShare"),
      },
      distance: {
        key: "euDistance",
        unit: "METRES",
        low: 500_000,
        central: 1_000_000,
        high: 2_000_000,
        status: "ASSUMPTION",
        sources: [],
        note: note("europeEuDistance"),
      },
    },
    {
      key: "REST_OF_WORLD",
      mode: "SEA_CONTAINER",
      share: {
        key: "worldShare",
        unit: "SHARE",
        low: 0.03,
        central: 0.07,
        high: 0.15,
        status: "ASSUMPTION",
        sources: [],
        note: note("europeWorldShare"),
      },
      distance: {
        key: "worldDistance",
        unit: "METRES",
        low: 4_000_000,
        central: 8_000_000,
        high: 16_000_000,
        status: "ASSUMPTION",
        sources: [],
        note: note("worldDistance"),
      },
    },
  ],
  seaFactor,
  household: {
    oneWayTrip: {
      key: "shoppingTrip",
      unit: "METRES",
      low: 3_000,
      central: 6_000,
      high: 10_000,
      status: "ASSUMPTION",
      sources: [],
      note: note("europeShoppingTrip"),
    },
    carShare: {
      key: "carShare",
      unit: "SHARE",
      low: 0.4,
      central: 0.6,
      high: 0.8,
      status: "ASSUMPTION",
      sources: [EMP_2019],
      note: note("europeCarShare"),
    },
    carEnergyType: "car-petrol-average",
  },
};

export const BASELINE_PROFILES: Readonly<Record<BaselineProfileId, BaselineProfile>> = {
  "uk-dft-defra-nts": UK,
  "europe-assumption": EUROPE,
};

export function isBaselineProfileId(value: unknown): value is BaselineProfileId {
  return typeof value === "string" && (BASELINE_PROFILE_IDS as readonly string[]).includes(value);
}

/** The profile stored on a hub; an unknown or missing id falls back to the default profile. */
export function baselineProfileFor(id: string | null | undefined): BaselineProfile {
  return isBaselineProfileId(id) ? BASELINE_PROFILES[id] : BASELINE_PROFILES[DEFAULT_BASELINE_PROFILE_ID];
}

/** Every range parameter of a profile, in the order the method page lists them. */
export function profileParameters(profile: BaselineProfile): RangeParameter[] {
  return [
    profile.domestic.lengthOfHaul,
    profile.domestic.roadLegs,
    ...profile.imports.flatMap((leg) => [leg.share, leg.distance]),
    profile.seaFactor,
    profile.household.oneWayTrip,
    profile.household.carShare,
  ];
}

/**
 * Problems with a profile's figures, empty when it is usable: every range ordered
 * low ≤ central ≤ high, finite and non-negative; shares within 0–1 and imports not over 100%;
 * distances in whole metres.
 */
export function profileProblems(profile: BaselineProfile): string[] {
  const problems: string[] = [];
  for (const p of profileParameters(profile)) {
    const values = [p.low, p.central, p.high];
    if (values.some((v) => !Number.isFinite(v) || v < 0)) problems.push(`${p.key}: values must be finite and ≥ 0`);
    if (!(p.low <= p.central && p.central <= p.high)) problems.push(`${p.key}: needs low ≤ central ≤ high`);
    if (p.unit === "SHARE" && p.high > 1) problems.push(`${p.key}: a share cannot exceed 1`);
    if (p.unit === "METRES" && values.some((v) => !Number.isSafeInteger(v))) {
      problems.push(`${p.key}: distances are whole metres`);
    }
    if (p.status !== "ASSUMPTION" && p.sources.length === 0)
      problems.push(`${p.key}: a ${p.status} figure needs a source`);
  }
  const importHigh = profile.imports.reduce((s, leg) => s + leg.share.high, 0);
  if (importHigh > 1) problems.push("imports: the high shares add up to more than the whole supply");
  return problems;
}
