import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  json,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  MaxPartSizeExceededError,
} from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { Trans, useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { SubmitButton } from "~/components/ui/button";
import { Alert, Card, PageHeader } from "~/components/ui/page";
import { CATEGORY_LABELS, UNIT_SYMBOLS } from "~/domain/catalogue";
import { CSV_COLUMNS, MAX_IMPORT_ROWS } from "~/domain/catalogue-columns";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { importProductsCsv, MAX_CSV_BYTES, previewProductsCsv } from "~/services/product-import.server";
import { requireOwnFarm } from "~/utils/farm-guard.server";
import discoveryCss from "~/styles/discovery.css";
import { redirectWithToast, requireRole } from "~/utils/session.server";
import { TableWrap } from "~/components/ui/table-wrap";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: discoveryCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "farmer")("import.metaTitle") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  await requireOwnFarm(user.id);
  return json({});
}

type ImportActionData = {
  message: string;
  errors: Array<{ row: number; field: string; message: string }>;
  rowCount: number;
  /** A checked file, not yet imported: what importing it would do, and its text to confirm with. */
  preview?: { created: number; updated: number; unchanged: number; csv: string; readAs: string };
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const farm = await requireOwnFarm(user.id);
  const t = serverT("farmer");
  let text: string | null = null;
  let intent = "preview";
  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    try {
      const form = await unstable_parseMultipartFormData(
        request,
        unstable_createMemoryUploadHandler({
          maxPartSize: MAX_CSV_BYTES,
          filter: ({ name }) => name === "file" || name === "csv" || name === "intent",
        }),
      );
      const file = form.get("file");
      if (file instanceof File && file.size > 0) text = await file.text();
      const confirmed = form.get("csv");
      if (!text && typeof confirmed === "string" && confirmed.trim()) text = confirmed;
      if (form.get("intent") === "import") intent = "import";
    } catch (error) {
      const message = error instanceof MaxPartSizeExceededError ? t("import.tooLarge") : t("import.unreadable");
      return json<ImportActionData>({ message, errors: [], rowCount: 0 }, { status: 400 });
    }
  } else {
    const form = await request.formData();
    const pasted = form.get("csv");
    if (typeof pasted === "string" && pasted.trim()) text = pasted;
    if (form.get("intent") === "import") intent = "import";
  }
  if (!text) return json<ImportActionData>({ message: t("import.noFile"), errors: [], rowCount: 0 }, { status: 400 });
  const result =
    intent === "import"
      ? await importProductsCsv({ farmId: farm.id, text })
      : await previewProductsCsv({ farmId: farm.id, text });
  if (!result.ok) {
    return json<ImportActionData>(
      {
        message: t("import.failed", { count: result.errors.length, readAs: result.readAs }),
        errors: result.errors,
        rowCount: result.rowCount,
      },
      { status: 400 },
    );
  }
  if (intent === "preview") {
    return json<ImportActionData>({
      message: t("import.wouldAdd", counts(result)),
      errors: [],
      rowCount: result.created + result.updated + result.unchanged,
      preview: {
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
        csv: text,
        readAs: result.readAs,
      },
    });
  }
  return redirectWithToast(request, "/farm/products", t("import.imported", counts(result)));
}

const counts = ({ created, updated, unchanged }: { created: number; updated: number; unchanged: number }) => ({
  created,
  updated,
  unchanged,
});

// The values a file may use: words of the file format, the same in every language.
const categoryValues = Object.values(CATEGORY_LABELS).join(", ").toLowerCase();
const unitValues = Object.values(UNIT_SYMBOLS).join(", ");

