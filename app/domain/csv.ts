// The one CSV writer (and reader) of the app: every file we hand out goes through `toCsv`, so the
// quoting and the formula-injection rule are written once.
//
// Writing: RFC 4180 (fields with a comma, quote, CR or LF are quoted, quotes doubled, CRLF line
// ends). Formula injection (OWASP "CSV Injection"): a text cell that starts with = + - @ TAB or CR
// gets a leading single quote so a spreadsheet shows it as text instead of running it. The only
// exception is a plain number such as "-3" or "-0.25" (nothing but an optional minus, digits and
// one decimal point), which a spreadsheet cannot run and which must stay a number for sums.

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** One cell, made safe for a spreadsheet and quoted when needed. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "string" ? value : String(value);
  const safe = FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows of cells → CSV text with CRLF line ends and a final line end. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/**
 * The inverse of `csvCell`'s escaping for a cell read back from one of our own files: "'=SUM(A1)"
 * becomes "=SUM(A1)" again, so an export re-imports unchanged. Other leading quotes are kept.
 */
export function unescapeCsvCell(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** Parses CSV text (commas, quoted fields with "" escapes, CRLF or LF, a BOM) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const input = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < input.length; i++) {
    const char = input[i];
    if (quoted) {
      if (char === '"') {
        if (input[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += char;
    } else if (char === '"' && cell === "") quoted = true;
    else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && input[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += char;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((cells) => cells.some((value) => value.trim() !== ""));
}
