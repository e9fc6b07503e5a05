import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ReportTable } from "~/components/report-table";
import { Button } from "~/components/ui/button";
import { PageHeader } from "~/components/ui/page";
import { CYCLE_REPORT_TITLES, CYCLE_REPORTS, isCycleReportId } from "~/domain/aggregation";
import { findCycleForHub } from "~/models/hub.server";
import { getCycleReports } from "~/services/aggregation.server";
import { requireHub } from "~/utils/hub-guard.server";
import coordinatorCss from "~/styles/coordinator.css";
import { formatDate } from "~/utils/format";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = () => [{ title: "Aggregated orders — Foodshed" }];

function csvHref(cycleId: string, view: string, hubId: string | null) {
  const query = new URLSearchParams({ view });
  if (hubId) query.set("hub", hubId);
  return `/hub/cycles/${cycleId}/aggregate.csv?${query}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const cycle = await findCycleForHub({ hubId: hub.id, cycleId: params.cycleId ?? "" });
  if (!cycle) throw new Response("Cycle not found", { status: 404 });
  const url = new URL(request.url);
  const view = url.searchParams.get("view") ?? "by-farm";
  if (!isCycleReportId(view)) throw new Response("Unknown report", { status: 404 });
  // Old links to the CSV went to this page; the file now comes from a resource route.
  if (url.searchParams.get("format") === "csv") throw redirect(csvHref(cycle.id, view, url.searchParams.get("hub")));
  const reports = await getCycleReports({ hubId: hub.id, cycleId: cycle.id });
  return json({
    cycle: { id: cycle.id, name: cycle.name, deliveryDate: cycle.deliveryDate },
    timeZone: hub.timeZone,
    view,
    csvHref: csvHref(cycle.id, view, url.searchParams.get("hub")),
    report: reports[view],
    totals: reports.totals,
  });
}

export default function AggregatePage() {
  const { cycle, view, report, totals, timeZone, csvHref } = useLoaderData<typeof loader>();
  const all = totals.groups[0]?.rows[0];
  return (
    <>
      <PageHeader
        title={`${report.title} — ${cycle.name}`}
        description={`${report.description} Delivery ${formatDate(cycle.deliveryDate, timeZone)}.`}
        breadcrumbs={[
          { to: "/hub/cycles", label: "Cycles" },
          { to: `/hub/cycles/${cycle.id}`, label: cycle.name },
        ]}
        actions={
          <>
            <a className="btn btn-secondary" href={csvHref} download>
              Download CSV
            </a>
            <Button variant="secondary" onClick={() => window.print()}>
              Print
            </Button>
          </>
        }
      />
      {all ? (
        <dl className="stats no-print">
          <div className="stat">
            <dt>Orders</dt>
            <dd>
              <span className="stat-value">{String(all[1])}</span>
            </dd>
          </div>
          <div className="stat">
            <dt>Weight</dt>
            <dd>
              <span className="stat-value">
                {(Number(all[2]) / 1000).toLocaleString("en-GB", { maximumFractionDigits: 1 })} kg
              </span>
            </dd>
          </div>
          <div className="stat">
            <dt>Chilled</dt>
            <dd>
              <span className="stat-value">
                {(Number(all[3]) / 1000).toLocaleString("en-GB", { maximumFractionDigits: 1 })} kg
              </span>
            </dd>
          </div>
        </dl>
      ) : null}
      <nav aria-label="Reports">
        <ul className="report-tabs">
          {CYCLE_REPORTS.map((id) => (
            <li key={id}>
              <Link to={`?view=${id}`} aria-current={id === view ? "page" : undefined} preventScrollReset>
                {CYCLE_REPORT_TITLES[id]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="print-only">
        <strong>{cycle.name}</strong> — {report.title} — delivery {formatDate(cycle.deliveryDate, timeZone)}
      </p>
      <ReportTable report={report} />
    </>
  );
}
