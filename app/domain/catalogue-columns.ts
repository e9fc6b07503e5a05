// The product CSV's columns and limits, for pages (the import page lists them): kept apart from the
// CSV reader and writer (./csv, on csv-parse / csv-stringify, which need Node's Buffer), so a page
// importing them never bundles those libraries for the browser.
import type { ProductField } from "./catalogue-input";

/** Column headers, in the order of the template and the export. */
export const CSV_COLUMNS: Record<ProductField, string> = {
  code: "code",
  name: "name",
  description: "description",
  category: "category",
  unit: "unit",
  gramsPerUnit: "grams_per_unit",
  retailPrice: "retail_price",
  wholesalePrice: "wholesale_price",
  wholesaleMin: "wholesale_min_quantity",
  stock: "stock",
  lowStock: "low_stock_alert",
  chilled: "chilled",
  availableFrom: "available_from",
  availableTo: "available_to",
  soldByWeight: "sold_by_weight",
};
export const HEADER_TO_FIELD = new Map(
  Object.entries(CSV_COLUMNS).map(([field, header]) => [header, field as ProductField]),
);

export const MAX_IMPORT_ROWS = 1000;
