import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { COUNTED_ORDER_STATUSES, isCountedOrder } from "./order-status";

describe("orders that count", () => {
  it.each([
    ["PENDING_PAYMENT", false],
    ["CONFIRMED", true],
    ["OUT_FOR_DELIVERY", true],
    ["DELIVERED", true],
    ["FAILED", true],
    ["CANCELLED", false],
  ] as const)("%s counts: %s", (status, counts) => {
    expect(isCountedOrder(status)).toBe(counts);
  });

  it("every status of the schema is decided here", () => {
    const decided = ["PENDING_PAYMENT", "CONFIRMED", "OUT_FOR_DELIVERY", "DELIVERED", "FAILED", "CANCELLED"];
    const schema = fs.readFileSync(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
    const inSchema = /enum OrderStatus \{([^}]*)\}/.exec(schema)![1]!.split(/\s+/).filter(Boolean);
    expect(inSchema.sort()).toEqual(decided.sort());
    expect(COUNTED_ORDER_STATUSES.every((s) => decided.includes(s))).toBe(true);
  });
});
