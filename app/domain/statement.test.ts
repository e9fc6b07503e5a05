import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeStatement, cycleMoney, isCycleDelivered, transferGroupOf, type SoldLine } from "./statement";

const line = (over: Partial<SoldLine> = {}): SoldLine => ({
  orderId: "o1",
  orderNumber: 1,
  productName: "Carrots",
  unit: "KG",
  quantityMilli: 2000,
  unitPriceMinor: 250,
  lineTotalMinor: 500,
  orderedTotalMinor: null,
  orderStatus: "DELIVERED",
  ...over,
});

describe("computeStatement", () => {
  it("sums the lines as packed and takes the commission once, on the gross", () => {
    const figures = computeStatement(
      [
        line({ orderNumber: 2, productName: "Eggs", lineTotalMinor: 403 }),
        line({ orderNumber: 1, lineTotalMinor: 601, orderedTotalMinor: 1200 }),
      ],
      1250,
    );
    expect(figures.grossMinor).toBe(1004);
    // 1004 × 12.5 % = 125.5 → 126 (half up, to the hub), net 878.
    expect(figures).toMatchObject({ commissionBasisPoints: 1250, commissionMinor: 126, netMinor: 878 });
    expect(figures.lines.map((l) => l.orderNumber)).toEqual([1, 2]);
    expect(figures.lines[0]).not.toHaveProperty("orderStatus");
    expect(figures.lines[0]!.orderedTotalMinor).toBe(1200);
  });

  it("leaves out orders that do not count (cancelled, awaiting payment)", () => {
    const figures = computeStatement(
      [
        line({ lineTotalMinor: 500 }),
        line({ orderId: "o2", orderNumber: 2, orderStatus: "CANCELLED", lineTotalMinor: 900 }),
        line({ orderId: "o3", orderNumber: 3, orderStatus: "PENDING_PAYMENT", lineTotalMinor: 700 }),
      ],
      1000,
    );
    expect(figures).toMatchObject({ grossMinor: 500, commissionMinor: 50, netMinor: 450 });
    expect(figures.lines).toHaveLength(1);
  });

  it("an empty statement is all zeros", () => {
    expect(computeStatement([], 1250)).toEqual({
      lines: [],
      grossMinor: 0,
      commissionBasisPoints: 1250,
      commissionMinor: 0,
      netMinor: 0,
    });
  });

  it("commission + net = gross, for any lines and rate (property)", () => {
    const soldLine = fc.record({
      orderNumber: fc.integer({ min: 1, max: 10_000 }),
      lineTotalMinor: fc.integer({ min: 0, max: 1_000_000 }),
      orderStatus: fc.constantFrom("CONFIRMED", "DELIVERED", "PARTLY_DELIVERED", "FAILED", "CANCELLED"),
    });
    fc.assert(
      fc.property(fc.array(soldLine, { maxLength: 60 }), fc.integer({ min: 0, max: 5000 }), (lines, bp) => {
        const figures = computeStatement(
          lines.map((l) => line(l)),
          bp,
        );
        expect(figures.commissionMinor + figures.netMinor).toBe(figures.grossMinor);
        expect(figures.grossMinor).toBe(figures.lines.reduce((s, l) => s + l.lineTotalMinor, 0));
        expect(figures.commissionMinor).toBeGreaterThanOrEqual(0);
        expect(figures.netMinor).toBeGreaterThanOrEqual(0);
        // Within half a minor unit of the exact rate.
        expect(Math.abs(figures.commissionMinor - (figures.grossMinor * bp) / 10_000)).toBeLessThanOrEqual(0.5);
      }),
    );
  });
});

describe("isCycleDelivered", () => {
  it("a DELIVERED cycle is delivered", () => {
    expect(isCycleDelivered("DELIVERED", [])).toBe(true);
  });
  it("otherwise every counted order must be marked delivered, partly delivered or failed", () => {
    expect(isCycleDelivered("PLANNED", ["DELIVERED", "FAILED", "PARTLY_DELIVERED"])).toBe(true);
    expect(isCycleDelivered("PLANNED", ["DELIVERED", "CONFIRMED"])).toBe(false);
    expect(isCycleDelivered("CLOSED", ["OUT_FOR_DELIVERY"])).toBe(false);
    expect(isCycleDelivered("CLOSED", [])).toBe(false);
  });
});

describe("cycleMoney", () => {
  it("holds = collected − paid; owes = approved and unpaid; drafts apart", () => {
    expect(
      cycleMoney(10_000, [
        { status: "PAID", netMinor: 3000, reversedMinor: 0 },
        { status: "PAID", netMinor: 2000, reversedMinor: 500 },
        { status: "APPROVED", netMinor: 1500, reversedMinor: 0 },
        { status: "DRAFT", netMinor: 700, reversedMinor: 0 },
      ]),
    ).toEqual({ collectedMinor: 10_000, paidMinor: 4500, holdsMinor: 5500, owesMinor: 1500, draftMinor: 700 });
  });
  it("the transfer group is the cycle's", () => {
    expect(transferGroupOf("c1")).toBe("cycle_c1");
  });
});
