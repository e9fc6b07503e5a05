// GET /orders/transport-statement?from=YYYY-MM-DD&to=YYYY-MM-DD: a business buyer's transport
// emissions statement (GHG Protocol Scope 3, category 4) for a period — the last full calendar
// quarter by default — on screen and printable (print CSS: no menu, no form, no buttons), with the
// same figures as a CSV download (orders.transport-statement[.csv].tsx). Households: 403.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { ErrorList, Field } from "~/components/ui/field";
import { EmptyState, PageHeader, Stat } from "~/components/ui/page";
import { TableWrap } from "~/components/ui/table-wrap";
import {
  isBusinessBuyer,
  StatementPeriodSchema,
  type StatementLine,
  type StatementTotals,
} from "~/domain/carbon/statement";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { factorsTexts, figureText, methodText, qualityTexts } from "~/i18n/statement-text";
import { storedReasonText } from "~/i18n/stored-reasons";
import { getTransportStatement } from "~/services/carbon-statement.server";
import orderingCss from "~/styles/ordering.css";
import { requireExactRole } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: orderingCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "buyer")("transportStatement.metaTitle") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireExactRole(request, "BUYER");
  if (!isBusinessBuyer(user.buyerKind))
    throw new Response(serverT("messages")("transportStatement.businessOnly"), { status: 403 });
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: StatementPeriodSchema });
  const buyer = { name: user.name, email: user.email, distanceUnit: user.distanceUnit };
  if (submission.status !== "success") {
    return json({ result: submission.reply(), buyer, statement: null }, { status: 400 });
  }
  const found = await getTransportStatement({ buyer: user, period: submission.value });
  if (!found.ok) throw new Response(found.message, { status: found.status });
  return json({
    result: null,
    buyer,
    statement: { ...found.statement, timeZone: found.timeZone, generatedAt: found.generatedAt.toISOString() },
  });
}

/** A calendar day "YYYY-MM-DD" written the reader's way (noon UTC: the same day everywhere). */
const dayValue = (date: string) => `${date}T12:00:00Z`;

