// The one CSV module of the app: every file we hand out is written by `toCsv` and every file we take
// in is read by `readCsv`, on the maintained csv-stringify / csv-parse libraries (pure JavaScript,
// no I/O), so quoting, parsing and the formula-injection rule live in one place.
//
// Writing: RFC 4180 (fields with a comma, quote, CR or LF are quoted, quotes doubled, CRLF line
// ends). Formula injection (OWASP "CSV Injection"): a text cell that starts with = + - @ TAB or CR
// gets a leading single quote so a spreadsheet shows it as text instead of running it. The only
// exception is a plain number such as "-3" or "-0.25" (nothing but an optional minus, digits and
// one decimal point), which a spreadsheet cannot run and which must stay a number for sums.
//
// Reading: comma, semicolon (spreadsheets set to French, German, … save those) or tab separated,
// detected from the header line; quoted fields, CRLF or LF, a BOM.
import { CsvError, parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { message, renderMessage } from "./message";

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** The cell's text, made safe for a spreadsheet (not yet quoted). */
function safeText(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "string" ? value : String(value);
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One cell, made safe for a spreadsheet and quoted when needed. */
export function csvCell(value: CsvCell): string {
  return stringify([[safeText(value)]], { eof: false, quoted_match: /\r/ });
}

/** Rows of cells → CSV text with CRLF line ends and a final line end. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return stringify(
    rows.map((row) => row.map(safeText)),
    { record_delimiter: "windows", eof: true, quoted_match: /\r/ },
  );
}

/**
 * The inverse of `csvCell`'s escaping for a cell read back from one of our own files: "'=SUM(A1)"
 * becomes "=SUM(A1)" again, so an export re-imports unchanged. Other leading quotes are kept.
 */
export function unescapeCsvCell(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

export type CsvSeparator = "comma" | "semicolon" | "tab";
const SEPARATORS: Record<CsvSeparator, string> = { comma: ",", semicolon: ";", tab: "\t" };

/**
 * The separator of a file: of comma, semicolon and tab, the one that occurs most often outside
 * quotes on its first non-blank line (the header); comma when there is none.
 */
export function detectSeparator(text: string): CsvSeparator {
  const first =
    text
      .replace(/^\uFEFF/, "")
      .split(/\r?\n/)
      .find((line) => line.trim() !== "") ?? "";
  const unquoted = first.replace(/"[^"]*"/g, "");
  let best: CsvSeparator = "comma";
  let bestCount = 0;
  for (const [name, char] of Object.entries(SEPARATORS) as Array<[CsvSeparator, string]>) {
    const count = unquoted.split(char).length - 1;
    if (count > bestCount) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}

export type CsvReadResult =
  | { ok: true; rows: string[][]; separator: CsvSeparator }
  | { ok: false; separator: CsvSeparator; line: number; message: string };

/**
 * Reads CSV text into rows of cells (blank lines dropped). A quote inside an unquoted cell is
 * kept as text; a quoted cell that never closes is an error naming its line.
 */
export function readCsv(text: string, separator: CsvSeparator = detectSeparator(text)): CsvReadResult {
  try {
    const rows = parse(text, {
      bom: true,
      delimiter: SEPARATORS[separator],
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as string[][];
    return { ok: true, separator, rows: rows.filter((cells) => cells.some((value) => value.trim() !== "")) };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? 1;
    return {
      ok: false,
      separator,
      line,
      message:
        error.code === "CSV_QUOTE_NOT_CLOSED"
          ? renderMessage(message("messages:import.quoteNotClosed", { line }))
          : renderMessage(
              message("messages:import.unreadableLine", {
                line,
                detail: error.message.replace(/^Invalid [^:]*: /, ""),
              }),
            ),
    };
  }
}

/** Rows of a CSV text (see readCsv); throws when the text is not readable CSV. */
export function parseCsv(text: string): string[][] {
  const result = readCsv(text);
  if (!result.ok) throw new Error(result.message);
  return result.rows;
}
