import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { FarmForm } from "~/components/farm/farm-form";
import { PhotoForm } from "~/components/farm/photo-form";
import { mapLinks } from "~/components/map/links";
import { Card, PageHeader } from "~/components/ui/page";
import { FarmInputSchema } from "~/domain/catalogue-input";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { getFarmForOwner } from "~/models/farm.server";
import { removeFarmPhoto, replaceFarmPhoto, updateFarmProfile } from "~/services/farm.server";
import { formatBytes, photoUrl } from "~/services/upload.server";
import { readPhotoUpload } from "~/utils/photo-upload.server";
import discoveryCss from "~/styles/discovery.css";
import { getEnv } from "~/utils/env.server";
import { redirectWithToast, requireRole } from "~/utils/session.server";

export const links: LinksFunction = () => [...mapLinks(), { rel: "stylesheet", href: discoveryCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "farmer")("farmEdit.metaTitle") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const farm = await getFarmForOwner({ ownerId: user.id });
  if (!farm) return redirect("/farm/new");
  return json({
    farm: { ...farm, photoUrl: photoUrl(farm.photoPath, "small") },
    maxBytesLabel: formatBytes(getEnv().UPLOAD_MAX_BYTES),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const farm = await getFarmForOwner({ ownerId: user.id });
  const t = serverT("farmer");
  if (!farm) throw new Response(t("farmEdit.noFarm"), { status: 404 });
  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    const upload = await readPhotoUpload(request);
    if (!upload.ok) return json({ photoError: upload.message }, { status: 400 });
    const result = await replaceFarmPhoto({ ownerId: user.id, file: upload.file });
    if (!result.ok) return json({ photoError: result.message }, { status: result.status });
    return redirectWithToast(request, "/farm/edit", t("photo.updated"));
  }
  const formData = await request.formData();
  if (formData.get("intent") === "remove-photo") {
    const result = await removeFarmPhoto({ ownerId: user.id });
    if (!result.ok) return json({ photoError: result.message }, { status: result.status });
    return redirectWithToast(request, "/farm/edit", t("photo.removed"));
  }
  // A farm id in the form must be the farmer's own: anything else is "not found".
  const farmId = formData.get("farmId");
  if (typeof farmId === "string" && farmId !== farm.id) throw new Response(t("farmEdit.notFound"), { status: 404 });
  const submission = parseWithZod(formData, { schema: FarmInputSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const updated = await updateFarmProfile({ id: farm.id, ownerId: user.id, input: submission.value });
  if (!updated) throw new Response(t("farmEdit.notFound"), { status: 404 });
  return redirectWithToast(request, "/farm", t("farmEdit.saved"));
}

export default function EditFarmPage() {
  const { farm, maxBytesLabel } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const formResult = actionData && !("photoError" in actionData) ? actionData : undefined;
  const { t } = useTranslation("farmer");
  return (
    <>
      <PageHeader
        title={t("farmEdit.title", { name: farm.name })}
        description={
          <Trans
            t={t}
            i18nKey="farmEdit.publicPage"
            values={{ path: `/farms/${farm.slug}` }}
            components={{ page: <Link to={`/farms/${farm.slug}`} /> }}
          />
        }
        breadcrumbs={[{ to: "/farm", label: t("common:nav.myFarm") }]}
      />
      <div className="grid grid-2" style={{ alignItems: "start" }}>
        <Card title={t("farmEdit.profile")}>
          <FarmForm
            defaults={{
              name: farm.name,
              story: farm.story,
              certifications: farm.certifications.join(", "),
              contactEmail: farm.contactEmail ?? "",
              contactPhone: farm.contactPhone ?? "",
              address: farm.address ?? "",
              lat: String(farm.lat),
              lng: String(farm.lng),
              pickupInstructions: farm.pickupInstructions,
            }}
            lastResult={formResult}
            initialCenter={[farm.lat, farm.lng]}
            submitLabel={t("farmEdit.submit")}
          />
        </Card>
        <Card title={t("photo.title")}>
          <PhotoForm
            photoUrl={farm.photoUrl}
            alt={farm.name}
            error={actionData && "photoError" in actionData ? actionData.photoError : null}
            maxBytesLabel={maxBytesLabel}
            removable
          />
        </Card>
      </div>
    </>
  );
}
