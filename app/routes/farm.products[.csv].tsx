// GET /farm/products.csv: the farmer's listed products in the import format.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportProductsCsv } from "~/services/product-import.server";
import { requireOwnFarm } from "~/services/product.server";
import { slugify } from "~/services/farm.server";
import { requireRole } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const farm = await requireOwnFarm(user.id);
  const csv = await exportProductsCsv({ farmId: farm.id });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slugify(farm.name)}-products.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
