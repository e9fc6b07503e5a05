// GET /farm/products/template.csv: the import template (header and two example rows).
import { templateCsv } from "~/domain/catalogue-csv";
import { csvResponse } from "~/utils/download.server";

export function loader() {
  return csvResponse(templateCsv(), "foodshed-products-template.csv", { cache: "public, max-age=3600" });
}
