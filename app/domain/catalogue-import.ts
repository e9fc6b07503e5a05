// Re-importing a catalogue: each CSV row matches an existing product of the farm by its code, else
// by name and unit (case and spacing ignored), and updates it; the rest are new. Pure: the rows
// and the farm's products in, the plan out — the preview shows its counts, the import applies it.
import { normaliseProductName, type ProductData } from "./catalogue-input";

export interface ExistingProduct extends ProductData {
  id: string;
  archivedAt: Date | null;
}

export interface ImportPlan {
  create: ProductData[];
  update: Array<{ id: string; data: ProductData; relist: boolean }>;
  unchanged: number;
}

const COMPARED: Array<keyof ProductData> = [
  "code",
  "name",
  "description",
  "category",
  "unit",
  "gramsPerUnit",
  "retailPriceMinor",
  "wholesalePriceMinor",
  "wholesaleMinMilli",
  "stockMilli",
  "lowStockMilli",
  "chilled",
  "availableFrom",
  "availableTo",
];

const same = (a: unknown, b: unknown) =>
  a instanceof Date || b instanceof Date
    ? (a as Date | null)?.getTime() === (b as Date | null)?.getTime()
    : (a ?? null) === (b ?? null);

export function planCatalogueImport(rows: readonly ProductData[], existing: readonly ExistingProduct[]): ImportPlan {
  const byCode = new Map(existing.filter((p) => p.code).map((p) => [p.code!, p]));
  const byNameUnit = new Map<string, ExistingProduct>();
  // Listed products win over archived ones with the same name.
  for (const p of [...existing].sort((a, b) => Number(a.archivedAt === null) - Number(b.archivedAt === null))) {
    byNameUnit.set(`${normaliseProductName(p.name)}|${p.unit}`, p);
  }
  const taken = new Set<string>();
  const plan: ImportPlan = { create: [], update: [], unchanged: 0 };
  for (const row of rows) {
    let match = row.code ? byCode.get(row.code) : undefined;
    if (!match && !row.code) match = byNameUnit.get(`${normaliseProductName(row.name)}|${row.unit}`);
    // A row without a code matches by name even when the product has one; a row with an unknown
    // code may still be a product listed before it had a code.
    if (!match && row.code) {
      const byName = byNameUnit.get(`${normaliseProductName(row.name)}|${row.unit}`);
      if (byName && !byName.code) match = byName;
    }
    if (!match || taken.has(match.id)) {
      plan.create.push(row);
      continue;
    }
    taken.add(match.id);
    const data: ProductData = { ...row, code: row.code ?? match.code ?? null };
    const relist = match.archivedAt !== null;
    if (!relist && COMPARED.every((field) => same(data[field], match[field]))) plan.unchanged++;
    else plan.update.push({ id: match.id, data, relist });
  }
  return plan;
}
