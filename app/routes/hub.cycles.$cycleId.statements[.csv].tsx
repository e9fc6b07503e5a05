// GET /hub/cycles/:cycleId/statements.csv: the cycle's farm statements (one row per farm: gross,
// commission, net, status and how it was paid) as a CSV file. A resource route (loader only).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { serverT } from "~/i18n/i18n.server";
import { getCycleStatementsCsv } from "~/services/statement.server";
import { csvResponse } from "~/utils/download.server";
import { requireHub } from "~/utils/hub-guard.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const file = await getCycleStatementsCsv({ hubId: hub.id, cycleId: params.cycleId ?? "" });
  if (!file) throw new Response(serverT("hub")("cycles.notFound"), { status: 404 });
  return csvResponse(file.csv, `${file.cycleName}-statements.csv`);
}
