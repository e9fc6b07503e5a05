import { describe, expect, it } from "vitest";
import { buildCycleReport, type CycleLine } from "./index";
import { reportToCsv } from "./csv";

const line = (over: Partial<CycleLine>): CycleLine => ({
  orderId: "o1",
  orderNumber: 1,
  buyerName: "Ann",
  fulfilment: "DELIVERY",
  address: null,
  farmId: "f1",
  farmName: "Apple Farm",
  productId: "p1",
  productName: "Apples",
  unit: "KG",
  quantityMilli: 1000,
  grams: 1000,
  lineTotalMinor: 300,
  chilled: false,
  ...over,
});

// Hand-computed fixture: two farms, three orders.
const LINES: CycleLine[] = [
  line({}),
  line({
    orderId: "o2",
    orderNumber: 2,
    buyerName: "Bob",
    fulfilment: "PICKUP",
    quantityMilli: 2500,
    grams: 2500,
    lineTotalMinor: 750,
  }),
  line({
    orderId: "o2",
    orderNumber: 2,
    buyerName: "Bob",
    fulfilment: "PICKUP",
    farmId: "f2",
    farmName: "Dairy",
    productId: "p2",
    productName: "Milk",
    unit: "L",
    quantityMilli: 2000,
    grams: 2060,
    lineTotalMinor: 240,
    chilled: true,
  }),
  line({
    orderId: "o3",
    orderNumber: 3,
    buyerName: "Cat",
    farmId: "f2",
    farmName: "Dairy",
    productId: "p2",
    productName: "Milk",
    unit: "L",
    quantityMilli: 1000,
    grams: 1030,
    lineTotalMinor: 120,
    chilled: true,
  }),
];

describe("cycle reports", () => {
  it("pick list by farm merges products, subtotals each farm and totals all", () => {
    const report = buildCycleReport("by-farm", LINES);
    expect(report.groups.map((g) => g.label)).toEqual(["Apple Farm", "Dairy"]);
    const apples = report.groups[0]!.rows[0]!;
    expect(apples).toEqual(["Apples", 3500, "kg", 3500, false, 2, 1050]);
    expect(report.groups[1]!.subtotal).toEqual(["Subtotal — Dairy", null, null, 3090, null, null, 360]);
    expect(report.total).toEqual(["All farms", null, null, 6590, null, null, 1410]);
  });

  it("packing list groups by order and marks chilled items", () => {
    const report = buildCycleReport("by-buyer", LINES);
    expect(report.groups.map((g) => g.label)).toEqual([
      "#1 Ann — home delivery",
      "#2 Bob — pickup at hub",
      "#3 Cat — home delivery",
    ]);
    expect(report.groups[1]!.rows.map((r) => [r[0], r[5]])).toEqual([
      ["Apples", false],
      ["Milk", true],
    ]);
  });

  it("totals per fulfilment and per farm", () => {
    const report = buildCycleReport("totals", LINES);
    const all = report.groups[0]!.rows[0]!;
    expect(all).toEqual(["All orders", 3, 6590, 3090, 1410]);
    const delivery = report.groups[1]!.rows[0]!;
    expect(delivery).toEqual(["Home delivery", 2, 2030, 1030, 420]);
    const farms = report.groups[2]!.rows;
    expect(farms.map((r) => [r[0], r[1], r[2]])).toEqual([
      ["Apple Farm", 2, 3500],
      ["Dairy", 2, 3090],
    ]);
  });

  it("renders CSV from the same declaration, in display units, safely quoted", () => {
    const csv = reportToCsv(
      buildCycleReport("by-product", [...LINES, line({ productId: "p9", productName: '=cmd|"x"', farmName: "A, B" })]),
    );
    const rows = csv.trim().split("\r\n");
    expect(rows[0]).toBe("Product,Farm,Quantity,Unit,Weight (kg),Chilled,Orders,Value");
    expect(rows).toContain(`"'=cmd|""x""","A, B",1,kg,1.000,,1,3.00`);
    expect(rows).toContain("Apples,Apple Farm,3.5,kg,3.500,,2,10.50");
    expect(rows.at(-1)).toBe("Total,,,,7.590,,,17.10");
  });

  it("builds empty reports without failing", () => {
    expect(buildCycleReport("by-farm", []).rowCount).toBe(0);
    expect(reportToCsv(buildCycleReport("by-farm", [])).split("\r\n")[1]).toBe("All,All farms,,,0.000,,,0.00");
  });
});