export default function TransportStatementPage() {
  const { result, buyer, statement } = useLoaderData<typeof loader>();
  const { t } = useTranslation("buyer");
  const format = useFormat();
  const day = (date: string) => format.date(dayValue(date), "UTC");
  const query = statement ? `?from=${statement.period.from}&to=${statement.period.to}` : "";
  const number = (value: number) => format.number(value, { maximumFractionDigits: 5 });

  return (
    <article className="statement" aria-labelledby="statement-title">
      <PageHeader
        title={<span id="statement-title">{t("transportStatement.title")}</span>}
        description={t("transportStatement.scope")}
        breadcrumbs={[{ to: "/orders", label: t("common:nav.myOrders") }]}
        actions={
          statement ? (
            <>
              <button type="button" className="btn btn-primary" onClick={() => window.print()}>
                {t("transportStatement.print")}
              </button>
              <a className="btn btn-secondary" href={`/orders/transport-statement.csv${query}`} download>
                {t("transportStatement.downloadCsv")}
              </a>
            </>
          ) : null
        }
      />

      <PeriodForm
        key={statement ? `${statement.period.from}/${statement.period.to}` : "invalid"}
        result={result}
        period={statement?.period ?? null}
      />

      {statement ? (
        <>
          <div className="statement-head">
            <p>
              <Trans
                t={t}
                i18nKey="transportStatement.buyer"
                values={{ name: buyer.name, email: buyer.email }}
                components={{ strong: <strong /> }}
              />
            </p>
            <p>
              <strong>
                {t("transportStatement.period", { from: day(statement.period.from), to: day(statement.period.to) })}
              </strong>
            </p>
            <p className="small muted">
              {t("transportStatement.generated", { date: format.date(statement.generatedAt, statement.timeZone) })}
            </p>
          </div>

          {statement.lines.length === 0 ? (
            <EmptyState title={t("transportStatement.empty.title")}>{t("transportStatement.empty.body")}</EmptyState>
          ) : (
            <>
              <dl className="stats">
                <Stat
                  label={t("transportStatement.stats.total")}
                  value={format.co2e(statement.totals.co2eGrams)}
                  hint={t("transportStatement.stats.orders", { count: statement.totals.orders })}
                />
                <Stat
                  label={t("transportStatement.stats.allocated")}
                  value={format.co2e(statement.totals.allocatedCo2eGrams)}
                  hint={t("transportStatement.stats.orders", { count: statement.totals.allocatedOrders })}
                />
                <Stat
                  label={t("transportStatement.stats.estimated")}
                  value={format.co2e(statement.totals.estimatedCo2eGrams)}
                  hint={t("transportStatement.stats.orders", { count: statement.totals.estimatedOrders })}
                />
                <Stat
                  label={t("transportStatement.stats.goods")}
                  value={format.weight(statement.totals.grams)}
                  hint={
                    statement.totals.grams > 0
                      ? t("transportStatement.stats.perKg", {
                          co2e: format.co2e(Math.round((statement.totals.co2eGrams * 1000) / statement.totals.grams)),
                        })
                      : undefined
                  }
                />
              </dl>
              <StatementTable
                lines={statement.lines}
                totals={statement.totals}
                day={day}
                number={number}
                unit={buyer.distanceUnit}
              />
            </>
          )}

          <section className="statement-notes" aria-labelledby="statement-notes-title">
            <h2 id="statement-notes-title">{t("transportStatement.notesTitle")}</h2>
            <p>{t("messages:transportStatement.notes.scope")}</p>
            <p>{t("messages:transportStatement.notes.method")}</p>
            <p>{t("messages:transportStatement.notes.estimates")}</p>
            <p>{t("messages:transportStatement.notes.distances")}</p>
            <p>{t("messages:transportStatement.notes.quality")}</p>
            <p>{t("messages:transportStatement.notes.excluded")}</p>
            {statement.factorSets.length > 0 ? (
              <>
                <h3>{t("transportStatement.factorSets")}</h3>
                <ul>
                  {statement.factorSets.map((set) => (
                    <li key={set.id}>
                      <Trans
                        t={t}
                        i18nKey="transportStatement.factorSet"
                        values={{ id: set.id, label: set.label, source: set.source, licence: set.licence }}
                        components={{ strong: <strong /> }}
                      />{" "}
                      {t("transportStatement.uplift", { uplift: format.number(set.refrigeratedVanUplift) })}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <p className="no-print">
              <Trans t={t} i18nKey="transportStatement.methodPage" components={{ carbon: <a href="/carbon" /> }} />
            </p>
          </section>
          <p className="no-print">
            <Link to="/orders">{t("transportStatement.back")}</Link>
          </p>
        </>
      ) : null}
    </article>
  );
}

/** The period's two dates (GET: the statement's address can be bookmarked and shared). */
function PeriodForm({
  result,
  period,
}: {
  result: ReturnType<typeof useLoaderData<typeof loader>>["result"];
  period: { from: string; to: string } | null;
}) {
  const { t } = useTranslation("buyer");
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && navigation.location.pathname === "/orders/transport-statement";
  const [form, fields] = useForm({
    lastResult: result,
    constraint: getZodConstraint(StatementPeriodSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StatementPeriodSchema }),
    defaultValue: period ?? undefined,
  });
  return (
    <Form method="get" className="form statement-period no-print" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={form.errors} />
      <div className="statement-period-fields">
        <Field meta={fields.from} label={t("transportStatement.form.from")} type="date" />
        <Field meta={fields.to} label={t("transportStatement.form.to")} type="date" />
        <button type="submit" className="btn btn-secondary" aria-disabled={loading || undefined}>
          {loading ? (
            <>
              <span className="spinner" aria-hidden="true" /> {t("transportStatement.form.pending")}
            </>
          ) : (
            t("transportStatement.form.submit")
          )}
        </button>
      </div>
      <p className="field-hint">{t("transportStatement.form.hint")}</p>
    </Form>
  );
}

function StatementTable({
  lines,
  totals,
  day,
  number,
  unit,
}: {
  lines: StatementLine[];
  totals: StatementTotals;
  day: (date: string) => string;
  number: (value: number) => string;
  unit: "KM" | "MI";
}) {
  const { t } = useTranslation("buyer");
  const format = useFormat();
  return (
    <TableWrap>
      <table className="statement-table">
        <caption className="visually-hidden">{t("transportStatement.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("transportStatement.columns.order")}</th>
            <th scope="col">{t("transportStatement.columns.delivery")}</th>
            <th scope="col">{t("transportStatement.columns.figure")}</th>
            <th scope="col" className="num">
              {t("transportStatement.columns.co2e")}
            </th>
            <th scope="col" className="num">
              {t("transportStatement.columns.foodDistance")}
            </th>
            <th scope="col">{t("transportStatement.columns.method")}</th>
            <th scope="col">{t("transportStatement.columns.factors")}</th>
            <th scope="col">{t("transportStatement.columns.quality")}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => {
            const quality = qualityTexts(line, t);
            const factors = factorsTexts(line, t, number);
            return (
              <tr key={line.orderId} data-figure={line.figure}>
                <th scope="row">
                  <Link to={`/orders/${line.orderId}`}>{t("orders.number", { number: line.number })}</Link>
                  <div className="small muted">{line.hubName}</div>
                </th>
                <td>{day(line.deliveryDate)}</td>
                <td>
                  <span
                    className={`badge${line.figure === "ALLOCATED" ? "" : line.figure === "ESTIMATE" ? " badge-warning" : " badge-neutral"}`}
                  >
                    {figureText(line, t)}
                  </span>
                </td>
                <td className="num">
                  {line.co2eGrams === null ? "—" : format.co2e(line.co2eGrams)}
                  {line.farmToHubCo2eGrams !== null ? (
                    <div className="small muted statement-leg">
                      {t("transportStatement.legFarmToHub", { co2e: format.co2e(line.farmToHubCo2eGrams) })}
                    </div>
                  ) : null}
                  {line.hubToBuyerCo2eGrams !== null && line.fulfilment === "DELIVERY" ? (
                    <div className="small muted statement-leg">
                      {t("transportStatement.legHubToBuyer", { co2e: format.co2e(line.hubToBuyerCo2eGrams) })}
                    </div>
                  ) : null}
                </td>
                <td className="num">{line.foodMetres === null ? "—" : format.distance(line.foodMetres, unit)}</td>
                <td className="small">
                  {methodText(line, t)}
                  {line.methodVersion ? <div className="muted">{line.methodVersion}</div> : null}
                </td>
                <td className="small">
                  {factors.length === 0 ? (
                    "—"
                  ) : (
                    <ul className="statement-factors">
                      {factors.map((text) => (
                        <li key={text}>{text}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="small">
                  {quality.level}
                  {[...quality.details, ...(line.reason ? [storedReasonText(line.reason, t)] : [])].map((text) => (
                    <div key={text} className="muted">
                      {text}
                    </div>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("transportStatement.total")}</th>
            <td>{t("transportStatement.totalOrders", { count: totals.orders })}</td>
            <td />
            <td className="num">
              <strong>{format.co2e(totals.co2eGrams)}</strong>
            </td>
            <td colSpan={4} />
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}
