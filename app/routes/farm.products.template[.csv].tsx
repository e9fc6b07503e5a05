// GET /farm/products/template.csv: the import template (header and two example rows).
import { templateCsv } from "~/domain/catalogue-csv";

export function loader() {
  return new Response(templateCsv(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="foodshed-products-template.csv"',
      "Cache-Control": "public, max-age=3600",
    },
  });
}
