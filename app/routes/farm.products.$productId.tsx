import { DEFAULT_CURRENCY } from "~/domain/money";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PhotoForm } from "~/components/farm/photo-form";
import { LOADED_STOCK_FIELD, ProductForm } from "~/components/product/product-form";
import { SubmitButton } from "~/components/ui/button";
import { Alert, Card, PageHeader } from "~/components/ui/page";
import { ProductInputSchema } from "~/domain/catalogue-input";
import { minorToInput } from "~/domain/money";
import { milliToInput } from "~/domain/quantity";
import { metaT } from "~/i18n/i18n";
import { serverFormat, serverT } from "~/i18n/i18n.server";
import { getProductForFarm } from "~/models/product.server";
import {
  archiveProduct,
  editProduct,
  removeProductPhoto,
  replaceProductPhoto,
  stockChangedMessage,
} from "~/services/product.server";
import { formatBytes, photoUrl } from "~/services/upload.server";
import { readPhotoUpload } from "~/utils/photo-upload.server";
import { requireOwnFarm } from "~/utils/farm-guard.server";
import discoveryCss from "~/styles/discovery.css";
import { getEnv } from "~/utils/env.server";
import { redirectWithToast, requireRole } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: discoveryCss }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches, "farmer");
  return [{ title: t("productEdit.metaTitle", { name: data?.product.name ?? t("productEdit.metaFallback") }) }];
};

const LoadedStockSchema = z
  .string()
  .regex(/^\d{1,12}$/)
  .transform(Number);

const notFound = () => new Response(serverT("farmer")("productEdit.notFound"), { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const farm = await requireOwnFarm(user.id);
  const product = await getProductForFarm({ id: params.productId ?? "", farmId: farm.id });
  if (!product) throw notFound();
  return json({
    product: { ...product, photoUrl: photoUrl(product.photoPath, "small") },
    maxBytesLabel: formatBytes(getEnv().UPLOAD_MAX_BYTES),
    currency: farm.hub?.currency ?? DEFAULT_CURRENCY,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const farm = await requireOwnFarm(user.id);
  const productId = params.productId ?? "";
  // Look the product up by farm first: another farm's id is 404 whatever the request says.
  const product = await getProductForFarm({ id: productId, farmId: farm.id });
  if (!product) throw notFound();
  const back = `/farm/products/${productId}`;
  const t = serverT("farmer");
  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    const upload = await readPhotoUpload(request);
    if (!upload.ok) return json({ photoError: upload.message }, { status: 400 });
    const result = await replaceProductPhoto({ farmId: farm.id, productId, file: upload.file });
    if (!result.ok) return json({ photoError: result.message }, { status: result.status });
    return redirectWithToast(request, back, t("photo.updated"));
  }
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "remove-photo") {
    const result = await removeProductPhoto({ farmId: farm.id, productId });
    if (!result.ok) return json({ photoError: result.message }, { status: result.status });
    return redirectWithToast(request, back, t("photo.removed"));
  }
  if (intent === "archive" || intent === "restore") {
    await archiveProduct({ farmId: farm.id, productId, archived: intent === "archive" });
    return redirectWithToast(
      request,
      intent === "archive" ? "/farm/products" : back,
      intent === "archive"
        ? t("productEdit.archived", { name: product.name })
        : t("productEdit.restored", { name: product.name }),
    );
  }
  const submission = parseWithZod(formData, { schema: ProductInputSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  // The stock the form showed when it was opened (hidden field): without it we cannot tell an
  // untouched stock from a typed one, so an old or hand-made form is refused.
  const loaded = LoadedStockSchema.safeParse(formData.get(LOADED_STOCK_FIELD));
  if (!loaded.success) return json(submission.reply({ formErrors: [t("productEdit.outOfDate")] }), { status: 400 });
  const result = await editProduct({
    farmId: farm.id,
    productId,
    data: submission.value,
    loadedStockMilli: loaded.data,
  });
  if (!result.ok && result.reason === "not-found") throw notFound();
  if (!result.ok) {
    // Nothing was saved: the form comes back with what the farmer typed and the current stock.
    return json(
      {
        ...submission.reply({
          formErrors: [stockChangedMessage(serverFormat().quantity(result.stockMilli, submission.value.unit))],
        }),
        currentStockMilli: result.stockMilli,
      },
      { status: 409 },
    );
  }
  return redirectWithToast(request, "/farm/products", t("productEdit.saved", { name: submission.value.name }));
}

const dateInput = (value: string | null) => (value ? value.slice(0, 10) : "");

export default function EditProductPage() {
  const { product, maxBytesLabel, currency } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const photoError = actionData && "photoError" in actionData ? actionData.photoError : null;
  const formResult = actionData && !("photoError" in actionData) ? actionData : undefined;
  const conflictStock = formResult && "currentStockMilli" in formResult ? formResult.currentStockMilli : undefined;
  const currentStockMilli = typeof conflictStock === "number" ? conflictStock : undefined;
  const { t } = useTranslation("farmer");
  return (
    <>
      <PageHeader
        title={t("productEdit.title", { name: product.name })}
        breadcrumbs={[
          { to: "/farm", label: t("common:nav.myFarm") },
          { to: "/farm/products", label: t("common:nav.products") },
        ]}
      />
      {product.archivedAt ? (
        <Alert tone="warning">
          {t("productEdit.archivedNotice")}{" "}
          <Form method="post" style={{ display: "inline" }}>
            <SubmitButton variant="secondary" className="btn-small" name="intent" value="restore">
              {t("productEdit.restore")}
            </SubmitButton>
          </Form>
        </Alert>
      ) : null}
      <div className="grid grid-2" style={{ alignItems: "start" }}>
        <Card>
          <ProductForm
            key={product.id}
            currency={currency}
            lastResult={formResult}
            loadedStockMilli={currentStockMilli ?? product.stockMilli}
            submitLabel={t("productEdit.submit")}
            defaults={{
              name: product.name,
              description: product.description,
              category: product.category,
              unit: product.unit,
              gramsPerUnit: String(product.gramsPerUnit),
              retailPrice: minorToInput(product.retailPriceMinor),
              wholesalePrice: minorToInput(product.wholesalePriceMinor),
              wholesaleMin: product.wholesaleMinMilli === null ? "" : milliToInput(product.wholesaleMinMilli),
              stock: milliToInput(product.stockMilli),
              lowStock: milliToInput(product.lowStockMilli),
              chilled: product.chilled ? "on" : "",
              soldByWeight: product.soldByWeight ? "on" : "",
              availableFrom: dateInput(product.availableFrom),
              availableTo: dateInput(product.availableTo),
            }}
          />
        </Card>
        <div>
          <Card title={t("photo.title")}>
            <PhotoForm
              photoUrl={product.photoUrl}
              alt={product.name}
              error={photoError}
              maxBytesLabel={maxBytesLabel}
              removable
            />
          </Card>
          {!product.archivedAt ? (
            <Card title={t("productEdit.archive.title")}>
              <p className="small muted">{t("productEdit.archive.body")}</p>
              <Form method="post">
                <SubmitButton
                  variant="danger"
                  name="intent"
                  value="archive"
                  pendingText={t("productEdit.archive.submitting")}
                >
                  {t("productEdit.archive.submit")}
                </SubmitButton>
              </Form>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
