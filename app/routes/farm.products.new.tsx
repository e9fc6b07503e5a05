import { DEFAULT_CURRENCY } from "~/domain/money";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ProductForm } from "~/components/product/product-form";
import { Card, PageHeader } from "~/components/ui/page";
import { ProductInputSchema } from "~/domain/catalogue-input";
import { getFarmForOwner } from "~/models/farm.server";
import { addProduct } from "~/services/product.server";
import { requireOwnFarm } from "~/utils/farm-guard.server";
import { redirectWithToast, requireRole } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Add a product — Foodshed" }];

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
  return redirectWithToast(request, next, `${product.name} was added.`);
}

export default function NewProductPage() {
  const lastResult = useActionData<typeof action>();
  const { currency } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Add a product"
        description={
          <>
            Many products? <Link to="/farm/products/import">Import them from a spreadsheet (CSV)</Link>.
          </>
        }
        breadcrumbs={[
          { to: "/farm", label: "My farm" },
          { to: "/farm/products", label: "Products" },
        ]}
      />
      <Card>
        <ProductForm currency={currency} defaults={{ unit: "KG" }} lastResult={lastResult} submitLabel="Add product" />
      </Card>
    </>
  );
}
