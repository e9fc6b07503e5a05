import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { moneyMove, packLine, priceByWeight, type OrderMoney } from "./order-adjustment";

const brisket = { quantityMilli: 2000, unitPriceMinor: 1200, lineTotalMinor: 2400, grams: 2000, soldByWeight: true };

describe("packLine", () => {
  it("prices an actual weight at the estimate's price per gram, rounded half up", () => {
    expect(packLine(brisket, { kind: "weight", quantityMilli: 2000, actualGrams: 2260 })).toEqual({
      ok: true,
      line: { quantityMilli: 2000, lineTotalMinor: 2712, grams: 2260 },
    });
    expect(priceByWeight({ lineTotalMinor: 999, grams: 1000 }, 1001)).toBe(1000); // 999.999 → 1000
    expect(priceByWeight({ lineTotalMinor: 3, grams: 2 }, 1)).toBe(2); // 1.5 → 2
  });

  it("refuses a weight more than three times off the estimate of what was packed (a kg/g slip)", () => {
    expect(packLine(brisket, { kind: "weight", quantityMilli: 2000, actualGrams: 2_260_000 })).toEqual({
      ok: false,
      error: "weightOutOfRange",
    });
    expect(packLine(brisket, { kind: "weight", quantityMilli: 1000, actualGrams: 300 })).toEqual({
      ok: false,
      error: "weightOutOfRange",
    });
    expect(packLine(brisket, { kind: "weight", quantityMilli: 3000, actualGrams: 3000 })).toEqual({
      ok: false,
      error: "quantityOutOfRange",
    });
    expect(
      packLine({ ...brisket, soldByWeight: false }, { kind: "weight", quantityMilli: 2000, actualGrams: 2000 }),
    ).toEqual({
      ok: false,
      error: "notSoldByWeight",
    });
  });

  it("a shortage is fewer than ordered, priced at the line's unit price", () => {
    const carrots = { quantityMilli: 2000, unitPriceMinor: 250, lineTotalMinor: 500, grams: 2000, soldByWeight: false };
    expect(packLine(carrots, { kind: "short", quantityMilli: 1500 })).toEqual({
      ok: true,
      line: { quantityMilli: 1500, lineTotalMinor: 375, grams: 1500 },
    });
    expect(packLine(carrots, { kind: "short", quantityMilli: 2000 })).toEqual({ ok: false, error: "notShort" });
    expect(packLine(carrots, { kind: "short", quantityMilli: 0 })).toEqual({
      ok: true,
      line: { quantityMilli: 0, lineTotalMinor: 0, grams: 0 },
    });
  });

  it("a substitute never costs more than the line ordered", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 50_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        (q, price, ordered) => {
          const result = packLine(
            { quantityMilli: 1000, unitPriceMinor: ordered, lineTotalMinor: ordered, grams: 1000, soldByWeight: false },
            { kind: "substitute", quantityMilli: q, product: { unitPriceMinor: price, gramsPerUnit: 500 } },
          );
          return result.ok && result.line.lineTotalMinor <= ordered && result.line.lineTotalMinor >= 0;
        },
      ),
    );
  });
});

describe("moneyMove: the ledger reconciles to the minor unit across any sequence of adjustments", () => {
  it("invoice orders: issued + Σ notes = due, after every step", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500_000 }),
        fc.array(fc.integer({ min: 0, max: 500_000 }), { maxLength: 30 }),
        (issued, dues) => {
          let state: OrderMoney = { dueMinor: issued, chargedMinor: 0, refundedMinor: 0, absorbedMinor: 0 };
          let notes = 0;
          for (const due of dues) {
            const move = moneyMove(state, due, false);
            expect(move.refundMinor).toBe(0);
            expect(move.absorbedMinor).toBe(0);
            notes += move.noteMinor;
            state = { ...state, dueMinor: due };
            expect(issued + notes).toBe(due);
          }
        },
      ),
    );
  });

  it("card orders: charged − refunded + absorbed = due; never refunds more than held, never absorbs below zero", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500_000 }),
        fc.array(fc.integer({ min: 0, max: 600_000 }), { maxLength: 30 }),
        (charged, dues) => {
          let state: OrderMoney = { dueMinor: charged, chargedMinor: charged, refundedMinor: 0, absorbedMinor: 0 };
          for (const due of dues) {
            const move = moneyMove(state, due, true);
            expect(move.refundMinor).toBeGreaterThanOrEqual(0);
            expect(move.refundMinor).toBeLessThanOrEqual(state.chargedMinor - state.refundedMinor);
            state = {
              dueMinor: due,
              chargedMinor: charged,
              refundedMinor: state.refundedMinor + move.refundMinor,
              absorbedMinor: state.absorbedMinor + move.absorbedMinor,
            };
            expect(state.absorbedMinor).toBeGreaterThanOrEqual(0);
            expect(state.chargedMinor - state.refundedMinor + state.absorbedMinor).toBe(due);
          }
        },
      ),
    );
  });
});
