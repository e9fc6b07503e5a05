import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { ReportTable } from "~/components/report-table";
import { Button } from "~/components/ui/button";
import { PageHeader } from "~/components/ui/page";
import { CYCLE_REPORT_TITLES, CYCLE_REPORTS, isCycleReportId } from "~/domain/aggregation";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { findCycleForHub } from "~/models/hub.server";
import { getCycleReports } from "~/services/aggregation.server";
import { requireHub } from "~/utils/hub-guard.server";
import coordinatorCss from "~/styles/coordinator.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "hub")("reports.aggregate.metaTitle") }];

function csvHref(cycleId: string, view: string, hubId: string | null) {
  const query = new URLSearchParams({ view });
  if (hubId) query.set("hub", hubId);
  return `/hub/cycles/${cycleId}/aggregate.csv?${query}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const cycle = await findCycleForHub({ hubId: hub.id, cycleId: params.cycleId ?? "" });
  if (!cycle) throw new Response(serverT("hub")("reports.cycleNotFound"), { status: 404 });
  const url = new URL(request.url);
  const view = url.searchParams.get("view") ?? "by-farm";
  if (!isCycleReportId(view)) throw new Response(serverT("hub")("reports.aggregate.unknownReport"), { status: 404 });
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
  const { t } = useTranslation("hub");
  const format = useFormat();
  const all = totals.groups[0]?.rows[0];
  const kg = (grams: number) =>
    t("reports.aggregate.kg", { value: format.number(grams / 1000, { maximumFractionDigits: 1 }) });
  const delivery = format.date(cycle.deliveryDate, timeZone);
  return (
    <>
      <PageHeader
        title={t("reports.aggregate.title", { report: report.title, cycle: cycle.name })}
        description={t("reports.aggregate.description", { description: report.description, date: delivery })}
        breadcrumbs={[
          { to: "/hub/cycles", label: t("common:nav.cycles") },
          { to: `/hub/cycles/${cycle.id}`, label: cycle.name },
        ]}
        actions={
          <>
            <a className="btn btn-secondary" href={csvHref} download>
              {t("reports.downloadCsv")}
            </a>
            <Button variant="secondary" onClick={() => window.print()}>
              {t("common:actions.print")}
            </Button>
          </>
        }
      />
      {all ? (
        <dl className="stats no-print">
          <div className="stat">
            <dt>{t("reports.aggregate.orders")}</dt>
            <dd>
              <span className="stat-value">{format.number(Number(all[1]))}</span>
            </dd>
          </div>
          <div className="stat">
            <dt>{t("reports.aggregate.weight")}</dt>
            <dd>
              <span className="stat-value">{kg(Number(all[2]))}</span>
            </dd>
          </div>
          <div className="stat">
            <dt>{t("reports.chilled")}</dt>
            <dd>
              <span className="stat-value">{kg(Number(all[3]))}</span>
            </dd>
          </div>
        </dl>
      ) : null}
      <nav aria-label={t("reports.aggregate.tabs")}>
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
        <Trans
          t={t}
          i18nKey="reports.aggregate.printHeading"
          values={{ cycle: cycle.name, report: report.title, date: delivery }}
          components={{ strong: <strong /> }}
        />
      </p>
      <ReportTable report={report} />
    </>
  );
}
