import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { ReportTable } from "~/components/report-table";
import { Alert, Card, EmptyState, PageHeader } from "~/components/ui/page";
import { TableWrap } from "~/components/ui/table-wrap";
import { CAVEATS } from "~/domain/carbon/method";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { findCycleForHub } from "~/models/hub.server";
import { getCarbonReport } from "~/services/carbon-report.server";
import { requireHub } from "~/utils/hub-guard.server";
import coordinatorCss from "~/styles/coordinator.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "hub")("reports.carbon.metaTitle") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const cycle = await findCycleForHub({ hubId: hub.id, cycleId: params.cycleId ?? "" });
  if (!cycle) throw new Response(serverT("hub")("reports.cycleNotFound"), { status: 404 });
  // Old links to the CSV went to this page; the file now comes from a resource route.
  if (new URL(request.url).searchParams.get("format") === "csv") throw redirect(`/hub/cycles/${cycle.id}/carbon.csv`);
  return json({
    cycle: { id: cycle.id, name: cycle.name },
    report: await getCarbonReport({ hubId: hub.id, cycleId: cycle.id }),
  });
}

export default function CarbonReportPage() {
  const { cycle, report } = useLoaderData<typeof loader>();
  const { t } = useTranslation("hub");
  const format = useFormat();
  return (
    <>
      <PageHeader
        title={t("reports.carbon.title", { cycle: cycle.name })}
        breadcrumbs={[{ to: `/hub/cycles/${cycle.id}`, label: cycle.name }]}
        actions={
          report ? (
            <a className="btn btn-secondary" href={`/hub/cycles/${cycle.id}/carbon.csv`} download>
              {t("reports.downloadCsv")}
            </a>
          ) : null
        }
      />
      {!report ? (
        <EmptyState
          title={t("reports.carbon.noRoutes")}
          action={
            <Link className="btn btn-primary" to={`/hub/cycles/${cycle.id}/plan`}>
              {t("reports.carbon.planRoutes")}
            </Link>
          }
        />
      ) : (
        <>
          <dl className="stats">
            <div className="stat">
              <dt>{t("reports.carbon.hubRoutes")}</dt>
              <dd>
                <span className="stat-value">{format.co2e(report.totals.co2eGrams)}</span>
                <span className="stat-hint">
                  {report.totals.ordersCo2eGrams > report.totals.co2eGrams
                    ? t("reports.carbon.hubRoutesHintWithFarmTrips", {
                        amount: format.co2e(report.totals.ordersCo2eGrams - report.totals.co2eGrams),
                      })
                    : t("reports.carbon.hubRoutesHint")}
                </span>
                {report.totals.refrigerationCo2eGrams ? (
                  <span className="stat-hint">
                    {t("reports.carbon.refrigerationHint", {
                      amount: format.co2e(report.totals.refrigerationCo2eGrams),
                    })}
                  </span>
                ) : null}
              </dd>
            </div>
            <div className="stat">
              <dt>{t("reports.carbon.perOrder")}</dt>
              <dd>
                <span className="stat-value">{format.co2e(report.totals.perOrderGrams)}</span>
                <span className="stat-hint">{t("reports.carbon.orders", { count: report.totals.orders })}</span>
              </dd>
            </div>
            <div className="stat">
              <dt>{t("reports.carbon.perKg")}</dt>
              <dd>
                <span className="stat-value">{format.co2e(report.totals.perKgGrams)}</span>
              </dd>
            </div>
            <div className="stat">
              <dt>{t("reports.carbon.baseline")}</dt>
              <dd>
                <span className="stat-value">{format.co2e(report.totals.baselineGrams)}</span>
                <span className="stat-hint">{t("reports.carbon.baselineHint")}</span>
              </dd>
            </div>
          </dl>
          <Alert tone="info">{CAVEATS.TRANSPORT_ONLY.text}</Alert>
          {report.notes.length > 0 ? (
            <Alert tone="warning">
              <ul>
                {report.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </Alert>
          ) : null}
          <Card title={t("reports.carbon.byRoute")}>
            <p className="small muted">{t("reports.carbon.byRouteIntro")}</p>
            <ReportTable report={report.byRoute} />
          </Card>
          <Card title={t("reports.carbon.byVehicleType")}>
            <ReportTable report={report.byVehicleType} />
          </Card>
          <Card title={t("reports.carbon.byOrder")}>
            <p className="small muted">{t("reports.carbon.byOrderIntro")}</p>
            <ReportTable report={report.byOrder} />
          </Card>
          <Card title={t("reports.carbon.byFarm")}>
            <p className="small muted">{t("reports.carbon.byFarmIntro")}</p>
            <ReportTable report={report.byFarm} />
            {report.byFarm.rowCount > 0 ? (
              <p className="small muted" data-testid="farm-reconciliation">
                {t("reports.carbon.farmReconciliation", {
                  farms: format.co2e(report.farmTotals.farmToHubCo2eGrams),
                  noFarm: format.co2e(report.farmCycle.collectionAtNoFarmCo2eGrams),
                  delivery: format.co2e(report.farmCycle.deliveryRoutesCo2eGrams),
                  total: format.co2e(report.farmCycle.totalCo2eGrams),
                })}
              </p>
            ) : null}
          </Card>
          <Card title={t("reports.carbon.byCycle")}>
            {report.comparison.previousCycles === 0 ? (
              <p className="muted" role="status">
                {t("reports.carbon.noPreviousCycles")}
              </p>
            ) : (
              <p className="small muted">
                {t("reports.carbon.byCycleIntro", { count: report.comparison.previousCycles })}
              </p>
            )}
            <CycleComparison comparison={report.comparison} columns={report.byCycle.columns} />
          </Card>
          <p className="small muted">
            <Trans
              t={t}
              i18nKey="reports.carbon.method"
              values={{ method: report.methodVersion ?? "—", factors: report.factorSet ?? "—" }}
              components={{ carbon: <a href="/carbon" /> }}
            />
          </p>
        </>
      )}
    </>
  );
}

type Report = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["report"]>;

/** This cycle and the previous planned ones; headers are the report's own (as in its CSV). */
function CycleComparison({
  comparison,
  columns,
}: {
  comparison: Report["comparison"];
  columns: Report["byCycle"]["columns"];
}) {
  const { t } = useTranslation("hub");
  const format = useFormat();
  const label: Record<string, string> = Object.fromEntries(columns.map((c) => [c.key, c.label]));
  return (
    <TableWrap>
      <table>
        <caption className="visually-hidden">{t("reports.carbon.byCycle")}</caption>
        <thead>
          <tr>
            <th scope="col">{label.cycle}</th>
            <th scope="col">{label.delivery}</th>
            <th scope="col" className="num">
              {label.orders}
            </th>
            <th scope="col" className="num">
              {label.delivered}
            </th>
            <th scope="col" className="num">
              {label.co2e}
            </th>
            <th scope="col" className="num">
              {label.perKg}
            </th>
            <th scope="col" className="num">
              {label.foodKm}
            </th>
          </tr>
        </thead>
        <tbody>
          {comparison.rows.map((row) => (
            <tr key={row.cycleId} className={row.current ? "report-current-row" : undefined}>
              <th scope="row">
                {row.current ? (
                  <>
                    {row.name} <span className="badge">{t("reports.carbon.thisCycle")}</span>
                  </>
                ) : (
                  <Link to={`/hub/cycles/${row.cycleId}/carbon`}>{row.name}</Link>
                )}
              </th>
              <td>{format.date(row.deliveryDate, comparison.timeZone)}</td>
              <td className="num">{format.number(row.orders)}</td>
              <td className="num">{format.weight(row.deliveredGrams)}</td>
              <td className="num">{format.co2e(row.totalCo2eGrams)}</td>
              <td className="num">{row.co2eGramsPerKg === null ? "—" : format.number(row.co2eGramsPerKg)}</td>
              <td className="num">
                {row.foodMetresPerOrder === null
                  ? "—"
                  : format.number(row.foodMetresPerOrder / 1000, { maximumFractionDigits: 1 })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
