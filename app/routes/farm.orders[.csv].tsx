// GET /farm/orders.csv?cycle=<id>: the farmer's pick list of a cycle as a CSV file (products to
// pick, then every order line, with an empty "Picked" column). A resource route: never a page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { serverT } from "~/i18n/i18n.server";
import { getFarmPickListCsv } from "~/services/order-views.server";
import { csvResponse } from "~/utils/download.server";
import { requireRole } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const file = await getFarmPickListCsv({ ownerId: user.id, cycleId: new URL(request.url).searchParams.get("cycle") });
  if (!file) throw new Response(serverT("farmer")("orders.cycleNotFound"), { status: 404 });
  return csvResponse(file.csv, file.filename);
}
