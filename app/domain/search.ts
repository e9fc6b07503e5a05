// Free-text product search ("who near me sells eggs"): tokenising, simple English plural
// stemming, match scoring and ranking. Pure; domain/discovery-index filters with the same stems
// (`searchStems`), these functions order the result.

const STOP_WORDS = new Set([
  "a",
  "an",
  "and",
  "the",
  "of",
  "for",
  "near",
  "me",
  "who",
  "sells",
  "sell",
  "buy",
  "some",
  "fresh",
  "local",
]);

/** Lower case without accents: "Crème fraîche" → "creme fraiche". Names are matched in this form. */
export function searchKey(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
}

/** Lower-cased words of the query, without punctuation or filler words; at most 6. */
export function tokenize(query: string): string[] {
  return searchKey(query)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0 && !STOP_WORDS.has(word))
    .slice(0, 6);
}

/**
 * A stem that matches singular and plural as a substring: eggs → egg, tomatoes → tomato,
 * peaches → peach, berries → berr (matches berry and berries), leeks → leek.
 */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith("ies") && word.length > 4) return word.slice(0, -3);
  if (word.endsWith("y") && word.length > 3) return word.slice(0, -1);
  if (/(oes|ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

/** The substrings a matching product or farm name must contain (every one of them). */
export function searchStems(query: string): string[] {
  return [...new Set(tokenize(query).map(stem))];
}

export interface SearchCandidate {
  productName: string;
  farmName: string;
  distanceMetres: number;
}

/**
 * Relevance of a candidate for the stems, 0 when it does not match (some stem is in neither the
 * product nor the farm name). Whole-word product matches beat prefixes, prefixes beat substrings,
 * and matches only in the farm name score lowest.
 */
export function matchScore(
  stems: readonly string[],
  candidate: Pick<SearchCandidate, "productName" | "farmName">,
): number {
  if (stems.length === 0) return 1;
  const product = searchKey(candidate.productName);
  const farm = searchKey(candidate.farmName);
  const productWords = product.split(/[^a-z0-9]+/).filter(Boolean);
  let score = 0;
  for (const s of stems) {
    if (productWords.some((word) => word === s || stem(word) === s)) score += 10;
    else if (productWords.some((word) => word.startsWith(s))) score += 6;
    else if (product.includes(s)) score += 3;
    else if (farm.includes(s)) score += 1;
    else return 0;
  }
  return score;
}

export type SearchSort = "distance" | "relevance" | "price";

/**
 * Orders matching candidates: by distance (nearest first, ties by relevance), by relevance
 * (ties by distance), or by price (then distance). Non-matching candidates are dropped.
 */
export function rankSearchResults<T extends SearchCandidate & { unitPriceMinor?: number }>(
  candidates: readonly T[],
  stems: readonly string[],
  sort: SearchSort = "distance",
): Array<T & { score: number }> {
  const scored = candidates
    .map((candidate) => ({ ...candidate, score: matchScore(stems, candidate) }))
    .filter((candidate) => candidate.score > 0);
  const byName = (a: T, b: T) => a.productName.localeCompare(b.productName);
  return scored.sort((a, b) => {
    if (sort === "relevance") return b.score - a.score || a.distanceMetres - b.distanceMetres || byName(a, b);
    if (sort === "price") {
      return (a.unitPriceMinor ?? 0) - (b.unitPriceMinor ?? 0) || a.distanceMetres - b.distanceMetres || byName(a, b);
    }
    return a.distanceMetres - b.distanceMetres || b.score - a.score || byName(a, b);
  });
}

/** Radius choices on the map and search pages, in km. */
export const RADIUS_CHOICES_KM = [5, 10, 20, 30, 50, 100] as const;
export const MIN_RADIUS_KM = 5;
export const MAX_RADIUS_KM = 100;

/** Clamps a radius from a URL into 5–100 km; a missing or unreadable value becomes the default. */
export function clampRadiusKm(value: string | number | null | undefined, fallback = 20): number {
  const number = typeof value === "number" ? value : Number.parseFloat(value ?? "");
  if (!Number.isFinite(number)) return fallback;
  return Math.min(MAX_RADIUS_KM, Math.max(MIN_RADIUS_KM, Math.round(number)));
}
