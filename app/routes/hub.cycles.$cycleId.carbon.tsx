import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ReportTable } from "~/components/report-table";
import { Alert, Card, EmptyState, PageHeader } from "~/components/ui/page";
import { CAVEATS } from "~/domain/carbon/method";
import { formatCo2e } from "~/domain/carbon/format";
import { findCycleForHub } from "~/models/hub.server";
import { getCarbonReport } from "~/services/carbon-report.server";
import { requireHub } from "~/utils/hub-guard.server";
import coordinatorCss from "~/styles/coordinator.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = () => [{ title: "Cycle carbon report — Foodshed" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const cycle = await findCycleForHub({ hubId: hub.id, cycleId: params.cycleId ?? "" });
  if (!cycle) throw new Response("Cycle not found", { status: 404 });
  // Old links to the CSV went to this page; the file now comes from a resource route.
  if (new URL(request.url).searchParams.get("format") === "csv") throw redirect(`/hub/cycles/${cycle.id}/carbon.csv`);
  return json({
    cycle: { id: cycle.id, name: cycle.name },
    report: await getCarbonReport({ hubId: hub.id, cycleId: cycle.id }),
  });
}

export default function CarbonReportPage() {
  const { cycle, report } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title={`Carbon — ${cycle.name}`}
        breadcrumbs={[{ to: `/hub/cycles/${cycle.id}`, label: cycle.name }]}
        actions={
          report ? (
            <a className="btn btn-secondary" href={`/hub/cycles/${cycle.id}/carbon.csv`} download>
              Download CSV
            </a>
          ) : null
        }
      />
      {!report ? (
        <EmptyState
          title="No routes planned yet"
          action={
            <Link className="btn btn-primary" to={`/hub/cycles/${cycle.id}/plan`}>
              Plan routes
            </Link>
          }
        />
      ) : (
        <>
          <dl className="stats">
            <div className="stat">
              <dt>Hub routes</dt>
              <dd>
                <span className="stat-value">{formatCo2e(report.totals.co2eGrams)}</span>
                <span className="stat-hint">
                  CO2e, well-to-wheel
                  {report.totals.ordersCo2eGrams > report.totals.co2eGrams
                    ? `; orders also carry ${formatCo2e(report.totals.ordersCo2eGrams - report.totals.co2eGrams)} of farms' own trips`
                    : ""}
                </span>
              </dd>
            </div>
            <div className="stat">
              <dt>Per order</dt>
              <dd>
                <span className="stat-value">{formatCo2e(report.totals.perOrderGrams)}</span>
                <span className="stat-hint">{report.totals.orders} orders</span>
              </dd>
            </div>
            <div className="stat">
              <dt>Per kg of food</dt>
              <dd>
                <span className="stat-value">{formatCo2e(report.totals.perKgGrams)}</span>
              </dd>
            </div>
            <div className="stat">
              <dt>Baseline</dt>
              <dd>
                <span className="stat-value">{formatCo2e(report.totals.baselineGrams)}</span>
                <span className="stat-hint">same food, conventional chain + car trips</span>
              </dd>
            </div>
          </dl>
          <Alert tone="info">{CAVEATS.TRANSPORT_ONLY.text}</Alert>
          <Card title="By route">
            <ReportTable report={report.byRoute} />
          </Card>
          <Card title="By vehicle type">
            <ReportTable report={report.byVehicleType} />
          </Card>
          <Card title="By order">
            <p className="small muted">
              Each order&apos;s share of the collection and delivery runs (and of its farms&apos; own trips to the hub,
              when they bring goods themselves), by weight × distance from the hub.
            </p>
            <ReportTable report={report.byOrder} />
          </Card>
          <p className="small muted">
            Method {report.methodVersion ?? "—"}, factors {report.factorSet ?? "—"}.{" "}
            <a href="/carbon">How we count carbon</a>.
          </p>
        </>
      )}
    </>
  );
}
