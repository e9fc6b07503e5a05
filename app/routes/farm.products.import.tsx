import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  json,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  MaxPartSizeExceededError,
} from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { SubmitButton } from "~/components/ui/button";
import { Alert, Card, PageHeader } from "~/components/ui/page";
import { CATEGORY_LABELS, UNIT_SYMBOLS } from "~/domain/catalogue";
import { CSV_COLUMNS, MAX_IMPORT_ROWS } from "~/domain/catalogue-columns";
import { describeImport, importProductsCsv, MAX_CSV_BYTES, previewProductsCsv } from "~/services/product-import.server";
import { requireOwnFarm } from "~/utils/farm-guard.server";
import discoveryCss from "~/styles/discovery.css";
import { redirectWithToast, requireRole } from "~/utils/session.server";
import { TableWrap } from "~/components/ui/table-wrap";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: discoveryCss }];
export const meta: MetaFunction = () => [{ title: "Import products — Foodshed" }];

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
      const message =
        error instanceof MaxPartSizeExceededError
          ? "The file is larger than 1 MB: split it into smaller files."
          : "The upload could not be read.";
      return json<ImportActionData>({ message, errors: [], rowCount: 0 }, { status: 400 });
    }
  } else {
    const form = await request.formData();
    const pasted = form.get("csv");
    if (typeof pasted === "string" && pasted.trim()) text = pasted;
    if (form.get("intent") === "import") intent = "import";
  }
  if (!text)
    return json<ImportActionData>(
      { message: "Choose a CSV file to import.", errors: [], rowCount: 0 },
      { status: 400 },
    );
  const result =
    intent === "import"
      ? await importProductsCsv({ farmId: farm.id, text })
      : await previewProductsCsv({ farmId: farm.id, text });
  if (!result.ok) {
    return json<ImportActionData>(
      {
        message: `Nothing was imported: fix the ${result.errors.length === 1 ? "problem" : `${result.errors.length} problems`} below and upload the file again. (The file was read as ${result.readAs}.)`,
        errors: result.errors,
        rowCount: result.rowCount,
      },
      { status: 400 },
    );
  }
  if (intent === "preview") {
    return json<ImportActionData>({
      message: `This file would add ${describeImport(result)} products.`,
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
  return redirectWithToast(request, "/farm/products", `Imported: ${describeImport(result)}.`);
}

export default function ImportPage() {
  const data = useActionData<typeof action>();
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (data) summaryRef.current?.focus();
  }, [data]);
  return (
    <>
      <PageHeader
        title="Import products from CSV"
        description="Add many products at once from a spreadsheet. Every row is checked first: nothing is imported unless all rows are valid."
        breadcrumbs={[
          { to: "/farm", label: "My farm" },
          { to: "/farm/products", label: "Products" },
        ]}
      />
      <div ref={summaryRef} tabIndex={-1}>
        {data?.preview ? (
          <Card title="Check, then import">
            <p>
              <strong>{data.preview.created}</strong> new, <strong>{data.preview.updated}</strong> updated,{" "}
              <strong>{data.preview.unchanged}</strong> unchanged (read as {data.preview.readAs}). Products are matched
              by their code, or else by name and unit; stock and prices in the file replace the current ones.
            </p>
            <Form method="post" encType="multipart/form-data" className="row">
              <textarea name="csv" defaultValue={data.preview.csv} hidden readOnly aria-hidden="true" tabIndex={-1} />
              <SubmitButton
                name="intent"
                value="import"
                pendingText="Importing…"
                disabled={data.preview.created + data.preview.updated === 0}
              >
                {data.preview.created + data.preview.updated === 0 ? "Nothing to import" : "Import these products"}
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
              <caption className="visually-hidden">Problems in the file</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Row
                  </th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
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
        <Card title="1. Start from the template">
          <p>
            <a href="/farm/products/template.csv" className="btn btn-secondary" download>
              Download the template
            </a>
          </p>
          <p className="small muted">
            Open it in any spreadsheet, replace the two example rows with your products, and save as CSV. Up to{" "}
            {MAX_IMPORT_ROWS} products per file. Row numbers in error messages match your spreadsheet (the header is row
            1).
          </p>
          <details>
            <summary>Columns</summary>
            <ul className="small">
              <li>
                <code>{CSV_COLUMNS.name}</code>, <code>{CSV_COLUMNS.category}</code>, <code>{CSV_COLUMNS.unit}</code>,{" "}
                <code>{CSV_COLUMNS.retailPrice}</code>: required.
              </li>
              <li>Categories: {Object.values(CATEGORY_LABELS).join(", ").toLowerCase()}.</li>
              <li>Units: {Object.values(UNIT_SYMBOLS).join(", ")}. Each, bunch and dozen take whole numbers.</li>
              <li>
                Prices in pounds (<code>2.50</code>); <code>{CSV_COLUMNS.gramsPerUnit}</code> is needed except for kg, g
                and lb.
              </li>
              <li>
                A <code>{CSV_COLUMNS.wholesalePrice}</code> needs a <code>{CSV_COLUMNS.wholesaleMin}</code>, and the
                other way round.
              </li>
              <li>
                Dates as <code>YYYY-MM-DD</code>; <code>{CSV_COLUMNS.chilled}</code> is yes or no.
              </li>
            </ul>
          </details>
        </Card>
        <Card title="2. Upload your file">
          <Form method="post" encType="multipart/form-data" className="form">
            <div className="field">
              <label htmlFor="csv-file">CSV file</label>
              <input
                id="csv-file"
                name="file"
                type="file"
                accept=".csv,text/csv"
                required
                aria-describedby="csv-file-hint"
              />
              <p className="field-hint" id="csv-file-hint">
                Up to 1 MB. Comma, semicolon or tab separated; in a semicolon-separated file, prices and quantities may
                use a decimal comma (2,40).
              </p>
            </div>
            <SubmitButton name="intent" value="preview" pendingText="Checking…">
              Check file
            </SubmitButton>
          </Form>
        </Card>
      </div>
    </>
  );
}
