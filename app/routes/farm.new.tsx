import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FarmForm } from "~/components/farm/farm-form";
import { mapLinks } from "~/components/map/links";
import { Card, PageHeader } from "~/components/ui/page";
import { FarmInputSchema } from "~/domain/catalogue-input";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { getFarmForOwner } from "~/models/farm.server";
import { resolveCentre } from "~/services/discovery.server";
import { createFarmForOwner } from "~/services/farm.server";
import discoveryCss from "~/styles/discovery.css";
import { redirectWithToast, requireRole } from "~/utils/session.server";

export const links: LinksFunction = () => [...mapLinks(), { rel: "stylesheet", href: discoveryCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "farmer")("farmNew.metaTitle") }];

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
    serverT("farmer")("farmNew.created", { name: result.farm.name }),
  );
}

export default function NewFarmPage() {
  const { centre, email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("farmer");
  return (
    <>
      <PageHeader
        title={t("farmNew.title")}
        description={t("farmNew.description")}
        breadcrumbs={[{ to: "/farm", label: t("common:nav.myFarm") }]}
      />
      <Card>
        <FarmForm
          defaults={{ contactEmail: email }}
          lastResult={lastResult}
          initialCenter={centre}
          submitLabel={t("farmNew.submit")}
        />
      </Card>
    </>
  );
}
