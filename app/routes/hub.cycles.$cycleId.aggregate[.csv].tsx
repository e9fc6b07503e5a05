// GET /hub/cycles/:cycleId/aggregate.csv?view=by-farm|by-product|by-buyer|totals: one aggregated
// view of the cycle as a CSV file. A resource route (loader only), so the file is never rendered
// as a page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isCycleReportId } from "~/domain/aggregation";
import { serverT } from "~/i18n/i18n.server";
import { findCycleForHub } from "~/models/hub.server";
import { getCycleReportCsv } from "~/services/aggregation.server";
import { requireHub } from "~/utils/hub-guard.server";
import { csvResponse } from "~/utils/download.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const cycle = await findCycleForHub({ hubId: hub.id, cycleId: params.cycleId ?? "" });
  if (!cycle) throw new Response(serverT("hub")("reports.cycleNotFound"), { status: 404 });
  const view = new URL(request.url).searchParams.get("view") ?? "by-farm";
  if (!isCycleReportId(view)) throw new Response(serverT("hub")("reports.aggregate.unknownCsvReport"), { status: 404 });
  const csv = await getCycleReportCsv({ hubId: hub.id, cycleId: cycle.id, report: view });
  return csvResponse(csv, `${cycle.name}-${view}.csv`);
}
