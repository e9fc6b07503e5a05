// GET /hub/exports.csv?from=&to=&format=&kind=: a period's sales documents or card refunds as the
// CSV Xero, QuickBooks Online or a spreadsheet imports (docs/decisions/038). A resource route
// (loader only), so the file is never rendered as a page. Bad input is a 400 that says what to fix.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildAccountingExport, parseExportQuery } from "~/services/accounting-export.server";
import { csvResponse } from "~/utils/download.server";
import { requireHub } from "~/utils/hub-guard.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const parsed = parseExportQuery(new URL(request.url).searchParams, hub.timeZone);
  if (!parsed.ok)
    throw new Response(parsed.error, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const file = await buildAccountingExport(hub, parsed.query);
  return csvResponse(file.csv, file.filename);
}
