// CSV import and export of a farm's products. Import is all-or-nothing: every row is validated
// first (per-row errors with spreadsheet row numbers), then all rows are written in one transaction.
import { parseProductCsv, productsToCsv, type CsvRowError } from "~/domain/catalogue-csv";
import { createProducts, listProductsForFarm } from "~/models/product.server";

export const MAX_CSV_BYTES = 1024 * 1024;

export type ImportResult = { ok: true; count: number } | { ok: false; errors: CsvRowError[]; rowCount: number };

export async function importProductsCsv({ farmId, text }: { farmId: string; text: string }): Promise<ImportResult> {
  const parsed = parseProductCsv(text);
  if (!parsed.ok) return parsed;
  const count = await createProducts({ farmId, rows: parsed.products });
  return { ok: true, count };
}

export async function exportProductsCsv({ farmId }: { farmId: string }): Promise<string> {
  const products = await listProductsForFarm({ farmId });
  return productsToCsv(products);
}
