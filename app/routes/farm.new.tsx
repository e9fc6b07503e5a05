import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FarmForm } from "~/components/farm/farm-form";
import { mapLinks } from "~/components/map/links";
import { Card, PageHeader } from "~/components/ui/page";
import { FarmInputSchema } from "~/domain/catalogue-input";
import { getFarmForOwner } from "~/models/farm.server";
import { resolveCentre } from "~/services/discovery.server";
import { createFarmForOwner } from "~/services/farm.server";
import discoveryCss from "~/styles/discovery.css";
import { redirectWithToast, requireRole } from "~/utils/session.server";

export const links: LinksFunction = () => [...mapLinks(), { rel: "stylesheet", href: discoveryCss }];
export const meta: MetaFunction = () => [{ title: "Create your farm — Foodshed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  if (await getFarmForOwner({ ownerId: user.id })) return redirect("/farm/edit");
  const { centre } = await resolveCentre({ url: new URL(request.url), user });
  return json({ centre: [centre.lat, centre.lng] as [number, number], email: user.email });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const submission = parseWithZod(await request.formData(), { schema: FarmInputSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const result = await createFarmForOwner({ ownerId: user.id, input: submission.value });
  if (!result.ok) return json(submission.reply({ formErrors: [result.message] }), { status: 400 });
  return redirectWithToast(
    request,
    "/farm/products/new",
    `${result.farm.name} is on the map. Now add your first product.`,
  );
}

export default function NewFarmPage() {
  const { centre, email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title="Create your farm"
        description="Tell buyers who you are and where you are. You can change all of this later."
        breadcrumbs={[{ to: "/farm", label: "My farm" }]}
      />
      <Card>
        <FarmForm
          defaults={{ contactEmail: email }}
          lastResult={lastResult}
          initialCenter={centre}
          submitLabel="Create farm"
        />
      </Card>
    </>
  );
}
