// Aggregated views of a cycle, built from the declarations in domain/aggregation.
import { buildCycleReport, CYCLE_REPORTS, type CycleReportId } from "~/domain/aggregation";
import { reportToCsv } from "~/domain/aggregation/csv";
import { message } from "~/domain/message";
import { getCycleLines } from "~/models/aggregation.server";

export async function getCycleReports({ hubId, cycleId, farmId }: { hubId: string; cycleId: string; farmId?: string }) {
  const lines = await getCycleLines({ hubId, cycleId, farmId });
  return Object.fromEntries(CYCLE_REPORTS.map((id) => [id, buildCycleReport(id, lines)])) as Record<
    CycleReportId,
    ReturnType<typeof buildCycleReport>
  >;
}

export async function getCycleReportCsv({
  hubId,
  cycleId,
  report,
}: {
  hubId: string;
  cycleId: string;
  report: CycleReportId;
}) {
  const lines = await getCycleLines({ hubId, cycleId });
  const built = buildCycleReport(report, lines);
  const groupLabel = report === "by-buyer" ? "order" : report === "totals" ? "section" : "farm";
  // The headers in the language of the person downloading (the request's).
  return reportToCsv(built, { groupLabel: message(`messages:reports.groups.${groupLabel}`) });
}
