import { describe, expect, it } from "vitest";
import { fromDecimalComma, parseCsv, parseProductCsv, productsToCsv, templateCsv, toCsv } from "./catalogue-csv";

describe("parseCsv / toCsv", () => {
  it("handles quotes, escaped quotes, commas, CRLF and a BOM", () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n\n1,\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["1", ""],
    ]);
  });
  it("round-trips awkward cells and neutralises formulas", () => {
    const csv = toCsv([["a,b", 'q"q', "=SUM(A1)", "-3"]]);
    expect(csv).toBe('"a,b","q""q",\'=SUM(A1),-3\r\n');
    expect(parseCsv(csv)).toEqual([["a,b", 'q"q', "'=SUM(A1)", "-3"]]);
  });
});

describe("parseProductCsv", () => {
  it("accepts the template", () => {
    const result = parseProductCsv(templateCsv());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.products).toHaveLength(2);
      expect(result.products[1]).toMatchObject({
        name: "Strawberries",
        unit: "KG",
        stockMilli: 12_500,
        chilled: true,
        retailPriceMinor: 650,
      });
    }
  });

  it("round-trips an export", () => {
    const first = parseProductCsv(templateCsv());
    if (!first.ok) throw new Error("template invalid");
    const again = parseProductCsv(productsToCsv(first.products));
    expect(again).toEqual(first);
  });

  it("reports every bad row with its spreadsheet row number and imports nothing", () => {
    const csv = [
      "name,category,unit,grams_per_unit,retail_price,wholesale_min_quantity",
      "Carrots,vegetables,kg,1000,1.50,",
      "Eggs,eggs,dozen,720,-3,",
      "Kale,vegetables,stone,,2.00,",
      "Milk,dairy,L,1030,1.20,10",
    ].join("\n");
    const result = parseProductCsv(csv);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([
        { row: 3, field: "retail_price", message: "Retail price cannot be negative" },
        expect.objectContaining({ row: 4, field: "unit" }),
        expect.objectContaining({ row: 4, field: "grams_per_unit" }),
        expect.objectContaining({
          row: 5,
          field: "wholesale_min_quantity",
          message: expect.stringContaining("needs a wholesale price"),
        }),
      ]);
    }
  });

  it.each([
    ["", "empty"],
    ["name,category,unit,retail_price\n", "no products"],
    ["name,colour,unit,retail_price\nA,red,kg,1", 'Unknown column "colour"'],
    ["name,unit,retail_price\nA,kg,1", 'Missing column "category"'],
    ["name,category,unit,retail_price\nA,fruit,kg,1,extra", "unquoted comma"],
    ["name,category,unit,retail_price\nA,fruit,kg,1\na,fruit,kg,2", "Same name and unit as row 2"],
  ])("refuses %j", (csv, message) => {
    const result = parseProductCsv(csv);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.message).join(" ")).toContain(message);
  });
});

describe("product CSV from a spreadsheet in another language setting", () => {
  it("reads a semicolon-separated template and says so", () => {
    const semicolons = templateCsv().replace(/,/g, ";");
    const result = parseProductCsv(semicolons);
    expect(result.separator).toBe("semicolon");
    expect(result.ok).toBe(true);
  });

  it("reads decimal commas in a semicolon-separated file, and dots as thousands there", () => {
    const csv = [
      "name;category;unit;grams_per_unit;retail_price;wholesale_price;wholesale_min_quantity;stock",
      "Pommes;FRUIT;KG;;2,40;1,90;5;1.250,5",
      "Oeufs;eggs;DOZEN;720;3,20;;;12",
      "Lait;dairy;L;1030;1.10;;;40",
    ].join("\n");
    const result = parseProductCsv(csv);
    expect(result.separator).toBe("semicolon");
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const [apples, eggs, milk] = result.products;
    expect([apples!.retailPriceMinor, apples!.wholesalePriceMinor, apples!.stockMilli]).toEqual([240, 190, 1_250_500]);
    expect([eggs!.retailPriceMinor, eggs!.stockMilli]).toEqual([320, 12_000]);
    // A dot decimal still reads as written in a semicolon file.
    expect(milk!.retailPriceMinor).toBe(110);
  });

  it.each([
    ["1,5", "1.5"],
    ["1.234,50", "1234.50"],
    ["2,40 €", "2.40 €"],
    ["12", "12"],
    ["2.5", "2.5"],
    ["1,2,3", "1,2,3"],
    ["abc", "abc"],
  ])("reads %s as %s in a semicolon file", (text, expected) => {
    expect(fromDecimalComma(text)).toBe(expected);
  });

  it("reads a price with a decimal comma in a comma-separated file too, when it is quoted", () => {
    const result = parseProductCsv('name,category,unit,retail_price,stock\nPommes,fruit,KG,"2,40",5\n');
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.products[0]!.retailPriceMinor).toBe(240);
  });

  it("names the separator it read when the headers are unknown", () => {
    const result = parseProductCsv("nom;prix;stock\nPommes;1;2\n");
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors[0]!.message).toBe(
        'Unknown column "nom" (the file was read as semicolon-separated): use the template\'s headers',
      );
  });
});
