// Product CSV (written and read with the app's one CSV module, ./csv): the template, and row-by-row validation with the
// same ProductInputSchema as the form. Nothing is imported unless every row is valid.
import { CATEGORY_LABELS, UNIT_SYMBOLS } from "./catalogue";
import {
  normaliseProductName,
  PRODUCT_FIELDS,
  ProductInputSchema,
  type ProductData,
  type ProductField,
} from "./catalogue-input";
import { CSV_COLUMNS, HEADER_TO_FIELD, MAX_IMPORT_ROWS } from "./catalogue-columns";
import { parseCsv, readCsv, toCsv, unescapeCsvCell, type CsvSeparator } from "./csv";
import { minorToInput } from "./money";
import { milliToInput } from "./quantity";
import { message, renderMessage, type Message } from "./message";

export { CSV_COLUMNS, MAX_IMPORT_ROWS };

export { parseCsv, toCsv };

const dateText = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "");

/** One product as CSV cells, in CSV_COLUMNS order (what the export writes and the import reads). */
export function productToCells(product: ProductData): string[] {
  const values: Record<ProductField, string> = {
    code: product.code ?? "",
    name: product.name,
    description: product.description,
    category: CATEGORY_LABELS[product.category].toLowerCase(),
    unit: UNIT_SYMBOLS[product.unit].toLowerCase(),
    gramsPerUnit: String(product.gramsPerUnit),
    retailPrice: minorToInput(product.retailPriceMinor),
    wholesalePrice: minorToInput(product.wholesalePriceMinor),
    wholesaleMin: product.wholesaleMinMilli === null ? "" : milliToInput(product.wholesaleMinMilli),
    stock: milliToInput(product.stockMilli),
    lowStock: milliToInput(product.lowStockMilli),
    chilled: product.chilled ? "yes" : "no",
    availableFrom: dateText(product.availableFrom),
    availableTo: dateText(product.availableTo),
    soldByWeight: product.soldByWeight ? "yes" : "no",
  };
  return PRODUCT_FIELDS.map((field) => values[field]);
}

export function productsToCsv(products: readonly ProductData[]): string {
  return toCsv([PRODUCT_FIELDS.map((field) => CSV_COLUMNS[field]), ...products.map(productToCells)]);
}

/** The downloadable template: the header, two example rows, nothing else. */
export function templateCsv(): string {
  return toCsv([
    PRODUCT_FIELDS.map((field) => CSV_COLUMNS[field]),
    [
      "EGG-12",
      "Free-range eggs",
      "From our hens on pasture",
      "eggs",
      "dozen",
      "720",
      "3.20",
      "2.80",
      "10",
      "40",
      "5",
      "no",
      "",
      "",
      "no",
    ],
    [
      "STRAW-KG",
      "Strawberries",
      "Picked the morning of delivery",
      "fruit",
      "kg",
      "1000",
      "6.50",
      "",
      "",
      "12.5",
      "2",
      "yes",
      "2026-05-15",
      "2026-08-31",
      "no",
    ],
  ]);
}

export interface CsvRowError {
  /** The line number in the file as a spreadsheet shows it (the header is row 1). */
  row: number;
  field: string;
  message: string;
}

/** The fields holding numbers: in a semicolon-separated file they may be written "1,20". */
const NUMBER_FIELDS = new Set<ProductField>([
  "gramsPerUnit",
  "retailPrice",
  "wholesalePrice",
  "wholesaleMin",
  "stock",
  "lowStock",
]);

/**
 * Spreadsheets in French, German and most of Europe save CSV with semicolons and write decimals
 * with a comma ("1,20", "1.234,50"). In such a file a number with a comma reads the comma as the
 * decimal point and dots as thousands separators; a number without a comma is left as it is.
 */
export function fromDecimalComma(text: string): string {
  if (!/^[^,]*\d,\d+[^,\d]*$/.test(text.trim())) return text;
  return text.replace(/\.(?=\d{3}(?:\D|$))/g, "").replace(",", ".");
}

/** What a file was read as: its separator, in words for the farmer ("semicolon-separated"). */
export type CsvImportResult =
  | { ok: true; products: ProductData[]; separator: CsvSeparator }
  | { ok: false; errors: CsvRowError[]; rowCount: number; separator: CsvSeparator };

