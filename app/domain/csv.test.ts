import { describe, expect, it } from "vitest";
import { csvCell, detectSeparator, parseCsv, readCsv, toCsv, unescapeCsvCell } from "./csv";

describe("csvCell", () => {
  it.each([
    ["=SUM(A1:A2)", "'=SUM(A1:A2)"],
    ["+1+1", "'+1+1"],
    ["-1+1+cmd|' /C calc'!A0", "'-1+1+cmd|' /C calc'!A0"],
    ["@SUM(1)", "'@SUM(1)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", '"\'\rcmd"'],
    ["-2-3", "'-2-3"],
    ["-1e3", "'-1e3"],
  ])("prefixes formula-looking text %j with a quote", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it.each([
    ["-3", "-3"],
    ["-0.25", "-0.25"],
    ["12.50", "12.50"],
    ["Carrots", "Carrots"],
    ["", ""],
  ])("leaves plain numbers and text %j alone", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("quotes commas, quotes and new lines, doubling quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });

  it("writes numbers, booleans and empty values", () => {
    expect(csvCell(-4)).toBe("-4");
    expect(csvCell(1.5)).toBe("1.5");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });
});

describe("toCsv / parseCsv", () => {
  it("writes CRLF rows and reads them back (with the escape undone by unescapeCsvCell)", () => {
    const rows = [
      ["name", "note"],
      ["a,b", 'q"q'],
      ["=SUM(A1)", "-3"],
    ];
    const csv = toCsv(rows);
    expect(csv).toBe('name,note\r\n"a,b","q""q"\r\n\'=SUM(A1),-3\r\n');
    expect(parseCsv(csv).map((row) => row.map(unescapeCsvCell))).toEqual(rows);
  });

  it("reads quotes, commas, CRLF, LF, blank lines and a BOM", () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n\n1,\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["1", ""],
    ]);
  });

  it("keeps a leading quote that is not our escape", () => {
    expect(unescapeCsvCell("'tis the season")).toBe("'tis the season");
  });
});

describe("readCsv", () => {
  it.each([
    ["name,price\r\nCarrots,1.20\r\n", "comma"],
    ["name;price\r\nCarrots;1,20\r\n", "semicolon"],
    ["name\tprice\nCarrots\t1.20\n", "tab"],
    ['"name;x",price,stock\n', "comma"],
    ["just one column\nvalue\n", "comma"],
  ] as const)("detects the separator of %j as %s", (text, separator) => {
    expect(detectSeparator(text)).toBe(separator);
    const read = readCsv(text);
    expect(read.ok && read.separator).toBe(separator);
  });

  it("reads a semicolon file with decimal commas into the same cells a spreadsheet shows", () => {
    expect(readCsv('nom;prix\r\n"Pommes; rouges";1,20\r\n')).toEqual({
      ok: true,
      separator: "semicolon",
      rows: [
        ["nom", "prix"],
        ["Pommes; rouges", "1,20"],
      ],
    });
  });

  it("names the line of a quoted cell that is never closed", () => {
    const read = readCsv('name,price\nCarrots,1.20\n"Leeks,2.00\nOnions,1.00\n');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toMatch(/never closed/);
  });

  it("keeps a quote inside an unquoted cell as text", () => {
    expect(parseCsv('name,size\n12" pizza base,large\n')).toEqual([
      ["name", "size"],
      ['12" pizza base', "large"],
    ]);
  });
});
