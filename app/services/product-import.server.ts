// CSV import and export of a farm's products. Import is all-or-nothing: every row is validated
// first (per-row errors with spreadsheet row numbers), then all rows are written in one transaction.
import { parseProductCsv, productsToCsv, separatorWords, type CsvRowError } from "~/domain/catalogue-csv";
import { serverT } from "~/i18n/i18n.server";
import { translateMessage } from "~/i18n/messages";
import { planCatalogueImport } from "~/domain/catalogue-import";
import { applyProductImport, listProductsForFarm, listProductsForImport } from "~/models/product.server";

export const MAX_CSV_BYTES = 1024 * 1024;

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** `readAs`: how the file was read ("semicolon-separated"), to tell the farmer. */
export type ImportResult =
  | ({ ok: true; readAs: string } & ImportCounts)
  | { ok: false; errors: CsvRowError[]; rowCount: number; readAs: string };

/** What importing `text` would do (new / updated / unchanged), without writing anything. */
export async function previewProductsCsv({ farmId, text }: { farmId: string; text: string }): Promise<ImportResult> {
  const parsed = parseProductCsv(text);
  const readAs = translateMessage(separatorWords(parsed.separator));
  if (!parsed.ok) return { ok: false, errors: parsed.errors, rowCount: parsed.rowCount, readAs };
  const plan = planCatalogueImport(parsed.products, await listProductsForImport({ farmId }));
  return { ok: true, readAs, created: plan.create.length, updated: plan.update.length, unchanged: plan.unchanged };
}

/** Imports `text`: matched products are updated, the rest created, in one transaction. */
export async function importProductsCsv({ farmId, text }: { farmId: string; text: string }): Promise<ImportResult> {
  const parsed = parseProductCsv(text);
  const readAs = translateMessage(separatorWords(parsed.separator));
  if (!parsed.ok) return { ok: false, errors: parsed.errors, rowCount: parsed.rowCount, readAs };
  const counts = await applyProductImport({
    farmId,
    plan: (existing) => planCatalogueImport(parsed.products, existing),
  });
  return { ok: true, readAs, ...counts };
}

/** "2 new, 3 updated, 5 unchanged". */
export function describeImport({ created, updated, unchanged }: ImportCounts): string {
  return serverT("messages")("import.summary", { created, updated, unchanged });
}

export async function exportProductsCsv({ farmId }: { farmId: string }): Promise<string> {
  const products = await listProductsForFarm({ farmId });
  return productsToCsv(products);
}
