import { describe, expect, it } from "vitest";
import { clampRadiusKm, matchScore, rankSearchResults, searchStems, stem, tokenize } from "./search";

describe("tokenize and stem", () => {
  it("drops filler words and punctuation", () => {
    expect(tokenize("Who near me sells EGGS?")).toEqual(["eggs"]);
    expect(tokenize("  free-range   eggs ")).toEqual(["free", "range", "eggs"]);
    expect(tokenize("Crème fraîche")).toEqual(["creme", "fraiche"]);
  });
  it.each([
    ["eggs", "egg"],
    ["tomatoes", "tomato"],
    ["peaches", "peach"],
    ["berries", "berr"],
    ["berry", "berr"],
    ["leeks", "leek"],
    ["grass", "grass"],
    ["egg", "egg"],
  ])("%s → %s", (word, expected) => expect(stem(word)).toBe(expected));
  it("deduplicates stems", () => expect(searchStems("egg eggs")).toEqual(["egg"]));
});

describe("matchScore", () => {
  const stems = searchStems("eggs");
  it("ranks whole-word product matches above substrings and farm-name matches", () => {
    const word = matchScore(stems, { productName: "Free-range eggs", farmName: "Hill Farm" });
    const prefix = matchScore(stems, { productName: "Eggplant", farmName: "Hill Farm" });
    const farmOnly = matchScore(stems, { productName: "Honey", farmName: "Eggleton Farm" });
    expect(word).toBeGreaterThan(prefix);
    expect(prefix).toBeGreaterThan(farmOnly);
    expect(farmOnly).toBeGreaterThan(0);
  });
  it("is 0 when any word is missing", () => {
    expect(matchScore(searchStems("duck eggs"), { productName: "Hen eggs", farmName: "Hill" })).toBe(0);
  });
  it("matches everything for an empty query", () =>
    expect(matchScore([], { productName: "x", farmName: "y" })).toBe(1));
  it("ignores accents on both sides", () => {
    expect(
      matchScore(searchStems("creme fraiche"), { productName: "Crème fraîche", farmName: "Dairy" }),
    ).toBeGreaterThan(0);
    expect(matchScore(searchStems("Crème"), { productName: "Creme caramel", farmName: "Dairy" })).toBeGreaterThan(0);
    expect(matchScore(searchStems("fromage"), { productName: "Crème", farmName: "Fromagerie Élan" })).toBe(1);
  });
});

describe("rankSearchResults", () => {
  const rows = [
    { productName: "Duck eggs", farmName: "Far Farm", distanceMetres: 9000, unitPriceMinor: 400 },
    { productName: "Hen eggs", farmName: "Near Farm", distanceMetres: 2000, unitPriceMinor: 300 },
    { productName: "Honey", farmName: "Eggbourne", distanceMetres: 1000, unitPriceMinor: 600 },
    { productName: "Carrots", farmName: "Close Farm", distanceMetres: 500, unitPriceMinor: 100 },
  ];
  const stems = searchStems("eggs");
  it("sorts by distance and drops non-matches", () => {
    expect(rankSearchResults(rows, stems).map((r) => r.productName)).toEqual(["Honey", "Hen eggs", "Duck eggs"]);
  });
  it("sorts by relevance, ties by distance", () => {
    expect(rankSearchResults(rows, stems, "relevance").map((r) => r.productName)).toEqual([
      "Hen eggs",
      "Duck eggs",
      "Honey",
    ]);
  });
  it("sorts by price", () => {
    expect(rankSearchResults(rows, stems, "price").map((r) => r.productName)).toEqual([
      "Hen eggs",
      "Duck eggs",
      "Honey",
    ]);
  });
});

describe("clampRadiusKm", () => {
  it.each([
    ["20", 20],
    ["1", 5],
    ["500", 100],
    ["abc", 20],
    [null, 20],
    [12.4, 12],
  ] as const)("%s → %i", (input, km) => expect(clampRadiusKm(input)).toBe(km));
});
