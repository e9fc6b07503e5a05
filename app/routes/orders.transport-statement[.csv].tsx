// GET /orders/transport-statement.csv?from=YYYY-MM-DD&to=YYYY-MM-DD: a business buyer's transport
// emissions statement as a CSV file, headers and words in their language (the last full quarter when
// no dates are given). A resource route: never a page. Bad dates: 400 with the reasons; households: 403.
import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isBusinessBuyer, StatementPeriodSchema } from "~/domain/carbon/statement";
import { serverT } from "~/i18n/i18n.server";
import { getTransportStatementCsv } from "~/services/carbon-statement.server";
import { csvResponse } from "~/utils/download.server";
import { requireExactRole } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireExactRole(request, "BUYER");
  if (!isBusinessBuyer(user.buyerKind))
    throw new Response(serverT("messages")("transportStatement.businessOnly"), { status: 403 });
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: StatementPeriodSchema });
  if (submission.status !== "success") {
    const reasons = Object.values(submission.error ?? {}).flatMap((messages) => messages ?? []);
    throw new Response(reasons.join("\n"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const file = await getTransportStatementCsv({ buyer: user, period: submission.value });
  if (!file.ok) throw new Response(file.message, { status: file.status });
  return csvResponse(file.csv, file.filename);
}