/** How a file was read, for the farmer: "semicolon-separated", translated where it is shown. */
export const separatorWords = (separator: CsvSeparator): Message => message(`messages:import.separator.${separator}`);

/** The same in English. */
export const SEPARATOR_WORDS: Record<CsvSeparator, string> = {
  comma: "comma-separated",
  semicolon: "semicolon-separated",
  tab: "tab-separated",
};

/** Validates a whole file. Unknown columns are refused; missing optional columns are fine. */
export function parseProductCsv(text: string): CsvImportResult {
  const read = readCsv(text);
  const { separator } = read;
  if (!read.ok)
    return { ok: false, separator, rowCount: 0, errors: [{ row: read.line, field: "file", message: read.message }] };
  const rows = read.rows;
  if (rows.length === 0)
    return {
      ok: false,
      separator,
      rowCount: 0,
      errors: [{ row: 1, field: "file", message: renderMessage(message("messages:import.empty")) }],
    };
  const header = rows[0]!.map((cell) => cell.trim().toLowerCase());
  const errors: CsvRowError[] = [];
  const fields = header.map((name) => HEADER_TO_FIELD.get(name));
  header.forEach((name, index) => {
    if (!fields[index])
      errors.push({
        row: 1,
        field: name || renderMessage(message("messages:import.column", { number: index + 1 })),
        message: renderMessage(
          message("messages:import.unknownColumn", { column: name, readAs: separatorWords(separator) }),
        ),
      });
  });
  for (const required of ["name", "category", "unit", "retailPrice"] as const) {
    if (!fields.includes(required))
      errors.push({
        row: 1,
        field: CSV_COLUMNS[required],
        message: renderMessage(message("messages:import.missingColumn", { column: CSV_COLUMNS[required] })),
      });
  }
  const dataRows = rows.slice(1);
  if (errors.length) return { ok: false, separator, errors, rowCount: dataRows.length };
  if (dataRows.length === 0)
    return {
      ok: false,
      separator,
      rowCount: 0,
      errors: [{ row: 2, field: "file", message: renderMessage(message("messages:import.noProducts")) }],
    };
  if (dataRows.length > MAX_IMPORT_ROWS) {
    return {
      ok: false,
      separator,
      rowCount: dataRows.length,
      errors: [
        {
          row: MAX_IMPORT_ROWS + 2,
          field: "file",
          message: renderMessage(message("messages:import.tooManyRows", { count: MAX_IMPORT_ROWS })),
        },
      ],
    };
  }
  const products: ProductData[] = [];
  const seen = new Map<string, number>();
  const seenCodes = new Map<string, number>();
  dataRows.forEach((cells, index) => {
    const rowNumber = index + 2;
    if (cells.length > header.length) {
      errors.push({
        row: rowNumber,
        field: "row",
        message: renderMessage(
          message("messages:import.tooManyCells", { cells: cells.length, columns: header.length }),
        ),
      });
      return;
    }
    const input: Partial<Record<ProductField, string>> = {};
    fields.forEach((field, column) => {
      if (!field) return;
      const text = unescapeCsvCell(cells[column] ?? "");
      input[field] = separator === "semicolon" && NUMBER_FIELDS.has(field) ? fromDecimalComma(text) : text;
    });
    const result = ProductInputSchema.safeParse(input);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = issue.path[0] as ProductField | undefined;
        errors.push({ row: rowNumber, field: field ? CSV_COLUMNS[field] : "row", message: issue.message });
      }
      return;
    }
    // Two rows for one product would make the import's result depend on row order.
    const key = `${normaliseProductName(result.data.name)}|${result.data.unit}`;
    const previous = seen.get(key);
    if (previous)
      errors.push({
        row: rowNumber,
        field: CSV_COLUMNS.name,
        message: renderMessage(message("messages:import.sameNameAndUnit", { row: previous })),
      });
    else seen.set(key, rowNumber);
    if (result.data.code) {
      const previousCode = seenCodes.get(result.data.code);
      if (previousCode)
        errors.push({
          row: rowNumber,
          field: CSV_COLUMNS.code,
          message: renderMessage(message("messages:import.sameCode", { row: previousCode })),
        });
      else seenCodes.set(result.data.code, rowNumber);
    }
    products.push(result.data);
  });
  return errors.length
    ? { ok: false, separator, errors, rowCount: dataRows.length }
    : { ok: true, separator, products };
}
