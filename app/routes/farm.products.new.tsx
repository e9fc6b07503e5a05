import { DEFAULT_CURRENCY } from "~/domain/money";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { ProductForm } from "~/components/product/product-form";
import { Card, PageHeader } from "~/components/ui/page";
import { ProductInputSchema } from "~/domain/catalogue-input";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { getFarmForOwner } from "~/models/farm.server";
import { addProduct } from "~/services/product.server";
import { requireOwnFarm } from "~/utils/farm-guard.server";
import { redirectWithToast, requireRole } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "farmer")("productNew.metaTitle") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const farm = await getFarmForOwner({ ownerId: user.id });
  if (!farm) return redirect("/farm/new");
  return json({ currency: farm.hub?.currency ?? DEFAULT_CURRENCY });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const farm = await requireOwnFarm(user.id);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ProductInputSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const product = await addProduct({ farmId: farm.id, data: submission.value });
  const next = formData.get("next") === "another" ? "/farm/products/new" : "/farm/products";
  return redirectWithToast(request, next, serverT("farmer")("productNew.added", { name: product.name }));
}

export default function NewProductPage() {
  const lastResult = useActionData<typeof action>();
  const { currency } = useLoaderData<typeof loader>();
  const { t } = useTranslation("farmer");
  return (
    <>
      <PageHeader
        title={t("productNew.title")}
        description={
          <Trans t={t} i18nKey="productNew.description" components={{ import: <Link to="/farm/products/import" /> }} />
        }
        breadcrumbs={[
          { to: "/farm", label: t("common:nav.myFarm") },
          { to: "/farm/products", label: t("common:nav.products") },
        ]}
      />
      <Card>
        <ProductForm
          currency={currency}
          defaults={{ unit: "KG" }}
          lastResult={lastResult}
          submitLabel={t("productNew.submit")}
        />
      </Card>
    </>
  );
}
