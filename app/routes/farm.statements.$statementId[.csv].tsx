// GET /farm/statements/:statementId.csv: one statement of the farmer's own farm as a CSV file (its
// lines, then gross, commission and net). Another farm's statement is not found (404).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { serverT } from "~/i18n/i18n.server";
import { getOwnStatementCsv } from "~/services/statement.server";
import { csvResponse } from "~/utils/download.server";
import { requireRole } from "~/utils/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const file = await getOwnStatementCsv({ ownerId: user.id, statementId: params.statementId ?? "" });
  if (!file) throw new Response(serverT("farmer")("statement.notFound"), { status: 404 });
  return csvResponse(file.csv, file.filename);
}