export default function ImportPage() {
  const data = useActionData<typeof action>();
  const summaryRef = useRef<HTMLDivElement>(null);
  const { t } = useTranslation("farmer");
  const format = useFormat();
  useEffect(() => {
    if (data) summaryRef.current?.focus();
  }, [data]);
  return (
    <>
      <PageHeader
        title={t("import.title")}
        description={t("import.description")}
        breadcrumbs={[
          { to: "/farm", label: t("common:nav.myFarm") },
          { to: "/farm/products", label: t("common:nav.products") },
        ]}
      />
      <div ref={summaryRef} tabIndex={-1}>
        {data?.preview ? (
          <Card title={t("import.preview.title")}>
            <p>
              <Trans
                t={t}
                i18nKey="import.preview.summary"
                values={{
                  created: format.number(data.preview.created),
                  updated: format.number(data.preview.updated),
                  unchanged: format.number(data.preview.unchanged),
                  readAs: data.preview.readAs,
                }}
                components={{ strong: <strong /> }}
              />
            </p>
            <Form method="post" encType="multipart/form-data" className="row">
              <textarea name="csv" defaultValue={data.preview.csv} hidden readOnly aria-hidden="true" tabIndex={-1} />
              <SubmitButton
                name="intent"
                value="import"
                pendingText={t("import.preview.importing")}
                disabled={data.preview.created + data.preview.updated === 0}
              >
                {data.preview.created + data.preview.updated === 0
                  ? t("import.preview.nothing")
                  : t("import.preview.import")}
              </SubmitButton>
            </Form>
          </Card>
        ) : data ? (
          <Alert tone="error">
            <strong>{data.message}</strong>
          </Alert>
        ) : null}
        {data?.errors.length ? (
          <TableWrap className="csv-errors" style={{ marginBottom: "1.25rem" }}>
            <table>
              <caption className="visually-hidden">{t("import.problems.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t("import.problems.row")}
                  </th>
                  <th scope="col">{t("import.problems.column")}</th>
                  <th scope="col">{t("import.problems.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {data.errors.map((error, index) => (
                  <tr key={index}>
                    <td className="num">{error.row}</td>
                    <td>
                      <code>{error.field}</code>
                    </td>
                    <td>{error.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : null}
      </div>
      <div className="grid grid-2" style={{ alignItems: "start" }}>
        <Card title={t("import.template.title")}>
          <p>
            <a href="/farm/products/template.csv" className="btn btn-secondary" download>
              {t("import.template.download")}
            </a>
          </p>
          <p className="small muted">{t("import.template.body", { max: MAX_IMPORT_ROWS })}</p>
          <details>
            <summary>{t("import.columns.title")}</summary>
            <ul className="small">
              <li>
                <Trans t={t} i18nKey="import.columns.required" values={CSV_COLUMNS} components={{ code: <code /> }} />
              </li>
              <li>{t("import.columns.categories", { list: categoryValues })}</li>
              <li>{t("import.columns.units", { list: unitValues })}</li>
              <li>
                <Trans t={t} i18nKey="import.columns.prices" values={CSV_COLUMNS} components={{ code: <code /> }} />
              </li>
              <li>
                <Trans t={t} i18nKey="import.columns.wholesale" values={CSV_COLUMNS} components={{ code: <code /> }} />
              </li>
              <li>
                <Trans t={t} i18nKey="import.columns.dates" values={CSV_COLUMNS} components={{ code: <code /> }} />
              </li>
            </ul>
          </details>
        </Card>
        <Card title={t("import.upload.title")}>
          <Form method="post" encType="multipart/form-data" className="form">
            <div className="field">
              <label htmlFor="csv-file">{t("import.upload.label")}</label>
              <input
                id="csv-file"
                name="file"
                type="file"
                accept=".csv,text/csv"
                required
                aria-describedby="csv-file-hint"
              />
              <p className="field-hint" id="csv-file-hint">
                {t("import.upload.hint")}
              </p>
            </div>
            <SubmitButton name="intent" value="preview" pendingText={t("import.upload.checking")}>
              {t("import.upload.check")}
            </SubmitButton>
          </Form>
        </Card>
      </div>
    </>
  );
}
