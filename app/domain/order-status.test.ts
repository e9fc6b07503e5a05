import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import {
  assertOrderMoves,
  canMoveOrder,
  COUNTED_ORDER_STATUSES,
  isCountedOrder,
  OrderTransitionError,
  orderStatusesThatMayBecome,
} from "./order-status";

describe("orders that count", () => {
  it.each([
    ["PENDING_PAYMENT", false],
    ["CONFIRMED", true],
    ["OUT_FOR_DELIVERY", true],
    ["DELIVERED", true],
    ["PARTLY_DELIVERED", true],
    ["FAILED", true],
    ["CANCELLED", false],
  ] as const)("%s counts: %s", (status, counts) => {
    expect(isCountedOrder(status)).toBe(counts);
  });

  it("every status of the schema is decided here", () => {
    const decided = [
      "PENDING_PAYMENT",
      "CONFIRMED",
      "OUT_FOR_DELIVERY",
      "DELIVERED",
      "PARTLY_DELIVERED",
      "FAILED",
      "CANCELLED",
    ];
    const schema = fs.readFileSync(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
    const inSchema = /enum OrderStatus \{([^}]*)\}/.exec(schema)![1]!.split(/\s+/).filter(Boolean);
    expect(inSchema.sort()).toEqual(decided.sort());
    expect(COUNTED_ORDER_STATUSES.every((s) => decided.includes(s))).toBe(true);
  });
});

describe("the order lifecycle", () => {
  it("takes a card order from payment to confirmed or cancelled, and nowhere else", () => {
    expect(canMoveOrder("PENDING_PAYMENT", "CONFIRMED")).toBe(true);
    expect(canMoveOrder("PENDING_PAYMENT", "CANCELLED")).toBe(true);
    expect(canMoveOrder("PENDING_PAYMENT", "OUT_FOR_DELIVERY")).toBe(false);
    expect(canMoveOrder("PENDING_PAYMENT", "DELIVERED")).toBe(false);
  });

  it("lets a buyer cancel only before the order goes out, and never revives a cancelled order", () => {
    expect(orderStatusesThatMayBecome("CANCELLED").sort()).toEqual(["CONFIRMED", "PENDING_PAYMENT"]);
    for (const to of [
      "PENDING_PAYMENT",
      "CONFIRMED",
      "OUT_FOR_DELIVERY",
      "DELIVERED",
      "PARTLY_DELIVERED",
      "FAILED",
    ] as const)
      expect(canMoveOrder("CANCELLED", to)).toBe(false);
  });

  it("lets a driver correct a delivery mark but never sends a delivered order back to confirmed", () => {
    expect(canMoveOrder("DELIVERED", "FAILED")).toBe(true);
    expect(canMoveOrder("FAILED", "DELIVERED")).toBe(true);
    expect(canMoveOrder("DELIVERED", "CONFIRMED")).toBe(false);
    expect(canMoveOrder("PARTLY_DELIVERED", "DELIVERED")).toBe(true);
    expect(canMoveOrder("PARTLY_DELIVERED", "CONFIRMED")).toBe(false);
    expect(canMoveOrder("PARTLY_DELIVERED", "CANCELLED")).toBe(false);
    expect(orderStatusesThatMayBecome("OUT_FOR_DELIVERY").sort()).toEqual([
      "CONFIRMED",
      "DELIVERED",
      "FAILED",
      "OUT_FOR_DELIVERY",
      "PARTLY_DELIVERED",
    ]);
  });

  it("names the refused move", () => {
    expect(() => assertOrderMoves(["PENDING_PAYMENT"], "CANCELLED")).not.toThrow();
    expect(() => assertOrderMoves(["CONFIRMED", "DELIVERED"], "CANCELLED")).toThrow(
      new OrderTransitionError(["DELIVERED"], "CANCELLED"),
    );
  });
});
