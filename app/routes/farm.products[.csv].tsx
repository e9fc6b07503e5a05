// GET /farm/products.csv: the farmer's listed products in the import format (with their codes, so
// exporting and importing again changes nothing).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportProductsCsv } from "~/services/product-import.server";
import { requireOwnFarm } from "~/utils/farm-guard.server";
import { slugify } from "~/services/farm.server";
import { csvResponse } from "~/utils/download.server";
import { requireRole } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const farm = await requireOwnFarm(user.id);
  const csv = await exportProductsCsv({ farmId: farm.id });
  return csvResponse(csv, `${slugify(farm.name)}-products.csv`);
}
