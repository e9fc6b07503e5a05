// The coordinator's accounting exports (docs/decisions/038): choose a period, a format (Xero,
// QuickBooks Online, plain CSV) and the documents; the page says what the period holds and links
// the file (hub.exports[.csv].tsx), which is the header row alone when the period has nothing.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { Alert, Card, PageHeader } from "~/components/ui/page";
import { metaT } from "~/i18n/i18n";
import { parseExportQuery, summariseExport } from "~/services/accounting-export.server";
import coordinatorCss from "~/styles/coordinator.css";
import { requireHub } from "~/utils/hub-guard.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "hub")("exports.metaTitle") }];

const FORMATS = ["xero", "quickbooks", "plain"] as const;
const KINDS = ["sales", "refunds"] as const;
const SALES_STATS = ["invoices", "creditNotes", "debitNotes"] as const;
const REFUND_STATS = ["refunds"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const url = new URL(request.url);
  const parsed = parseExportQuery(url.searchParams, hub.timeZone);
  const raw = (name: string) => url.searchParams.get(name);
  if (!parsed.ok) {
    return json(
      {
        values: { from: raw("from") ?? "", to: raw("to") ?? "", format: raw("format") ?? "", kind: raw("kind") ?? "" },
        error: { message: parsed.error, field: parsed.field },
        summary: null,
        download: null,
        hubParam: raw("hub"),
      },
      { status: 400, headers: { "Cache-Control": "no-store" } },
    );
  }
  const summary = await summariseExport(hub, parsed.query);
  const query = new URLSearchParams({ ...parsed.query });
  // An admin acting for a hub keeps it on the download.
  if (raw("hub")) query.set("hub", raw("hub")!);
  return json(
    {
      values: parsed.query,
      error: null,
      summary,
      download: `/hub/exports.csv?${query.toString()}`,
      hubParam: raw("hub"),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function HubExports() {
  const { values, error, summary, download, hubParam } = useLoaderData<typeof loader>();
  const { t } = useTranslation("hub");
  const format = useFormat();
  const navigation = useNavigation();
  const pending = navigation.state !== "idle" && navigation.location?.pathname === "/hub/exports";
  const errorFor = (field: string) =>
    error && (error.field === field || (!error.field && field === "from")) ? error.message : null;
  const found = summary
    ? values.kind === "refunds"
      ? summary.refunds
      : summary.invoices + summary.creditNotes + summary.debitNotes
    : 0;
  const fields = [
    { name: "from", label: t("exports.form.from"), type: "date" },
    { name: "to", label: t("exports.form.to"), type: "date" },
  ] as const;
  return (
    <>
      <PageHeader
        title={t("exports.title")}
        description={t("exports.description")}
        breadcrumbs={[{ to: "/hub", label: t("common:nav.hub") }]}
      />
      <Card>
        <Form method="get" className="stack">
          {/* An admin acting for a hub stays on it. */}
          {hubParam ? <input type="hidden" name="hub" value={hubParam} /> : null}
          {error ? (
            <div id="exports-error">
              <Alert tone="error">{error.message}</Alert>
            </div>
          ) : null}
          <div className="row" style={{ flexWrap: "wrap", alignItems: "flex-end" }}>
            {fields.map((f) => (
              <div className="field" key={f.name}>
                <label htmlFor={`export-${f.name}`}>{f.label}</label>
                <input
                  id={`export-${f.name}`}
                  name={f.name}
                  type={f.type}
                  className="input"
                  required
                  defaultValue={values[f.name]}
                  aria-invalid={errorFor(f.name) ? true : undefined}
                  aria-describedby={errorFor(f.name) ? "exports-error" : undefined}
                />
              </div>
            ))}
            <div className="field">
              <label htmlFor="export-format">{t("exports.form.format")}</label>
              <select
                id="export-format"
                name="format"
                className="input"
                defaultValue={values.format}
                aria-invalid={errorFor("format") ? true : undefined}
                aria-describedby={errorFor("format") ? "exports-error" : undefined}
              >
                {FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {t(`exports.formats.${f}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="export-kind">{t("exports.form.kind")}</label>
              <select
                id="export-kind"
                name="kind"
                className="input"
                defaultValue={values.kind}
                aria-invalid={errorFor("kind") ? true : undefined}
                aria-describedby={errorFor("kind") ? "exports-error" : undefined}
              >
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`exports.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn btn-secondary" aria-disabled={pending || undefined}>
              {pending ? t("exports.form.showing") : t("exports.form.show")}
            </button>
          </div>
        </Form>
      </Card>
      {summary && download ? (
        <Card
          title={t("exports.result.title", {
            from: format.date(values.from, "UTC"),
            to: format.date(values.to, "UTC"),
          })}
        >
          <div role="status">
            {found === 0 ? (
              <p>{t("exports.result.nothing")}</p>
            ) : (
              <dl className="stats">
                {(values.kind === "refunds" ? REFUND_STATS : SALES_STATS).map((key) => (
                  <div className="stat" key={key}>
                    <dt>{t(`exports.result.${key}`)}</dt>
                    <dd>
                      <span className="stat-value">{format.number(summary[key])}</span>
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </div>
          <p>
            <a className="btn btn-primary" href={download} download>
              {t("exports.download", { format: t(`exports.formats.${values.format}`) })}
            </a>
          </p>
          <p className="muted small">{t(`exports.notes.${values.format}`)}</p>
        </Card>
      ) : null}
    </>
  );
}
