// GET /hub/cycles/:cycleId/carbon.csv: the cycle's carbon report (by route, by vehicle type, by
// order) as a CSV file. A resource route (loader only), so the file is never rendered as a page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { serverT } from "~/i18n/i18n.server";
import { findCycleForHub } from "~/models/hub.server";
import { getCarbonReportCsv } from "~/services/carbon-report.server";
import { requireHub } from "~/utils/hub-guard.server";
import { csvResponse } from "~/utils/download.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const cycle = await findCycleForHub({ hubId: hub.id, cycleId: params.cycleId ?? "" });
  if (!cycle) throw new Response(serverT("hub")("reports.cycleNotFound"), { status: 404 });
  const csv = await getCarbonReportCsv({ hubId: hub.id, cycleId: cycle.id });
  if (!csv) throw new Response(serverT("hub")("reports.carbon.noRoutesCsv"), { status: 404 });
  return csvResponse(csv, `${cycle.name}-carbon.csv`);
}
