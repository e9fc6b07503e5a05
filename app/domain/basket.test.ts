import { describe, expect, it } from "vitest";
import {
  checkQuantityMilli,
  formatQuantity,
  mergeBasketLines,
  parseQuantity,
  quantityStepMilli,
  stockMessage,
  upsertBasketLine,
} from "./basket";
import { translateMessage } from "~/i18n/messages";
import { currentT } from "~/i18n/i18n";

describe("parseQuantity", () => {
  it.each([
    ["2", "EACH", 2000],
    ["1.5", "KG", 1500],
    ["0.5", "KG", 500],
    ["0.3", "L", 300],
    ["250", "G", 250_000],
    ["3", "BUNCH", 3000],
  ] as const)("accepts %s %s", (input, unit, milli) => {
    expect(parseQuantity(input, unit)).toEqual({ ok: true, quantityMilli: milli });
  });

  it.each([
    ["0", "KG", "more than zero"],
    ["-1", "EACH", "more than zero"],
    ["1.5", "EACH", "whole items"],
    ["0.5", "DOZEN", "whole dozen"],
    ["1.25", "KG", "steps of 0.1 kg"],
    ["1.0001", "KG", "steps of 0.1 kg"],
    ["abc", "KG", "must be a number"],
    ["1e3", "KG", "must be a number"],
    ["", "KG", "Enter a quantity"],
    ["99999", "KG", "most you can order"],
  ] as const)("refuses %s %s", (input, unit, message) => {
    const result = parseQuantity(input, unit);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(translateMessage(result.message)).toContain(message);
  });

  it("refuses non-integers in milli", () => {
    expect(checkQuantityMilli(1.5, "KG").ok).toBe(false);
    expect(quantityStepMilli("LB")).toBe(100);
  });
});

describe("formatting", () => {
  it("formats quantities and stock messages", () => {
    expect(formatQuantity(1500, "KG")).toBe("1.5 kg");
    expect(formatQuantity(1000, "BUNCH")).toBe("1 bunch");
    expect(formatQuantity(4000, "EACH")).toBe("4");
    expect(formatQuantity(3000, "BUNCH")).toBe("3 bunches");
    expect(stockMessage(3000, "EACH", "Eggs")).toEqual({
      key: "messages:stock.onlyLeftOf",
      values: { product: "Eggs", amount: { quantityMilli: 3000, unit: "EACH" } },
    });
    expect(translateMessage(stockMessage(3000, "EACH", "Eggs"))).toBe("Only 3 of Eggs left");
    expect(translateMessage(stockMessage(0, "EACH", "Eggs"))).toBe("Only 0 of Eggs left (sold out)");
    expect(translateMessage(stockMessage(3000, "BUNCH"))).toBe("Only 3 bunches left");
  });

  it("writes stock and quantity messages in French", () => {
    const fr = currentT("messages", "fr");
    expect(translateMessage(stockMessage(3000, "BUNCH", "Radis"), fr)).toBe("Plus que 3 bottes de Radis en stock");
    expect(translateMessage(stockMessage(1500, "KG"), fr)).toBe("Plus que 1,5 kg en stock");
    const refused = parseQuantity("1.5", "EACH");
    expect(refused.ok ? null : translateMessage(refused.message, fr)).toBe(
      "Commandez des articles entiers (pas de fractions)",
    );
    const huge = parseQuantity("99999", "KG");
    expect(huge.ok ? null : translateMessage(huge.message, fr)).toBe(
      "Vous pouvez commander au plus 10\u202f000 kg sur une ligne",
    );
  });
});

describe("basket lines", () => {
  it("adds to or sets an existing line", () => {
    const lines = [{ productId: "a", quantityMilli: 1000 }];
    expect(upsertBasketLine(lines, { productId: "a", quantityMilli: 500 }, "add")).toEqual([
      { productId: "a", quantityMilli: 1500 },
    ]);
    expect(upsertBasketLine(lines, { productId: "a", quantityMilli: 500 }, "set")).toEqual([
      { productId: "a", quantityMilli: 500 },
    ]);
    expect(upsertBasketLine(lines, { productId: "b", quantityMilli: 500 }, "add")).toHaveLength(2);
  });
  it("merges a guest basket into the account basket, adding quantities", () => {
    expect(
      mergeBasketLines(
        [{ productId: "a", quantityMilli: 1000 }],
        [
          { productId: "a", quantityMilli: 2000 },
          { productId: "b", quantityMilli: 500 },
          { productId: "c", quantityMilli: -5 },
        ],
      ),
    ).toEqual([
      { productId: "a", quantityMilli: 3000 },
      { productId: "b", quantityMilli: 500 },
    ]);
  });
});
